"""Store-side steps of delivering the outbox: each one short transaction, never across I/O.

The sync engine reads what to send, talks to the server outside any transaction, then
records the outcome here: delete delivered entries, give runs and results their server ids,
reschedule after a transient failure, or park an entry for the user.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, Dialect, Engine, delete, select, update

from app.store.engine import redoable_write, write_session
from app.store.outbox import PARKED_STATES, OutboxKind, OutboxState
from app.store.tables import OUTBOX, RESULT, RUN

_UNSENT = [OutboxState.PENDING.value, OutboxState.IN_FLIGHT.value]
_KINDS = {kind.value: kind for kind in OutboxKind}
_STATES = {state.value: state for state in OutboxState}

# The push reads and forgets every entry of every pass, so these statements are plain SQL
# run through `exec_driver_sql`: no statement compiling and no per-row type processing.
# Whether an entry is due is decided in SQL, comparing `next_attempt_at` as stored (text
# in one fixed-width format, see `_time_as_stored`), so no timestamp is parsed.
_ENTRY_COLUMNS = (
    "outbox.seq, outbox.kind, outbox.run_id, outbox.result_id, outbox.payload,"
    " outbox.idempotency_key, outbox.state, outbox.attempts,"
    " outbox.next_attempt_at IS NULL OR outbox.next_attempt_at <= ?"
)
# CROSS JOIN makes SQLite walk the (short) outbox in `seq` order and look each run up,
# rather than visit every run of the project (thousands, once pulled) and sort.
_QUEUE = (
    f"SELECT {_ENTRY_COLUMNS}, run.project_id, run.server_id, run.name"
    " FROM outbox CROSS JOIN run ON run.id = outbox.run_id WHERE run.project_id = ?"
    " ORDER BY outbox.seq"
)
_ENTRIES_OF_RUN = f"SELECT {_ENTRY_COLUMNS} FROM outbox WHERE outbox.run_id = ? ORDER BY outbox.seq"
_SEQS_OF_RUN = "SELECT seq FROM outbox WHERE run_id = ? ORDER BY seq"
# One DELETE ... IN (...) per this many entries: a third faster than a DELETE per entry,
# and well under the bound-parameter limit of any SQLite build (999 before 3.32).
_FORGET_AT_ONCE = 500


@dataclass(frozen=True, slots=True)
class RunTarget:
    """What the engine needs to address a run on the server."""

    id: int
    project_id: str
    server_id: str | None
    name: str


class PushEntry(NamedTuple):
    """An undelivered entry as the push reads it: only what sending it takes.

    Read for every entry on every pass, so it is lighter than `OutboxRecord`: no timestamp
    is parsed (`due` was decided in SQL), the payload stays JSON text until needed, and it
    is an (immutable) named tuple, which is several times cheaper to make than a frozen
    dataclass.

    Attributes:
        due: whether its `next_attempt_at` (if any) had come when it was read.
    """

    seq: int
    kind: OutboxKind
    run_id: int
    result_id: int | None
    payload: str
    idempotency_key: str
    state: OutboxState
    attempts: int
    due: bool

    def data(self) -> dict[str, Any]:
        """The payload as a fresh dict."""
        loaded: dict[str, Any] = json.loads(self.payload)
        return loaded


class Parked(NamedTuple):
    """Entries just set aside: their seqs, and the results they were about."""

    seqs: list[int]
    result_ids: set[int]


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
        self._stored_time = _time_as_stored(engine.dialect)

    # Reading -------------------------------------------------------------------------

    def queue(self, project_id: str, now: datetime) -> list[tuple[RunTarget, list[PushEntry]]]:
        """The project's undelivered entries (parked ones too) grouped by run, in one read.

        Runs come in the order of their first entry, each run's entries in `seq` order.

        Args:
            project_id: the project.
            now: the time against which each entry's `next_attempt_at` is judged.
        """
        runs: dict[int, tuple[RunTarget, list[PushEntry]]] = {}
        with self._engine.connect() as connection:
            rows = connection.exec_driver_sql(_QUEUE, (self._stored_time(now), project_id)).all()
        for row in rows:
            entry = _push_entry(row)
            queued = runs.get(entry.run_id)
            if queued is None:
                queued = runs[entry.run_id] = RunTarget(entry.run_id, *row[9:]), []
            queued[1].append(entry)
        return list(runs.values())

    def entries_of_run(self, run_id: int, now: datetime) -> list[PushEntry]:
        """Every undelivered entry of the run, parked ones included, in `seq` order.

        Args:
            run_id: the local run.
            now: the time against which each entry's `next_attempt_at` is judged.
        """
        with self._engine.connect() as connection:
            rows = connection.exec_driver_sql(_ENTRIES_OF_RUN, (self._stored_time(now), run_id))
            return [_push_entry(row) for row in rows.all()]

    def seqs_of_run(self, run_id: int) -> list[int]:
        """The `seq` of every undelivered entry of the run, in order."""
        with self._engine.connect() as connection:
            return [row[0] for row in connection.exec_driver_sql(_SEQS_OF_RUN, (run_id,))]

    def created_at(self, seq: int) -> datetime | None:
        """When the entry was saved; None when it is gone."""
        query = select(OUTBOX.c.created_at).where(OUTBOX.c.seq == seq)
        with self._engine.connect() as connection:
            return connection.execute(query).scalar_one_or_none()

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
        listed = list(seqs)
        if not listed:
            return
        with redoable_write(self._engine) as connection:
            for start in range(0, len(listed), _FORGET_AT_ONCE):
                chunk = tuple(listed[start : start + _FORGET_AT_ONCE])
                marks = ",".join("?" * len(chunk))
                connection.exec_driver_sql(f"DELETE FROM outbox WHERE seq IN ({marks})", chunk)

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

    def park_unsent_of_run(self, run_id: int, state: OutboxState, reason: str) -> Parked:
        """Park every not-yet-parked entry of a run (the server closed it, say)."""
        with write_session(self._engine) as session:
            connection = session.connection()
            parked = _unsent_of_run(connection, run_id)
            _update_state(connection, parked.seqs, state, reason)
        return parked

    def retry(self, seq: int) -> bool:
        """Put a parked entry back in the queue; False when there is no such parked entry."""
        with write_session(self._engine) as session:
            changed = session.connection().execute(
                update(OUTBOX)
                .where(OUTBOX.c.seq == seq, OUTBOX.c.state.in_([s.value for s in PARKED_STATES]))
                .values(state=OutboxState.PENDING.value, next_attempt_at=None, last_error=None)
            )
            return changed.rowcount > 0

    def make_due(self, project_id: str) -> int:
        """Send the project's changes that wait out a retry delay on the next attempt.

        For "Sync now": the user knows the network is back. Parked entries stay parked; an
        ambiguous create stays in flight (its run is looked for before it is sent again).
        Returns how many entries were waiting.
        """
        waiting = OUTBOX.c.state.in_([OutboxState.PENDING.value, OutboxState.IN_FLIGHT.value])
        due_later = OUTBOX.c.next_attempt_at.is_not(None)
        return self._update_project_entries(project_id, waiting & due_later, next_attempt_at=None)

    def requeue_waiting_support(self, project_id: str) -> int:
        """Put the project's entries waiting for server support back in the queue."""
        return self._update_project_entries(
            project_id,
            OUTBOX.c.state == OutboxState.WAITING_SUPPORT.value,
            state=OutboxState.PENDING.value,
            next_attempt_at=None,
        )

    def _update_project_entries(
        self, project_id: str, condition: ColumnElement[bool], **values: object
    ) -> int:
        """Set `values` on the project's entries that meet `condition`; how many did."""
        runs = select(RUN.c.id).where(RUN.c.project_id == project_id)
        with write_session(self._engine) as session:
            changed = session.connection().execute(
                update(OUTBOX).where(condition, OUTBOX.c.run_id.in_(runs)).values(**values)
            )
            return changed.rowcount

    def discard(self, seq: int) -> list[int]:
        """Drop an entry for good; returns the local ids of runs it removed.

        Discarding a run's create also discards everything queued for that run and the
        local run itself, which would otherwise never reach the server.
        """
        with write_session(self._engine) as session:
            return discard_entry(session.connection(), seq)

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


def discard_entry(connection: Connection, seq: int) -> list[int]:
    """`Delivery.discard` inside the caller's write transaction: several discards, one commit.

    Returns:
        The local ids of the runs removed (an unsent run's create); [] when the entry is gone.
    """
    entry = connection.execute(
        select(OUTBOX.c.kind, OUTBOX.c.run_id).where(OUTBOX.c.seq == seq)
    ).first()
    if entry is None:
        return []
    kind, run_id = entry
    if kind != OutboxKind.CREATE_RUN.value:
        connection.execute(delete(OUTBOX).where(OUTBOX.c.seq == seq))
        # The next pull fetches the run again, bringing back the server's values.
        connection.execute(update(RUN).where(RUN.c.id == run_id).values(remote_fingerprint=None))
        return []
    connection.execute(delete(OUTBOX).where(OUTBOX.c.run_id == run_id))
    connection.execute(delete(RUN).where(RUN.c.id == run_id))
    return [run_id]


def _time_as_stored(dialect: Dialect) -> Callable[[datetime], object]:
    """How a time is written to `next_attempt_at`: SQL compares the stored text with it.

    SQLite's DATETIME keeps fixed-width text (`2026-11-28 14:30:15.250000`, in UTC here), so
    comparing the text compares the times.
    """
    column_type = OUTBOX.c.next_attempt_at.type.dialect_impl(dialect)
    processor = column_type.bind_processor(dialect)
    if processor is None:  # pragma: no cover - SQLAlchemy always formats DATETIME for SQLite
        raise TypeError("Testdeck's database must store times as text.")
    return processor


def _push_entry(row: Sequence[Any]) -> PushEntry:
    """A row that starts with `_ENTRY_COLUMNS`, as an entry."""
    kind, state = _KINDS[row[1]], _STATES[row[6]]
    return PushEntry(row[0], kind, row[2], row[3], row[4], row[5], state, row[7], row[8] == 1)


def _unsent_of_run(connection: Connection, run_id: int) -> Parked:
    query = select(OUTBOX.c.seq, OUTBOX.c.result_id).where(
        OUTBOX.c.run_id == run_id, OUTBOX.c.state.in_(_UNSENT)
    )
    rows = connection.execute(query).all()
    return Parked([seq for seq, _ in rows], {result for _, result in rows if result is not None})


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
