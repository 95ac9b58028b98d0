"""Read queries for the UI, the sync engine and the command line.

Large reads use SQLAlchemy Core selects into plain rows (building ORM objects for a
10,000-result run costs about ten times more). Each public function takes an open
`Connection`; `Queries` wraps them for callers that hold only the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, Row, Select, bindparam, case, func, select

from app.domain import ResultStatus, RunSummary
from app.store.engine import read_connection
from app.store.errors import NotFoundError
from app.store.outbox import PARKED_STATES, OutboxKind, OutboxState
from app.store.records import (
    MilestoneRecord,
    OutboxRecord,
    ProjectRecord,
    ResultRow,
    RunRow,
    StepRecord,
    TestCaseDetail,
    TestCaseRow,
)
from app.store.tables import MILESTONE, OUTBOX, PROJECT, RESULT, RUN, STEP, TEST_CASE
from app.store.types import UTCDateTime

_PARKED = [state.value for state in PARKED_STATES]
OUTBOX_COLUMNS = tuple(
    OUTBOX.c[name]
    for name in (
        "seq",
        "kind",
        "run_id",
        "result_id",
        "payload",
        "idempotency_key",
        "state",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
    )
)


class Queries:
    """The read queries, each in its own short read transaction.

    Every method raises `DatabaseUnavailableError` (a `StoreError`) when the database can't
    be read, and `NotFoundError` for a run or result it does not hold.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def projects(self) -> list[ProjectRecord]:
        with read_connection(self._engine) as connection:
            return fetch_projects(connection)

    def runs(self, project_id: str, *, limit: int | None = None) -> list[RunRow]:
        with read_connection(self._engine) as connection:
            return fetch_runs(connection, project_id, limit=limit)

    def run_count(self, project_id: str) -> int:
        with read_connection(self._engine) as connection:
            return count_runs(connection, project_id)

    def run(self, run_id: int) -> RunRow:
        with read_connection(self._engine) as connection:
            return fetch_run(connection, run_id)

    def find_run(self, project_id: str, reference: str) -> RunRow:
        with read_connection(self._engine) as connection:
            return find_run(connection, project_id, reference)

    def results(self, run_id: int) -> list[ResultRow]:
        with read_connection(self._engine) as connection:
            return fetch_results(connection, run_id)

    def result(self, result_id: int) -> ResultRow:
        with read_connection(self._engine) as connection:
            return fetch_result(connection, result_id)

    def result_for_case(self, run_id: int, test_case_id: str) -> ResultRow:
        with read_connection(self._engine) as connection:
            return fetch_result_for_case(connection, run_id, test_case_id)

    def test_cases(self, project_id: str) -> list[TestCaseRow]:
        with read_connection(self._engine) as connection:
            return fetch_test_cases(connection, project_id)

    def test_case(self, test_case_id: str) -> TestCaseDetail:
        with read_connection(self._engine) as connection:
            return fetch_test_case(connection, test_case_id)

    def milestones(self, project_id: str) -> list[MilestoneRecord]:
        with read_connection(self._engine) as connection:
            return fetch_milestones(connection, project_id)

    def outbox(self, states: Iterable[OutboxState] | None = None) -> list[OutboxRecord]:
        with read_connection(self._engine) as connection:
            return fetch_outbox(connection, states)

    def undelivered_count(self, project_id: str | None = None) -> int:
        """Outbox entries waiting for delivery: of every project, or of `project_id`'s runs."""
        with read_connection(self._engine) as connection:
            return count_undelivered(connection, project_id)


def fetch_projects(connection: Connection) -> list[ProjectRecord]:
    query = select(PROJECT.c.id, PROJECT.c.name, PROJECT.c.prefix).order_by(PROJECT.c.name)
    return [ProjectRecord(*row) for row in connection.execute(query)]


def fetch_runs(
    connection: Connection, project_id: str, *, limit: int | None = None
) -> list[RunRow]:
    """Every run of the project, newest first (only the newest `limit` of them, if given).

    The run list is read at every start, so this one query skips SQLAlchemy's result
    machinery: plain SQL on the driver's cursor, rows built by position (2,000 runs: ~15 ms
    instead of ~30 ms). `_RUNS_OF_PROJECT` says the same in Core, and a test holds the two
    to the same answer.
    """
    driver = connection.connection.driver_connection
    assert driver is not None, "an open connection has its driver's connection"
    bound = -1 if limit is None else limit  # SQLite reads LIMIT -1 as "no limit"
    rows = driver.execute(_RUNS_OF_PROJECT_SQL, (project_id, bound)).fetchall()
    to_utc = _utc_reader(connection)
    return [_run_row_from_tuple(row, to_utc) for row in rows]


def fetch_run(connection: Connection, run_id: int) -> RunRow:
    row = connection.execute(_RUN_BY_ID, {"run_id": run_id}).first()
    if row is None:
        raise NotFoundError(f"There is no run {run_id} in the local cache.")
    return _run_row(row)


def find_run(connection: Connection, project_id: str, reference: str) -> RunRow:
    """A run of the project by its server id, its local id (`12`) or its key (`local:12`)."""
    wanted = reference.strip()
    local = wanted.removeprefix("local:")
    matches = RUN.c.server_id == wanted
    if local.isdigit():
        matches = matches | (RUN.c.id == int(local))
    query = _RUNS.where(RUN.c.project_id == project_id, matches)
    row = connection.execute(query.order_by((RUN.c.server_id == wanted).desc())).first()
    if row is None:
        raise NotFoundError(f"There is no run '{wanted}' in this project's local cache.")
    return _run_row(row)


def fetch_results(connection: Connection, run_id: int) -> list[ResultRow]:
    rows = connection.execute(_RESULTS_OF_RUN, {"run_id": run_id})
    return [_result_row(row) for row in rows]


def fetch_result(connection: Connection, result_id: int) -> ResultRow:
    row = connection.execute(_RESULT_BY_ID, {"result_id": result_id}).first()
    if row is None:
        raise NotFoundError(f"There is no result {result_id} in the local cache.")
    return _result_row(row)


def fetch_result_for_case(connection: Connection, run_id: int, test_case_id: str) -> ResultRow:
    parameters = {"run_id": run_id, "test_case_id": test_case_id}
    row = connection.execute(_RESULT_FOR_CASE, parameters).first()
    if row is None:
        raise NotFoundError(f"Test case '{test_case_id}' is not part of this run.")
    return _result_row(row)


def fetch_test_cases(connection: Connection, project_id: str) -> list[TestCaseRow]:
    columns = (TEST_CASE.c[name] for name in ("id", "title", "folder_id", "priority", "type"))
    query = select(*columns).where(TEST_CASE.c.project_id == project_id)
    query = query.order_by(TEST_CASE.c.folder_id, TEST_CASE.c.title, TEST_CASE.c.id)
    return [TestCaseRow(*row) for row in connection.execute(query)]


def fetch_test_case(connection: Connection, test_case_id: str) -> TestCaseDetail:
    case_row = connection.execute(select(TEST_CASE).where(TEST_CASE.c.id == test_case_id)).first()
    if case_row is None:
        raise NotFoundError(f"Test case '{test_case_id}' is not in the local cache.")
    steps_query = select(STEP.c.position, STEP.c.action, STEP.c.expected)
    steps_query = steps_query.where(STEP.c.test_case_id == test_case_id).order_by(STEP.c.position)
    steps = tuple(StepRecord(*row) for row in connection.execute(steps_query))
    fields = case_row._mapping
    return TestCaseDetail(
        id=fields["id"],
        project_id=fields["project_id"],
        title=fields["title"],
        folder_id=fields["folder_id"],
        priority=fields["priority"],
        type=fields["type"],
        precondition=fields["precondition"],
        expected_result=fields["expected_result"],
        steps=steps,
    )


def fetch_milestones(connection: Connection, project_id: str) -> list[MilestoneRecord]:
    columns = (MILESTONE.c[name] for name in ("id", "project_id", "name", "status", "due_date"))
    query = select(*columns).where(MILESTONE.c.project_id == project_id)
    query = query.order_by(MILESTONE.c.due_date.is_(None), MILESTONE.c.due_date, MILESTONE.c.name)
    return [MilestoneRecord(*row) for row in connection.execute(query)]


def fetch_outbox(
    connection: Connection, states: Iterable[OutboxState] | None = None
) -> list[OutboxRecord]:
    """Undelivered entries in delivery order, optionally only those in `states`."""
    query = select(*OUTBOX_COLUMNS).order_by(OUTBOX.c.seq)
    if states is not None:
        query = query.where(OUTBOX.c.state.in_([state.value for state in states]))
    return [outbox_record(row) for row in connection.execute(query)]


def count_runs(connection: Connection, project_id: str) -> int:
    query = select(func.count()).select_from(RUN).where(RUN.c.project_id == project_id)
    return int(connection.execute(query).scalar_one())


def count_undelivered(connection: Connection, project_id: str | None = None) -> int:
    query = select(func.count()).select_from(OUTBOX)
    if project_id is not None:
        runs = select(RUN.c.id).where(RUN.c.project_id == project_id)
        query = query.where(OUTBOX.c.run_id.in_(runs))
    return int(connection.execute(query).scalar_one())


def _runs_query() -> Select[Any]:
    per_run = (
        select(
            OUTBOX.c.run_id,
            func.count().label("undelivered"),
            func.sum(case((OUTBOX.c.state.in_(_PARKED), 1), else_=0)).label("parked"),
        )
        .group_by(OUTBOX.c.run_id)
        .subquery()
    )
    return (
        select(
            RUN,
            MILESTONE.c.name.label("milestone_name"),
            func.coalesce(per_run.c.undelivered, 0).label("undelivered"),
            func.coalesce(per_run.c.parked, 0).label("parked"),
        )
        .outerjoin(MILESTONE, MILESTONE.c.id == RUN.c.milestone_id)
        .outerjoin(per_run, per_run.c.run_id == RUN.c.id)
    )


def _results_query(run_id: Any) -> Select[Any]:
    per_result = (
        select(
            OUTBOX.c.result_id,
            func.count().label("undelivered"),
            func.min(case((OUTBOX.c.state.in_(_PARKED), OUTBOX.c.state))).label("parked_state"),
        )
        .where(OUTBOX.c.run_id == run_id, OUTBOX.c.result_id.is_not(None))
        .group_by(OUTBOX.c.result_id)
        .subquery()
    )
    return (
        select(
            RESULT,
            func.coalesce(per_result.c.undelivered, 0).label("undelivered"),
            per_result.c.parked_state,
        )
        .outerjoin(per_result, per_result.c.result_id == RESULT.c.id)
        .where(RESULT.c.run_id == run_id)
    )


def _run_row(row: Row[Any]) -> RunRow:
    fields = row._mapping
    summary = RunSummary(
        passed=fields["passed"],
        failed=fields["failed"],
        blocked=fields["blocked"],
        retest=fields["retest"],
        not_tested=fields["not_tested"],
    )
    return RunRow(
        id=fields["id"],
        server_id=fields["server_id"],
        project_id=fields["project_id"],
        name=fields["name"],
        milestone_id=fields["milestone_id"],
        milestone_name=fields["milestone_name"],
        status=fields["status"],
        created_by=fields["created_by"],
        created_at=fields["created_at"],
        closed_at=fields["closed_at"],
        final_pass_rate=fields["pass_rate"],
        summary=summary,
        missing_on_server=fields["missing_on_server"],
        undelivered=int(fields["undelivered"]),
        parked=int(fields["parked"]),
    )


def _run_row_from_tuple(row: Sequence[Any], to_utc: Callable[[Any], Any]) -> RunRow:
    return RunRow(
        id=row[0],
        server_id=row[1],
        project_id=row[2],
        name=row[3],
        milestone_id=row[4],
        milestone_name=row[5],
        status=row[6],
        created_by=row[7],
        created_at=to_utc(row[8]),
        closed_at=to_utc(row[9]),
        final_pass_rate=row[10],
        summary=RunSummary(row[11], row[12], row[13], row[14], row[15]),
        missing_on_server=bool(row[16]),
        undelivered=row[17],
        parked=row[18],
    )


def _utc_reader(connection: Connection) -> Callable[[Any], Any]:
    """Reads a stored timestamp exactly as `UTCDateTime` columns do (aware, in UTC)."""
    dialect = connection.dialect
    read = UTCDateTime().dialect_impl(dialect).result_processor(dialect, None)
    assert read is not None
    return read


def _result_row(row: Row[Any]) -> ResultRow:
    fields = row._mapping
    parked_state = fields["parked_state"]
    return ResultRow(
        id=fields["id"],
        server_id=fields["server_id"],
        run_id=fields["run_id"],
        test_case_id=fields["test_case_id"],
        test_case_title=fields["test_case_title"],
        position=fields["position"],
        status=ResultStatus(fields["status"]),
        note=fields["note"],
        elapsed=fields["elapsed"],
        tested_by=fields["tested_by"],
        tested_at=fields["tested_at"],
        executed_at=fields["executed_at"],
        undelivered=int(fields["undelivered"]),
        parked_state=OutboxState(parked_state) if parked_state else None,
    )


def outbox_record(row: Row[Any]) -> OutboxRecord:
    """An outbox row selected with `OUTBOX_COLUMNS`, as a record.

    The push reads lighter `PushEntry` rows instead (see `app.store.delivery`).
    """
    seq, kind, run_id, result_id, payload, key, state, attempts, next_at, error, created = tuple(
        row
    )
    return OutboxRecord(
        seq,
        OutboxKind(kind),
        run_id,
        result_id,
        payload,
        key,
        OutboxState(state),
        attempts,
        next_at,
        error,
        created,
    )


# Statements built once: building a select costs more than running it on a small table.
_RUNS = _runs_query()
_RUNS_OF_PROJECT = _RUNS.where(RUN.c.project_id == bindparam("project_id")).order_by(
    RUN.c.created_at.desc(), RUN.c.id.desc()
)
_RUNS_OF_PROJECT_SQL = """
SELECT run.id, run.server_id, run.project_id, run.name, run.milestone_id, milestone.name,
       run.status, run.created_by, run.created_at, run.closed_at, run.pass_rate,
       run.passed, run.failed, run.blocked, run.retest, run.not_tested, run.missing_on_server,
       coalesce(pending.undelivered, 0), coalesce(pending.parked, 0)
FROM run
LEFT OUTER JOIN milestone ON milestone.id = run.milestone_id
LEFT OUTER JOIN (
    SELECT run_id, count(*) AS undelivered,
           sum(state IN ('conflict', 'waiting_support', 'rejected')) AS parked
    FROM outbox GROUP BY run_id
) AS pending ON pending.run_id = run.id
WHERE run.project_id = ?
ORDER BY run.created_at DESC, run.id DESC
LIMIT ?
"""
_RUN_BY_ID = _RUNS.where(RUN.c.id == bindparam("run_id"))
_RESULTS_OF_RUN = _results_query(bindparam("run_id")).order_by(RESULT.c.position, RESULT.c.id)
_RESULT_BY_ID = _results_query(
    select(RESULT.c.run_id).where(RESULT.c.id == bindparam("result_id")).scalar_subquery()
).where(RESULT.c.id == bindparam("result_id"))
_RESULT_FOR_CASE = _results_query(bindparam("run_id")).where(
    RESULT.c.test_case_id == bindparam("test_case_id")
)

__all__: Sequence[str] = [
    "Queries",
    "count_runs",
    "count_undelivered",
    "fetch_milestones",
    "fetch_outbox",
    "fetch_projects",
    "fetch_result",
    "fetch_result_for_case",
    "fetch_results",
    "fetch_run",
    "fetch_runs",
    "fetch_test_case",
    "fetch_test_cases",
    "find_run",
]
