"""The store side of a pull: the server's data goes into the cache without undoing local work.

Server data replaces cached server data, except where a change of the tester's is still
undelivered: then the local value stays until its outbox entry is delivered (or discarded).
A run the server closed becomes read-only here; changes still queued against it become
`conflict` entries. A run gone from the server is removed, unless local work is pending on
it (then it is kept and flagged `missing_on_server`).

Every function takes a `Session` inside one short write transaction and plain, frozen
`Remote*` records: the store never imports the API layer; the sync engine converts.
Core statements throughout: a run may hold 10,000 results.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from app.domain import ResultStatus, RunSummary, is_read_only_run_status
from app.store.outbox import CLOSED_ON_SERVER, OutboxKind, OutboxState
from app.store.tables import MILESTONE, OUTBOX, PROJECT, RESULT, RUN, STEP, TEST_CASE

_UNSENT = frozenset({OutboxState.PENDING.value, OutboxState.IN_FLIGHT.value})
_INTENT_FIELDS = ("name", "milestone_id")  # run fields a tester edits (update_run payloads)
_CLOSE_FIELDS = ("status", "closed_at", "pass_rate")
_VERDICT_FIELDS = ("status", "note", "elapsed")  # result fields a tester edits


# What the server said ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RemoteProject:
    id: str
    name: str
    prefix: str | None
    description: str | None
    created_at: datetime | None
    updated_at: datetime | None


@dataclass(frozen=True, slots=True)
class RemoteStep:
    position: int
    action: str
    expected: str | None


@dataclass(frozen=True, slots=True)
class RemoteTestCase:
    id: str
    title: str
    folder_id: str | None
    priority: str | None
    type: str | None
    precondition: str | None
    expected_result: str | None
    created_at: datetime | None
    updated_at: datetime | None
    steps: tuple[RemoteStep, ...] = ()


@dataclass(frozen=True, slots=True)
class RemoteMilestone:
    id: str
    name: str
    description: str | None
    status: str | None
    start_date: str | None
    due_date: str | None
    parent_id: str | None
    progress: float | None
    created_at: datetime | None
    updated_at: datetime | None


@dataclass(frozen=True, slots=True)
class RemoteRun:
    """A run as the server lists it (or as its detail reports it)."""

    server_id: str
    name: str
    status: str
    summary: RunSummary
    milestone_id: str | None
    created_by: str | None
    created_at: datetime | None
    updated_at: datetime | None
    pass_rate: float | None = None
    closed_at: datetime | None = None

    @property
    def fingerprint(self) -> str:
        """What changes whenever the run or one of its results changes on the server."""
        stamp = self.updated_at.isoformat() if self.updated_at else "-"
        counts = self.summary
        return (
            f"{stamp}|{self.status}|{counts.passed},{counts.failed},{counts.blocked},"
            f"{counts.retest},{counts.not_tested}"
        )


@dataclass(frozen=True, slots=True)
class RemoteResult:
    server_id: str
    test_case_id: str
    test_case_title: str
    status: ResultStatus
    note: str | None
    elapsed: int | None
    tested_by: str | None
    tested_at: datetime | None


# What reconciling changed -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reconciled:
    """Local ids of runs and results inserted, updated or deleted, and what else happened.

    Attributes:
        conflicts: undelivered entries turned into `conflict` (their run was closed).
        removed: runs deleted because the server no longer has them.
    """

    run_ids: frozenset[int] = frozenset()
    result_ids: frozenset[int] = frozenset()
    conflicts: int = 0
    removed: int = 0


@dataclass(frozen=True, slots=True)
class PageOutcome:
    """A reconciled page of the run list, and the runs whose detail must be fetched."""

    to_fetch: tuple[str, ...]
    changes: Reconciled


@dataclass(frozen=True, slots=True)
class Settled:
    """What closing a run on the server did to its queued changes."""

    conflicts: int = 0
    result_ids: frozenset[int] = frozenset()  # results whose changes became conflicts


@dataclass(slots=True)
class _RunWork:
    """The undelivered outbox entries of one run, as reconciling needs them."""

    intent_fields: set[str] = field(default_factory=set)
    close_seqs: list[int] = field(default_factory=list)
    unsent_seqs: list[int] = field(default_factory=list)  # pending/in flight, not closes
    unsent_result_ids: set[int] = field(default_factory=set)  # what those entries are about
    result_ids: set[int] = field(default_factory=set)


# Project and catalogue ----------------------------------------------------------------------


def upsert_project(session: Session, project: RemoteProject) -> bool:
    """Insert or refresh the project's row; whether anything changed."""
    values = {
        "id": project.id,
        "name": project.name,
        "prefix": project.prefix,
        "description": project.description,
        "created_at": project.created_at,
        "updated_at": project.updated_at,
    }
    existing = session.execute(select(PROJECT).where(PROJECT.c.id == project.id)).first()
    if existing is not None and _same(existing._mapping, values):
        return False
    _upsert(session, PROJECT, [values])
    return True


def sync_catalog(
    session: Session,
    project_id: str,
    test_cases: Sequence[RemoteTestCase],
    milestones: Sequence[RemoteMilestone],
) -> bool:
    """Make the project's cached test cases (with steps) and milestones what the server lists.

    Call it only with complete listings: whatever is cached but not listed is deleted.
    Returns whether anything changed.
    """
    cases_changed = _sync_rows(
        session, TEST_CASE, project_id, [_case_values(project_id, case) for case in test_cases]
    )
    steps_changed = _sync_steps(session, project_id, test_cases)
    milestones_changed = _sync_rows(
        session, MILESTONE, project_id, [_milestone_values(project_id, ms) for ms in milestones]
    )
    return cases_changed or steps_changed or milestones_changed


def _case_values(project_id: str, case: RemoteTestCase) -> dict[str, Any]:
    return {
        "id": case.id,
        "project_id": project_id,
        "title": case.title,
        "folder_id": case.folder_id,
        "priority": case.priority,
        "type": case.type,
        "precondition": case.precondition,
        "expected_result": case.expected_result,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
    }


def _milestone_values(project_id: str, milestone: RemoteMilestone) -> dict[str, Any]:
    return {
        "id": milestone.id,
        "project_id": project_id,
        "name": milestone.name,
        "description": milestone.description,
        "status": milestone.status,
        "start_date": milestone.start_date,
        "due_date": milestone.due_date,
        "parent_id": milestone.parent_id,
        "progress": milestone.progress,
        "created_at": milestone.created_at,
        "updated_at": milestone.updated_at,
    }


def _sync_rows(
    session: Session, table: Table, project_id: str, rows: Sequence[dict[str, Any]]
) -> bool:
    """Make the project's rows of `table` exactly `rows`, keyed by `id`."""
    query = select(table).where(table.c.project_id == project_id)
    cached = {row.id: dict(row._mapping) for row in session.execute(query)}
    listed = {row["id"]: row for row in rows}  # a server repeating an id: the last one wins
    changed = [row for key, row in listed.items() if not _same(cached.get(key), row)]
    gone = [key for key in cached if key not in listed]
    _upsert(session, table, changed)
    if gone:
        session.execute(delete(table).where(table.c.id.in_(gone)))
    return bool(changed or gone)


def _same(cached: Mapping[Any, Any] | None, values: Mapping[str, Any]) -> bool:
    """Whether a cached row already holds `values` (columns added later are ignored)."""
    return cached is not None and all(cached[name] == value for name, value in values.items())


def _sync_steps(session: Session, project_id: str, cases: Sequence[RemoteTestCase]) -> bool:
    """Rewrite the steps of every listed case whose steps differ from the cached ones."""
    query = (
        select(STEP.c.test_case_id, STEP.c.position, STEP.c.action, STEP.c.expected)
        .join(TEST_CASE, TEST_CASE.c.id == STEP.c.test_case_id)
        .where(TEST_CASE.c.project_id == project_id)
    )
    cached: dict[str, set[tuple[int, str, str | None]]] = defaultdict(set)
    for row in session.execute(query):
        cached[row.test_case_id].add((row.position, row.action, row.expected))
    wanted = {case.id: _unique_steps(case.steps) for case in cases}
    stale = [case_id for case_id, steps in wanted.items() if set(steps) != cached[case_id]]
    if not stale:
        return False
    session.execute(delete(STEP).where(STEP.c.test_case_id.in_(stale)))
    rows = [
        {"test_case_id": case_id, "position": position, "action": action, "expected": expected}
        for case_id in stale
        for position, action, expected in wanted[case_id]
    ]
    if rows:
        session.execute(insert(STEP), rows)
    return True


def _unique_steps(steps: Iterable[RemoteStep]) -> list[tuple[int, str, str | None]]:
    by_position = {step.position: (step.position, step.action, step.expected) for step in steps}
    return list(by_position.values())


def _upsert(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    statement = sqlite_insert(table)
    columns = [name for name in rows[0] if name != "id"]
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.id], set_={name: statement.excluded[name] for name in columns}
    )
    session.execute(statement, list(rows))


# Runs: the list -------------------------------------------------------------------------


def reconcile_run_page(session: Session, project_id: str, runs: Sequence[RemoteRun]) -> PageOutcome:
    """Apply one page of the run list; say which runs need their detail fetched.

    A run needs its detail when it is not cached yet or its fingerprint (`updated_at`,
    status, counts) differs from the one stored when its detail was last applied. The
    run-level fields of a changed run are applied at once, so a run the server closed turns
    read-only (and its queued changes become conflicts) even before its detail arrives.
    """
    listed = {run.server_id: run for run in runs}
    cached = _cached_runs(session, project_id, listed)
    work = _work_by_run(session, [row.id for row in cached.values()])
    to_fetch: list[str] = []
    run_ids: set[int] = set()
    result_ids: set[int] = set()
    conflicts = 0
    for server_id, remote in listed.items():
        row = cached.get(server_id)
        if row is None or row.remote_fingerprint != remote.fingerprint:
            to_fetch.append(server_id)
        if row is None:
            continue
        run_work = work.get(row.id) or _RunWork()
        settled = _settle_server_close(session, remote, run_work)
        changed = _clear_missing(session, row)
        if row.remote_fingerprint != remote.fingerprint:
            changed = _update_run(session, row, remote, run_work) or changed
        if changed or settled.conflicts:
            run_ids.add(row.id)
        conflicts += settled.conflicts
        result_ids |= settled.result_ids
    changes = Reconciled(frozenset(run_ids), frozenset(result_ids), conflicts=conflicts)
    return PageOutcome(tuple(to_fetch), changes)


def _cached_runs(
    session: Session, project_id: str, server_ids: Collection[str]
) -> dict[str, Row[Any]]:
    if not server_ids:
        return {}
    query = select(RUN).where(RUN.c.project_id == project_id, RUN.c.server_id.in_(server_ids))
    return {row.server_id: row for row in session.execute(query)}


def _work_by_run(session: Session, run_ids: Collection[int]) -> dict[int, _RunWork]:
    """The undelivered entries of these runs (every state, parked ones included)."""
    if not run_ids:
        return {}
    query = (
        select(
            OUTBOX.c.seq,
            OUTBOX.c.kind,
            OUTBOX.c.state,
            OUTBOX.c.run_id,
            OUTBOX.c.result_id,
            OUTBOX.c.payload,
        )
        .where(OUTBOX.c.run_id.in_(run_ids))
        .order_by(OUTBOX.c.seq)
    )
    work: dict[int, _RunWork] = defaultdict(_RunWork)
    for entry in session.execute(query):
        _note_entry(work[entry.run_id], entry)
    return dict(work)


def _note_entry(work: _RunWork, entry: Row[Any]) -> None:
    if entry.kind == OutboxKind.CLOSE_RUN:
        work.close_seqs.append(entry.seq)
        return
    if entry.state in _UNSENT:
        work.unsent_seqs.append(entry.seq)
        if entry.result_id is not None:
            work.unsent_result_ids.add(entry.result_id)
    if entry.result_id is not None:
        work.result_ids.add(entry.result_id)
    if entry.kind in (OutboxKind.UPDATE_RUN, OutboxKind.CREATE_RUN):
        work.intent_fields.update(
            name for name in _payload_keys(entry.payload) if name in _INTENT_FIELDS
        )


def _payload_keys(payload: str) -> list[str]:
    try:
        data = json.loads(payload)
    except ValueError:
        return list(_INTENT_FIELDS)  # unreadable: assume it may change anything
    return list(data) if isinstance(data, dict) else list(_INTENT_FIELDS)


def _settle_server_close(session: Session, remote: RemoteRun, work: _RunWork) -> Settled:
    """Once the server closed a run: drop its queued close, turn unsent changes into conflicts.

    Returns how many entries became conflicts, and the results they are about.
    """
    if not is_read_only_run_status(remote.status):
        return Settled()
    if work.close_seqs:  # its goal is reached
        session.execute(delete(OUTBOX).where(OUTBOX.c.seq.in_(work.close_seqs)))
        work.close_seqs = []
    settled = Settled(len(work.unsent_seqs), frozenset(work.unsent_result_ids))
    if work.unsent_seqs:
        session.execute(
            update(OUTBOX)
            .where(OUTBOX.c.seq.in_(work.unsent_seqs))
            .values(state=OutboxState.CONFLICT.value, last_error=CLOSED_ON_SERVER)
        )
        work.unsent_seqs = []
        work.unsent_result_ids = set()
    return settled


def _clear_missing(session: Session, row: Row[Any]) -> bool:
    """A run flagged as missing is listed again: drop the flag."""
    if not row.missing_on_server:
        return False
    session.execute(update(RUN).where(RUN.c.id == row.id).values(missing_on_server=False))
    return True


def _update_run(session: Session, row: Row[Any], remote: RemoteRun, work: _RunWork) -> bool:
    """Write the server's run-level fields, except those local work still holds."""
    values = _server_run_values(remote)
    for name in work.intent_fields:
        values.pop(name, None)
    if work.close_seqs and not is_read_only_run_status(remote.status):
        for name in _CLOSE_FIELDS:  # closed here, not yet there: stays closed
            values.pop(name, None)
    changed = {name: value for name, value in values.items() if row._mapping[name] != value}
    if changed:
        session.execute(update(RUN).where(RUN.c.id == row.id).values(changed))
    return bool(changed)


def _server_run_values(remote: RemoteRun) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": remote.name,
        "milestone_id": remote.milestone_id,
        "status": remote.status,
        "created_by": remote.created_by,
        "updated_at": remote.updated_at,
        "closed_at": remote.closed_at,
        "pass_rate": remote.pass_rate,
    }
    if remote.created_at is not None:
        values["created_at"] = remote.created_at
    return values


# Runs: one detail -------------------------------------------------------------------------


def apply_run_detail(
    session: Session,
    project_id: str,
    remote: RemoteRun,
    results: Sequence[RemoteResult],
    now: datetime,
) -> Reconciled:
    """Apply a run's detail: insert it when new, else reconcile the run and its results.

    Afterwards the run's five counts are recomputed from its local results (so unsent local
    verdicts count) and the run's fingerprint is stored, so an unchanged run is not fetched
    again.

    Args:
        now: the creation time of a new run the server sent without one.
    """
    row = _cached_runs(session, project_id, [remote.server_id]).get(remote.server_id)
    if row is None:
        return _insert_run(session, project_id, remote, results, now)
    work = _work_by_run(session, [row.id]).get(row.id) or _RunWork()
    settled = _settle_server_close(session, remote, work)
    run_changed = _clear_missing(session, row)
    run_changed = _update_run(session, row, remote, work) or run_changed
    result_ids = _sync_results(session, row.id, _unique_results(results), work)
    run_changed = _store_counts(session, row, remote.fingerprint) or run_changed
    changed_run = run_changed or bool(result_ids) or bool(settled.conflicts)
    return Reconciled(
        run_ids=frozenset({row.id} if changed_run else ()),
        result_ids=frozenset(result_ids) | settled.result_ids,
        conflicts=settled.conflicts,
    )


def _insert_run(
    session: Session,
    project_id: str,
    remote: RemoteRun,
    results: Sequence[RemoteResult],
    now: datetime,
) -> Reconciled:
    unique = _unique_results(results)
    summary = RunSummary.from_statuses(result.status for result in unique)
    values = {
        **_server_run_values(remote),
        "server_id": remote.server_id,
        "project_id": project_id,
        "created_at": remote.created_at or now,
        "remote_fingerprint": remote.fingerprint,
        **_counts(summary),
    }
    run_id = int(session.scalars(insert(RUN).values(values).returning(RUN.c.id)).one())
    rows = [
        {"run_id": run_id, "test_case_id": result.test_case_id, **_result_values(result, position)}
        for position, result in enumerate(unique)
    ]
    if rows:
        session.execute(insert(RESULT), rows)
    result_ids = session.scalars(select(RESULT.c.id).where(RESULT.c.run_id == run_id))
    return Reconciled(run_ids=frozenset({run_id}), result_ids=frozenset(result_ids))


def _unique_results(results: Sequence[RemoteResult]) -> list[RemoteResult]:
    """The results in order, without repeats of a test case (one result per case and run)."""
    seen: set[str] = set()
    unique = []
    for result in results:
        if result.test_case_id not in seen:
            seen.add(result.test_case_id)
            unique.append(result)
    return unique


def _result_values(result: RemoteResult, position: int) -> dict[str, Any]:
    return {
        "server_id": result.server_id,
        "test_case_title": result.test_case_title,
        "position": position,
        "status": result.status.value,
        "note": result.note,
        "elapsed": result.elapsed,
        "tested_by": result.tested_by,
        "tested_at": result.tested_at,
    }


def _sync_results(
    session: Session, run_id: int, results: Sequence[RemoteResult], work: _RunWork
) -> set[int]:
    """Match the server's results to the cached ones and apply them; the ids that changed.

    A result matches by server id, else by test case. Results with an undelivered change keep
    their status, note and elapsed time, and are never deleted.
    """
    cached = list(session.execute(select(RESULT).where(RESULT.c.run_id == run_id)))
    by_server_id = {row.server_id: row for row in cached if row.server_id is not None}
    by_case = {row.test_case_id: row for row in cached}
    matched: set[int] = set()
    updates: list[dict[str, Any]] = []
    inserts: list[dict[str, Any]] = []
    for position, result in enumerate(results):
        row = by_server_id.get(result.server_id) or by_case.get(result.test_case_id)
        values = _result_values(result, position)
        if row is None or row.id in matched:
            inserts.append({"run_id": run_id, "test_case_id": result.test_case_id, **values})
            continue
        matched.add(row.id)
        if row.id in work.result_ids:
            for name in _VERDICT_FIELDS:
                del values[name]
        if any(row._mapping[name] != value for name, value in values.items()):
            updates.append({"row_id": row.id, **values})
    gone = [row.id for row in cached if row.id not in matched and row.id not in work.result_ids]
    if gone:
        session.execute(delete(RESULT).where(RESULT.c.id.in_(gone)))
    _update_results(session, updates)
    changed = set(gone) | {values["row_id"] for values in updates}
    return changed | _insert_results(session, run_id, inserts)


def _update_results(session: Session, updates: Sequence[dict[str, Any]]) -> None:
    """Run the updates in one executemany per set of columns (with or without verdicts)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for values in updates:
        groups[tuple(values)].append(values)
    for names, rows in groups.items():
        columns: dict[str, Any] = {
            name: bindparam(f"new_{name}") for name in names if name != "row_id"
        }
        statement = update(RESULT).where(RESULT.c.id == bindparam("row_id")).values(columns)
        params = [{"row_id": row["row_id"]} | {f"new_{k}": row[k] for k in columns} for row in rows]
        session.execute(statement, params)


def _insert_results(session: Session, run_id: int, inserts: Sequence[dict[str, Any]]) -> set[int]:
    if not inserts:
        return set()
    session.execute(insert(RESULT), list(inserts))
    cases = [values["test_case_id"] for values in inserts]
    query = select(RESULT.c.id).where(RESULT.c.run_id == run_id, RESULT.c.test_case_id.in_(cases))
    return set(session.scalars(query))


def _store_counts(session: Session, row: Row[Any], fingerprint: str) -> bool:
    """Recount the run's results and store the fingerprint; whether the counts moved."""
    query = (
        select(RESULT.c.status, func.count())
        .where(RESULT.c.run_id == row.id)
        .group_by(RESULT.c.status)
    )
    statuses: list[ResultStatus] = []
    for status, number in session.execute(query):
        statuses.extend([ResultStatus.parse(status)] * int(number))
    counts = _counts(RunSummary.from_statuses(statuses))
    moved = any(row._mapping[name] != value for name, value in counts.items())
    if moved or row.remote_fingerprint != fingerprint:
        values = {**counts, "remote_fingerprint": fingerprint}
        session.execute(update(RUN).where(RUN.c.id == row.id).values(values))
    return moved


def _counts(summary: RunSummary) -> dict[str, int]:
    return {status.value: summary.count(status) for status in ResultStatus}


# Runs gone from the server ---------------------------------------------------------------


def remove_vanished_runs(session: Session, project_id: str, listed: Collection[str]) -> Reconciled:
    """Remove cached runs of the project the complete listing did not contain.

    Runs with undelivered entries are kept and flagged `missing_on_server`; runs that never
    reached the server (no `server_id`) are left alone.
    """
    query = select(RUN.c.id, RUN.c.server_id, RUN.c.missing_on_server).where(
        RUN.c.project_id == project_id, RUN.c.server_id.is_not(None)
    )
    vanished = [row for row in session.execute(query) if row.server_id not in listed]
    if not vanished:
        return Reconciled()
    busy = _runs_with_work(session, [row.id for row in vanished])
    removed = [row.id for row in vanished if row.id not in busy]
    flagged = [row.id for row in vanished if row.id in busy and not row.missing_on_server]
    if removed:
        session.execute(delete(RUN).where(RUN.c.id.in_(removed)))  # results cascade
    if flagged:
        session.execute(update(RUN).where(RUN.c.id.in_(flagged)).values(missing_on_server=True))
    return Reconciled(run_ids=frozenset(removed + flagged), removed=len(removed))


def _runs_with_work(session: Session, run_ids: Collection[int]) -> set[int]:
    query = select(OUTBOX.c.run_id).where(OUTBOX.c.run_id.in_(run_ids)).distinct()
    return set(session.scalars(query))


def merge(changes: Iterable[Reconciled]) -> Reconciled:
    """Several outcomes as one."""
    run_ids: set[int] = set()
    result_ids: set[int] = set()
    conflicts = removed = 0
    for change in changes:
        run_ids |= change.run_ids
        result_ids |= change.result_ids
        conflicts += change.conflicts
        removed += change.removed
    return Reconciled(frozenset(run_ids), frozenset(result_ids), conflicts, removed)


__all__ = [
    "CLOSED_ON_SERVER",
    "PageOutcome",
    "Reconciled",
    "RemoteMilestone",
    "RemoteProject",
    "RemoteResult",
    "RemoteRun",
    "RemoteStep",
    "RemoteTestCase",
    "apply_run_detail",
    "merge",
    "reconcile_run_page",
    "remove_vanished_runs",
    "sync_catalog",
    "upsert_project",
]
