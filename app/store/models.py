"""The tables of the local cache.

Rows keyed by the server's id (projects, milestones, test cases) are pure cache. Runs and
results have a local surrogate key plus a nullable `server_id`: a run created offline exists
at once and learns its server id when the create is acknowledged; nothing is ever re-keyed.

Runs and results hold the values the tester sees. A value with an unsent change lives in the
row *and* in its outbox entry's payload; the sync engine keeps the row's value while such an
entry is pending, so a pull never overwrites unsent work. Server-owned fields (`created_by`,
`tested_by`, `tested_at`, `updated_at`, `remote_fingerprint`) are written by sync only.
"""

# No `from __future__ import annotations`: SQLModel reads the annotations at class creation.

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.store.types import UTCDateTime

# Named constraints let Alembic's batch mode alter SQLite tables later on.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Project(SQLModel, table=True):
    """A Testably project the token can see."""

    __tablename__ = "project"

    id: str = Field(primary_key=True)
    name: str
    prefix: str | None = None
    description: str | None = None
    created_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Milestone(SQLModel, table=True):
    """A milestone runs can be linked to. Its status is displayed, never interpreted."""

    __tablename__ = "milestone"
    __table_args__ = (Index("ix_milestone_project_id", "project_id"),)

    id: str = Field(primary_key=True)
    project_id: str = Field(
        sa_column=Column(String, ForeignKey("project.id", ondelete="CASCADE"), nullable=False)
    )
    name: str
    description: str | None = None
    status: str | None = None
    start_date: str | None = None
    due_date: str | None = None
    parent_id: str | None = None
    progress: float | None = None
    created_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class TestCase(SQLModel, table=True):
    """A test case of the project, as cached from the server."""

    __tablename__ = "test_case"
    __table_args__ = (Index("ix_test_case_project_id", "project_id"),)

    id: str = Field(primary_key=True)
    project_id: str = Field(
        sa_column=Column(String, ForeignKey("project.id", ondelete="CASCADE"), nullable=False)
    )
    title: str
    folder_id: str | None = None
    priority: str | None = None
    type: str | None = None
    precondition: str | None = None
    expected_result: str | None = None
    created_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class TestCaseStep(SQLModel, table=True):
    """One step of a test case: what to do and what should happen."""

    __tablename__ = "test_case_step"

    test_case_id: str = Field(
        sa_column=Column(String, ForeignKey("test_case.id", ondelete="CASCADE"), primary_key=True)
    )
    position: int = Field(primary_key=True)
    action: str
    expected: str | None = None


class Run(SQLModel, table=True):
    """A test run, cached from the server or created here (then `server_id` is None)."""

    __tablename__ = "run"
    __table_args__ = (Index("ix_run_project_id_created_at", "project_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    server_id: str | None = Field(default=None, unique=True)
    project_id: str = Field(foreign_key="project.id")
    name: str
    milestone_id: str | None = None
    status: str = "active"
    created_by: str | None = None
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    pass_rate: float | None = None
    passed: int = 0
    failed: int = 0
    blocked: int = 0
    retest: int = 0
    not_tested: int = 0
    remote_fingerprint: str | None = None
    missing_on_server: bool = False


class Result(SQLModel, table=True):
    """The result of one test case in one run."""

    __tablename__ = "result"
    __table_args__ = (
        UniqueConstraint("run_id", "test_case_id", name="uq_result_run_id_test_case_id"),
        Index("ix_result_run_id_position", "run_id", "position"),
    )

    id: int | None = Field(default=None, primary_key=True)
    server_id: str | None = Field(default=None, unique=True)
    run_id: int = Field(
        sa_column=Column(Integer, ForeignKey("run.id", ondelete="CASCADE"), nullable=False)
    )
    test_case_id: str
    test_case_title: str
    position: int = 0
    status: str = "not_tested"
    note: str | None = None
    elapsed: int | None = None
    tested_by: str | None = None
    tested_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    executed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class OutboxEntry(SQLModel, table=True):
    """One local change waiting to be delivered to the server, in `seq` order.

    Deleting a run or result that an entry still refers to fails (no cascade): unsent work
    can only leave through delivery or an explicit discard.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_state", "state"),
        Index("ix_outbox_run_id", "run_id"),
        Index("ix_outbox_result_id", "result_id"),
        {"sqlite_autoincrement": True},
    )

    seq: int | None = Field(default=None, primary_key=True)
    kind: str
    run_id: int = Field(foreign_key="run.id")
    result_id: int | None = Field(default=None, foreign_key="result.id")
    payload: str
    idempotency_key: str = Field(unique=True)
    state: str = "pending"
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = None
    created_at: datetime = Field(sa_type=UTCDateTime)


class SyncState(SQLModel, table=True):
    """What the sync engine remembers about a project between passes."""

    __tablename__ = "sync_state"

    project_id: str = Field(
        sa_column=Column(String, ForeignKey("project.id", ondelete="CASCADE"), primary_key=True)
    )
    last_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_success_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = None
    connection_state: str | None = None


metadata = SQLModel.metadata
