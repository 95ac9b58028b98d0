"""What the sync engine remembers between passes, and the outbox counts it reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, case, func, select

from app.store.engine import write_session
from app.store.models import Project, SyncState
from app.store.outbox import PARKED_STATES, OutboxState
from app.store.tables import OUTBOX, RUN, SYNC_STATE

_PARKED = [state.value for state in PARKED_STATES]


@dataclass(frozen=True, slots=True)
class PassMemory:
    """The outcome of the last pass for a project."""

    last_attempt_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error: str | None = None
    connection_state: str | None = None


@dataclass(frozen=True, slots=True)
class OutboxCounts:
    """Undelivered entries of a project, by where they stand."""

    undelivered: int
    parked: int
    waiting_support: int
    oldest_created_at: datetime | None


class SyncMemory:
    """Reads and writes the `sync_state` row of each project."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def load(self, project_id: str) -> PassMemory:
        query = select(
            SYNC_STATE.c.last_attempt_at,
            SYNC_STATE.c.last_success_at,
            SYNC_STATE.c.last_error,
            SYNC_STATE.c.connection_state,
        ).where(SYNC_STATE.c.project_id == project_id)
        with self._engine.connect() as connection:
            row = connection.execute(query).first()
        return PassMemory(*row) if row else PassMemory()

    def record(self, project_id: str, memory: PassMemory) -> None:
        """Remember a pass's outcome (the project row is made if no pull has run yet)."""
        with write_session(self._engine) as session:
            if session.get(Project, project_id) is None:
                session.add(Project(id=project_id, name=project_id))
                session.flush()
            state = session.get(SyncState, project_id) or SyncState(project_id=project_id)
            state.last_attempt_at = memory.last_attempt_at
            state.last_success_at = memory.last_success_at
            state.last_error = memory.last_error
            state.connection_state = memory.connection_state
            session.add(state)

    def counts(self, project_id: str) -> OutboxCounts:
        waiting = OutboxState.WAITING_SUPPORT.value
        query = (
            select(
                func.count(),
                func.coalesce(func.sum(case((OUTBOX.c.state.in_(_PARKED), 1), else_=0)), 0),
                func.coalesce(func.sum(case((OUTBOX.c.state == waiting, 1), else_=0)), 0),
                func.min(OUTBOX.c.created_at),
            )
            .select_from(OUTBOX.join(RUN, RUN.c.id == OUTBOX.c.run_id))
            .where(RUN.c.project_id == project_id)
        )
        with self._engine.connect() as connection:
            total, parked, waiting_support, oldest = connection.execute(query).one()
        return OutboxCounts(int(total), int(parked), int(waiting_support), oldest)
