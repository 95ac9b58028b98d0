"""Indexes for the run list, the results of a run and the outbox queue.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.create_index("ix_milestone_project_id", ["project_id"], unique=False)

    with op.batch_alter_table("run", schema=None) as batch_op:
        batch_op.create_index(
            "ix_run_project_id_created_at", ["project_id", "created_at"], unique=False
        )

    with op.batch_alter_table("test_case", schema=None) as batch_op:
        batch_op.create_index("ix_test_case_project_id", ["project_id"], unique=False)

    with op.batch_alter_table("result", schema=None) as batch_op:
        batch_op.create_index("ix_result_run_id_position", ["run_id", "position"], unique=False)

    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_result_id", ["result_id"], unique=False)
        batch_op.create_index("ix_outbox_run_id", ["run_id"], unique=False)
        batch_op.create_index("ix_outbox_state", ["state"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_result_id")
        batch_op.drop_index("ix_outbox_run_id")
        batch_op.drop_index("ix_outbox_state")

    with op.batch_alter_table("result", schema=None) as batch_op:
        batch_op.drop_index("ix_result_run_id_position")

    with op.batch_alter_table("test_case", schema=None) as batch_op:
        batch_op.drop_index("ix_test_case_project_id")

    with op.batch_alter_table("run", schema=None) as batch_op:
        batch_op.drop_index("ix_run_project_id_created_at")

    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_index("ix_milestone_project_id")
