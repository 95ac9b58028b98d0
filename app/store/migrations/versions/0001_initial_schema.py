"""Initial schema: the cache, the outbox and sync state.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import app.store.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "project",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("prefix", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", app.store.types.UTCDateTime(), nullable=True),
        sa.Column("updated_at", app.store.types.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
    )
    op.create_table(
        "milestone",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("project_id", sa.String(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("start_date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("due_date", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("parent_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("progress", sa.Float(), nullable=True),
        sa.Column("created_at", app.store.types.UTCDateTime(), nullable=True),
        sa.Column("updated_at", app.store.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_milestone_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestone")),
    )
    op.create_table(
        "run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("project_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("milestone_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", app.store.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", app.store.types.UTCDateTime(), nullable=True),
        sa.Column("closed_at", app.store.types.UTCDateTime(), nullable=True),
        sa.Column("pass_rate", sa.Float(), nullable=True),
        sa.Column("passed", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("blocked", sa.Integer(), nullable=False),
        sa.Column("retest", sa.Integer(), nullable=False),
        sa.Column("not_tested", sa.Integer(), nullable=False),
        sa.Column("remote_fingerprint", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("missing_on_server", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_run_project_id_project")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_run")),
        sa.UniqueConstraint("server_id", name=op.f("uq_run_server_id")),
    )
    op.create_table(
        "sync_state",
        sa.Column("project_id", sa.String(), nullable=False),
        sa.Column("last_attempt_at", app.store.types.UTCDateTime(), nullable=True),
        sa.Column("last_success_at", app.store.types.UTCDateTime(), nullable=True),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("paused_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_sync_state_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "test_case",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("project_id", sa.String(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("folder_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("priority", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("type", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("precondition", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("expected_result", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", app.store.types.UTCDateTime(), nullable=True),
        sa.Column("updated_at", app.store.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_test_case_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_test_case")),
    )
    op.create_table(
        "result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("test_case_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("test_case_title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("elapsed", sa.Integer(), nullable=True),
        sa.Column("tested_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("tested_at", app.store.types.UTCDateTime(), nullable=True),
        sa.Column("executed_at", app.store.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"], ["run.id"], name=op.f("fk_result_run_id_run"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_result")),
        sa.UniqueConstraint("run_id", "test_case_id", name="uq_result_run_id_test_case_id"),
        sa.UniqueConstraint("server_id", name=op.f("uq_result_server_id")),
    )
    op.create_table(
        "test_case_step",
        sa.Column("test_case_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("expected", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(
            ["test_case_id"],
            ["test_case.id"],
            name=op.f("fk_test_case_step_test_case_id_test_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("test_case_id", "position", name=op.f("pk_test_case_step")),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("result_id", sa.Integer(), nullable=True),
        sa.Column("payload", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("idempotency_key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", app.store.types.UTCDateTime(), nullable=True),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", app.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["result_id"], ["result.id"], name=op.f("fk_outbox_result_id_result")
        ),
        sa.ForeignKeyConstraint(["run_id"], ["run.id"], name=op.f("fk_outbox_run_id_run")),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_outbox_idempotency_key")),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("outbox")
    op.drop_table("test_case_step")
    op.drop_table("result")
    op.drop_table("test_case")
    op.drop_table("sync_state")
    op.drop_table("run")
    op.drop_table("milestone")
    op.drop_table("project")
