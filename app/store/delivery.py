"""Store-side steps of delivering the outbox: each one short transaction, never across I/O.

The sync engine reads what to send, talks to the server outside any transaction, then
records the outcome here: delete delivered entries, give runs and results their server ids,
reschedule after a transient failure, or park an entry for the user.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, delete, func, select, update

from app.store.engine import redoable_write, write_session
from app.store.outbox import PARKED_STATES, OutboxKind, OutboxState
from app.store.queries import OUTBOX, OUTBOX_COLUMNS, RESULT, RUN, outbox_record
from app.store.records import OutboxRecord

_UNSENT = [OutboxState.PENDING.value, OutboxState.IN_FLIGHT.value]


@dataclass(frozen=True, slots=True)
class RunTarget:
    """What the engine needs to address a run on the server."""

    id: int
    project_id: str
    server_id: str | None
    name: str


@dataclass(frozen=True, slots=True)
class ResultTarget:
    """What the engine needs to address a result on the server."""

    id: int
    run_id: int
    server_id: str | None
    test_case_id: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """The server's answer to a close, as far as the local run keeps it."""

    status: str
    pass_rate: float | None
    closed_at: datetime | None
    updated_at: datetime | None


class Delivery:
    """Reads and writes the outbox on behalf of the sync engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # Reading -------------------------------------------------------------------------

    def runs_with_entries(self, project_id: str) -> list[RunTarget]:
        """Runs of the project with undelivered entries, in the order of their first entry."""
        first = (
            select(OUTBOX.c.run_id, func.min(OUTBOX.c.seq).label("first"))
            .group_by(OUTBOX.c.run_id)
            .subquery()
        )
        query = (
            select(RUN.c.id, RUN.c.project_id, RUN.c.server_id, RUN.c.name)
            .join(first, first.c.run_id == RUN.c.id)
            .where(RUN.c.project_id == project_id)
            .order_by(first.c.first)
        )
        with self._engine.connect() as connection:
            return [RunTarget(*row) for row in connection.execute(query)]

    def entries_of_run(self, run_id: int) -> list[OutboxRecord]:
        """Every undelivered entry of the run, parked ones included, in `seq` order."""
        query = select(*OUTBOX_COLUMNS).where(OUTBOX.c.run_id == run_id).order_by(OUTBOX.c.seq)
        with self._engine.connect() as connection:
            return [outbox_record(row) for row in connection.execute(query)]

    def run(self, run_id: int) -> RunTarget:
        query = select(RUN.c.id, RUN.c.project_id, RUN.c.server_id, RUN.c.name)
        with self._engine.connect() as connection:
            row = connection.execute(query.where(RUN.c.id == run_id)).one()
        return RunTarget(*row)

    def results(self, result_ids: Iterable[int]) -> dict[int, ResultTarget]:
        columns = (RESULT.c.id, RESULT.c.run_id, RESULT.c.server_id, RESULT.c.test_case_id)
        query = select(*columns).where(RESULT.c.id.in_(list(result_ids)))
        with self._engine.connect() as connection:
            return {row[0]: ResultTarget(*row) for row in connection.execute(query)}

    def known_server_run_ids(self, project_id: str) -> set[str]:
        query = select(RUN.c.server_id).where(
            RUN.c.project_id == project_id, RUN.c.server_id.is_not(None)
        )
        with self._engine.connect() as connection:
            return {row[0] for row in connection.execute(query)}

    # Recording outcomes --------------------------------------------------------------

    def mark_in_flight(self, seqs: Iterable[int]) -> None:
        """Note that these entries are being sent: after a crash, their fate is unknown."""
        self._set_state(seqs, OutboxState.IN_FLIGHT, None)

    def delivered(self, seqs: Iterable[int]) -> None:
        """Forget entries the server acknowledged.

        Their writes replace values on the server, so sending one again is harmless: the
        commit skips the disk flush (a power loss can only make them be sent once more).
        """
        with redoable_write(self._engine) as connection:
            connection.execute(delete(OUTBOX).where(OUTBOX.c.seq.in_(list(seqs))))

    def created(self, entry_seq: int, run_id: int, server_run_id: str) -> None:
        """The run's create was acknowledged: it has its server id, the entry is done."""
        with write_session(self._engine) as session:
            connection = session.connection()
            connection.execute(
                update(RUN).where(RUN.c.id == run_id).values(server_id=server_run_id)
            )
            connection.execute(delete(OUTBOX).where(OUTBOX.c.seq == entry_seq))

    def learn_result_ids(self, run_id: int, server_ids_by_case: Mapping[str, str]) -> None:
        """Give the run's results their server ids, matched by test case."""
        with write_session(self._engine) as session:
            connection = session.connection()
            for case_id, server_id in server_ids_by_case.items():
                connection.execute(
                    update(RESULT)
                    .where(
                        RESULT.c.run_id == run_id,
                        RESULT.c.test_case_id == case_id,
                        RESULT.c.server_id.is_(None),
                    )
                    .values(server_id=server_id)
                )

    def closed(self, entry_seq: int, run_id: int, outcome: Outcome) -> None:
        with write_session(self._engine) as session:
            connection = session.connection()
            values: dict[str, object] = {"status": outcome.status, "updated_at": outcome.updated_at}
            if outcome.pass_rate is not None:
                values["pass_rate"] = outcome.pass_rate
            if outcome.closed_at is not None:
                values["closed_at"] = outcome.closed_at
            connection.execute(update(RUN).where(RUN.c.id == run_id).values(**values))
            connection.execute(delete(OUTBOX).where(OUTBOX.c.seq == entry_seq))

    def reschedule(
        self, seq: int, error: str, next_attempt_at: datetime, *, keep_in_flight: bool = False
    ) -> None:
        """A transient failure: try again later; `keep_in_flight` marks an ambiguous send."""
        state = OutboxState.IN_FLIGHT if keep_in_flight else OutboxState.PENDING
        with write_session(self._engine) as session:
            session.connection().execute(
                update(OUTBOX)
                .where(OUTBOX.c.seq == seq)
                .values(
                    state=state.value,
                    attempts=OUTBOX.c.attempts + 1,
                    next_attempt_at=next_attempt_at,
                    last_error=error,
                )
            )

    def release(self, seqs: Iterable[int]) -> None:
        """Entries marked in flight that were certainly not sent go back to pending."""
        self._set_state(seqs, OutboxState.PENDING, None, only_in_flight=True)

    def park(self, seqs: Iterable[int], state: OutboxState, reason: str) -> None:
        """Set entries aside for the user; they never block unrelated entries."""
        if state not in PARKED_STATES:
            raise ValueError(f"{state} is not a parked state")
        self._set_state(seqs, state, reason)

    def park_unsent_of_run(self, run_id: int, state: OutboxState, reason: str) -> list[int]:
        """Park every not-yet-parked entry of a run (the server closed it, say)."""
        with write_session(self._engine) as session:
            connection = session.connection()
            seqs = _unsent_seqs(connection, run_id)
            _update_state(connection, seqs, state, reason)
        return seqs

    def retry(self, seq: int) -> bool:
        """Put a parked entry back in the queue; False when there is no such parked entry."""
        with write_session(self._engine) as session:
            changed = session.connection().execute(
                update(OUTBOX)
                .where(OUTBOX.c.seq == seq, OUTBOX.c.state.in_([s.value for s in PARKED_STATES]))
                .values(state=OutboxState.PENDING.value, next_attempt_at=None, last_error=None)
            )
            return changed.rowcount > 0

    def requeue_waiting_support(self, project_id: str) -> int:
        """Put the project's entries waiting for server support back in the queue."""
        runs = select(RUN.c.id).where(RUN.c.project_id == project_id)
        with write_session(self._engine) as session:
            changed = session.connection().execute(
                update(OUTBOX)
                .where(
                    OUTBOX.c.state == OutboxState.WAITING_SUPPORT.value,
                    OUTBOX.c.run_id.in_(runs),
                )
                .values(state=OutboxState.PENDING.value, next_attempt_at=None)
            )
            return changed.rowcount

    def discard(self, seq: int) -> list[int]:
        """Drop an entry for good; returns the local ids of runs it removed.

        Discarding a run's create also discards everything queued for that run and the
        local run itself, which would otherwise never reach the server.
        """
        with write_session(self._engine) as session:
            connection = session.connection()
            entry = connection.execute(
                select(OUTBOX.c.kind, OUTBOX.c.run_id).where(OUTBOX.c.seq == seq)
            ).first()
            if entry is None:
                return []
            kind, run_id = entry
            if kind != OutboxKind.CREATE_RUN.value:
                connection.execute(delete(OUTBOX).where(OUTBOX.c.seq == seq))
                # The next pull fetches the run again, bringing back the server's values.
                connection.execute(
                    update(RUN).where(RUN.c.id == run_id).values(remote_fingerprint=None)
                )
                return []
            connection.execute(delete(OUTBOX).where(OUTBOX.c.run_id == run_id))
            connection.execute(delete(RUN).where(RUN.c.id == run_id))
            return [run_id]

    def _set_state(
        self,
        seqs: Iterable[int],
        state: OutboxState,
        reason: str | None,
        *,
        only_in_flight: bool = False,
    ) -> None:
        with write_session(self._engine) as session:
            _update_state(session.connection(), list(seqs), state, reason, only_in_flight)


def _unsent_seqs(connection: Connection, run_id: int) -> list[int]:
    query = select(OUTBOX.c.seq).where(OUTBOX.c.run_id == run_id, OUTBOX.c.state.in_(_UNSENT))
    return [row[0] for row in connection.execute(query)]


def _update_state(
    connection: Connection,
    seqs: list[int],
    state: OutboxState,
    reason: str | None,
    only_in_flight: bool = False,
) -> None:
    if not seqs:
        return
    query = update(OUTBOX).where(OUTBOX.c.seq.in_(seqs))
    if only_in_flight:
        query = query.where(OUTBOX.c.state == OutboxState.IN_FLIGHT.value)
    values: dict[str, object] = {"state": state.value}
    if reason is not None:
        values["last_error"] = reason
    connection.execute(query.values(**values))
