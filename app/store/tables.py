"""The cache's tables as SQLAlchemy Core sees them: what queries and bulk writes use.

`app.store.models` defines the same tables as SQLModel classes, for the edits and the sync
engine's object work. Defining a SQLModel table class costs about ten times more than a
Core table (pydantic and the ORM mapper build a good deal for each), so the desktop app's
start, which only reads, uses these and loads the classes after its first paint. The
defaults are the classes' defaults, which Core inserts (a pull's bulk writes) rely on.
`tests/unit/store/test_tables.py` holds the two definitions equal, column for column.
"""

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)

from app.store.types import UTCDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _project_id(*, primary_key: bool = False) -> Column[str]:
    return Column(
        "project_id",
        String,
        ForeignKey("project.id", ondelete="CASCADE"),
        nullable=False,
        primary_key=primary_key,
    )


def _timestamp(name: str, *, nullable: bool = True) -> Column[object]:
    return Column(name, UTCDateTime, nullable=nullable)


def _text(name: str, *, nullable: bool = True) -> Column[str]:
    return Column(name, String, nullable=nullable)


def _count(name: str) -> Column[int]:
    return Column(name, Integer, nullable=False, default=0)


PROJECT = Table(
    "project",
    metadata,
    Column("id", String, primary_key=True),
    _text("name", nullable=False),
    _text("prefix"),
    _text("description"),
    _timestamp("created_at"),
    _timestamp("updated_at"),
)

MILESTONE = Table(
    "milestone",
    metadata,
    Column("id", String, primary_key=True),
    _project_id(),
    _text("name", nullable=False),
    _text("description"),
    _text("status"),
    _text("start_date"),
    _text("due_date"),
    _text("parent_id"),
    Column("progress", Float),
    _timestamp("created_at"),
    _timestamp("updated_at"),
    Index("ix_milestone_project_id", "project_id"),
)

TEST_CASE = Table(
    "test_case",
    metadata,
    Column("id", String, primary_key=True),
    _project_id(),
    _text("title", nullable=False),
    _text("folder_id"),
    _text("priority"),
    _text("type"),
    _text("precondition"),
    _text("expected_result"),
    _timestamp("created_at"),
    _timestamp("updated_at"),
    Index("ix_test_case_project_id", "project_id"),
)

STEP = Table(
    "test_case_step",
    metadata,
    Column(
        "test_case_id",
        String,
        ForeignKey("test_case.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("position", Integer, primary_key=True),
    _text("action", nullable=False),
    _text("expected"),
)

RUN = Table(
    "run",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("server_id", String, unique=True),
    Column("project_id", String, ForeignKey("project.id"), nullable=False),
    _text("name", nullable=False),
    _text("milestone_id"),
    Column("status", String, nullable=False, default="active"),
    _text("created_by"),
    _timestamp("created_at", nullable=False),
    _timestamp("updated_at"),
    _timestamp("closed_at"),
    Column("pass_rate", Float),
    _count("passed"),
    _count("failed"),
    _count("blocked"),
    _count("retest"),
    _count("not_tested"),
    _text("remote_fingerprint"),
    Column("missing_on_server", Boolean, nullable=False, default=False),
    Index("ix_run_project_id_created_at", "project_id", "created_at"),
)

RESULT = Table(
    "result",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("server_id", String, unique=True),
    Column("run_id", Integer, ForeignKey("run.id", ondelete="CASCADE"), nullable=False),
    _text("test_case_id", nullable=False),
    _text("test_case_title", nullable=False),
    _count("position"),
    Column("status", String, nullable=False, default="not_tested"),
    _text("note"),
    Column("elapsed", Integer),
    _text("tested_by"),
    _timestamp("tested_at"),
    _timestamp("executed_at"),
    UniqueConstraint("run_id", "test_case_id", name="uq_result_run_id_test_case_id"),
    Index("ix_result_run_id_position", "run_id", "position"),
)

OUTBOX = Table(
    "outbox",
    metadata,
    Column("seq", Integer, primary_key=True),
    _text("kind", nullable=False),
    Column("run_id", Integer, ForeignKey("run.id"), nullable=False),
    Column("result_id", Integer, ForeignKey("result.id")),
    _text("payload", nullable=False),
    Column("idempotency_key", String, nullable=False, unique=True),
    Column("state", String, nullable=False, default="pending"),
    _count("attempts"),
    _timestamp("next_attempt_at"),
    _text("last_error"),
    _timestamp("created_at", nullable=False),
    Index("ix_outbox_state", "state"),
    Index("ix_outbox_run_id", "run_id"),
    Index("ix_outbox_result_id", "result_id"),
    sqlite_autoincrement=True,
)

SYNC_STATE = Table(
    "sync_state",
    metadata,
    _project_id(primary_key=True),
    _timestamp("last_attempt_at"),
    _timestamp("last_success_at"),
    _text("last_error"),
    _text("connection_state"),
)
