from datetime import timedelta

import pytest
from sqlalchemy import Engine

from app.domain import ResultStatus, RunSummary
from app.store import (
    PARKED_STATES,
    DatabaseUnavailableError,
    EditCommands,
    NotFoundError,
    OutboxState,
    Queries,
    write_session,
)
from app.store.models import OutboxEntry
from app.store.queries import _RUNS_OF_PROJECT, _run_row, fetch_runs
from tests.builders import SeededProject, seed_project, seed_server_run

P, F, N = ResultStatus.PASSED, ResultStatus.FAILED, ResultStatus.NOT_TESTED


@pytest.fixture
def queries(engine: Engine) -> Queries:
    return Queries(engine)


@pytest.fixture
def commands(engine: Engine) -> EditCommands:
    return EditCommands(engine)


def park(engine: Engine, seq: int, state: OutboxState) -> None:
    """What the sync engine does when the server rejects an entry."""
    with write_session(engine) as session:
        entry = session.get(OutboxEntry, seq)
        assert entry is not None
        entry.state = state.value
        session.add(entry)


def test_runs_are_listed_newest_first_with_counts_and_milestone(
    engine: Engine, queries: Queries, project: SeededProject
) -> None:
    old = seed_server_run(engine, project, "Old", [P] * 12, server_id="run_1")
    new = seed_server_run(
        engine, project, "New", [P, F] + [N] * 10, server_id="run_2", age=timedelta(days=1)
    )

    runs = queries.runs(project.project_id)

    assert [run.id for run in runs] == [new, old]
    assert runs[0].summary == RunSummary(passed=1, failed=1, not_tested=10)
    assert runs[0].pass_rate == pytest.approx(8.3)
    assert runs[1].summary.total == 12
    assert (runs[0].undelivered, runs[0].parked) == (0, 0)


def test_runs_of_other_projects_are_not_listed(
    engine: Engine, queries: Queries, project: SeededProject
) -> None:
    other = seed_project(engine, "proj_2", cases=3, milestones=0)
    seed_server_run(engine, other, "Elsewhere", server_id="run_x")
    mine = seed_server_run(engine, project, "Mine", server_id="run_y")
    assert [run.id for run in queries.runs(project.project_id)] == [mine]


def test_a_run_shows_its_undelivered_and_parked_changes(
    engine: Engine, queries: Queries, commands: EditCommands, project: SeededProject
) -> None:
    run_id = seed_server_run(engine, project, "Nightly", server_id="run_1")
    results = queries.results(run_id)
    commands.record_result(results[0].id, "passed")
    commands.record_result(results[1].id, "failed")
    commands.update_run(run_id, name="Nightly (b)")
    park(engine, queries.outbox()[1].seq, OutboxState.REJECTED)

    run = queries.run(run_id)

    assert (run.undelivered, run.parked) == (3, 1)
    assert run.name == "Nightly (b)"


def test_results_carry_their_own_sync_state(
    engine: Engine, queries: Queries, commands: EditCommands, project: SeededProject
) -> None:
    run_id = seed_server_run(engine, project, "Nightly", server_id="run_1")
    first, second, third = queries.results(run_id)[:3]
    commands.record_result(first.id, "passed")
    commands.record_result(first.id, "failed")
    commands.record_result(second.id, "blocked")
    park(engine, queries.outbox()[2].seq, OutboxState.CONFLICT)

    rows = {row.id: row for row in queries.results(run_id)}

    assert (rows[first.id].undelivered, rows[first.id].parked_state) == (2, None)
    assert (rows[second.id].undelivered, rows[second.id].parked_state) == (1, OutboxState.CONFLICT)
    assert rows[third.id].is_delivered
    assert [row.position for row in queries.results(run_id)] == list(range(12))


def test_find_run_accepts_server_id_local_id_and_key(
    engine: Engine, queries: Queries, commands: EditCommands, project: SeededProject
) -> None:
    server_run = seed_server_run(engine, project, "On server", server_id="run_77")
    local_run = commands.create_run(project.project_id, "Offline", project.case_ids[:2])

    assert queries.find_run(project.project_id, "run_77").id == server_run
    assert queries.find_run(project.project_id, str(server_run)).id == server_run
    assert queries.find_run(project.project_id, local_run.key).id == local_run.id
    with pytest.raises(NotFoundError, match="no run 'run_404'"):
        queries.find_run(project.project_id, "run_404")


def test_find_run_prefers_a_server_id_that_looks_like_a_local_id(
    engine: Engine, queries: Queries, project: SeededProject
) -> None:
    first = seed_server_run(engine, project, "First", server_id="run_a")
    numeric = seed_server_run(engine, project, "Numeric id", server_id=str(first))
    assert queries.find_run(project.project_id, str(first)).id == numeric


def test_result_for_case(engine: Engine, queries: Queries, project: SeededProject) -> None:
    run_id = seed_server_run(engine, project, "Nightly", server_id="run_1")
    row = queries.result_for_case(run_id, project.case_ids[5])
    assert (row.run_id, row.test_case_id, row.position) == (run_id, project.case_ids[5], 5)
    with pytest.raises(NotFoundError, match="'tc_zzz' is not part of this run"):
        queries.result_for_case(run_id, "tc_zzz")


def test_missing_rows_are_reported_in_words(queries: Queries) -> None:
    with pytest.raises(NotFoundError, match="no run 5 "):
        queries.run(5)
    with pytest.raises(NotFoundError, match="no result 6 "):
        queries.result(6)
    with pytest.raises(NotFoundError, match="'tc_9' is not in the local cache"):
        queries.test_case("tc_9")


def test_test_cases_are_grouped_by_folder_then_title(
    queries: Queries, project: SeededProject
) -> None:
    cases = queries.test_cases(project.project_id)
    assert len(cases) == 12
    keys = [(case.folder_id or "", case.title) for case in cases]
    assert keys == sorted(keys)
    assert {case.priority for case in cases} == {"critical", "high", "medium", "low"}


def test_a_test_case_comes_with_its_steps_in_order(
    queries: Queries, project: SeededProject
) -> None:
    case = queries.test_case(project.case_ids[0])
    assert case.precondition == "A signed-in user"
    assert [(step.position, step.action, step.expected) for step in case.steps] == [
        (1, "Open the page", None),
        (2, "Submit", "It works"),
    ]


def test_milestones_by_due_date(queries: Queries, project: SeededProject) -> None:
    milestones = queries.milestones(project.project_id)
    assert [m.name for m in milestones] == ["Release 2.1", "Release 2.2"]


def test_projects(queries: Queries, project: SeededProject) -> None:
    assert [(p.id, p.name) for p in queries.projects()] == [("proj_1", "Project proj_1")]


def test_outbox_by_state_in_delivery_order(
    engine: Engine, queries: Queries, commands: EditCommands, project: SeededProject
) -> None:
    run = commands.create_run(project.project_id, "Flow", project.case_ids[:2])
    first = queries.results(run.id)[0]
    commands.record_result(first.id, "passed")
    commands.close_run(run.id)
    park(engine, queries.outbox()[0].seq, OutboxState.WAITING_SUPPORT)

    assert queries.undelivered_count() == 3
    parked = queries.outbox(PARKED_STATES)
    assert [entry.state for entry in parked] == [OutboxState.WAITING_SUPPORT]
    pending = queries.outbox([OutboxState.PENDING])
    assert [entry.seq for entry in pending] == [2, 3]


def test_the_fast_run_list_answers_exactly_like_the_core_query(
    engine: Engine, project: SeededProject, commands: EditCommands, queries: Queries
) -> None:
    closed = seed_server_run(engine, project, "Closed", [P] * 12, status="closed", server_id="r1")
    active = seed_server_run(engine, project, "Active", [F] + [N] * 11, server_id="r2")
    offline = commands.create_run(project.project_id, "Offline", project.case_ids[:3])
    linked = commands.create_run(
        project.project_id, "Linked", project.case_ids[:2], milestone_id=project.milestone_ids[0]
    )
    first = queries.results(active)[1]
    commands.record_result(first.id, F, "broken", 30)
    commands.record_result(queries.results(active)[2].id, P)
    park(engine, queries.outbox()[-1].seq, OutboxState.REJECTED)
    with engine.connect() as connection:
        fast = fetch_runs(connection, project.project_id)
        newest_two = fetch_runs(connection, project.project_id, limit=2)
        core = [
            _run_row(row)
            for row in connection.execute(_RUNS_OF_PROJECT, {"project_id": project.project_id})
        ]

    assert fast == core
    assert newest_two == core[:2]
    assert queries.run_count(project.project_id) == len(core) == 4
    assert {run.id for run in fast} == {closed, active, offline.id, linked.id}
    by_id = {run.id: run for run in fast}
    assert (by_id[active].undelivered, by_id[active].parked) == (2, 1)
    assert by_id[linked.id].milestone_name == "Release 2.1"
    assert by_id[closed].created_at.tzinfo is not None


def test_a_database_that_cannot_be_read_is_reported_in_words(
    engine: Engine, project: SeededProject, queries: Queries
) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE outbox")  # a damaged cache, as far as reads go

    with pytest.raises(DatabaseUnavailableError, match="could not read its database"):
        queries.runs(project.project_id)
    with pytest.raises(DatabaseUnavailableError, match="no such table: outbox"):
        queries.undelivered_count()
