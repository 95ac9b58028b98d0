"""Pulling from a real sandbox into an empty, then a busy, local cache."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from app.api import TestablyClient
from app.domain import ResultStatus
from app.sandbox import DEMO_PROJECT_ID, SandboxServer
from app.store import EditCommands, OutboxState, Queries, ResultRow, RunRow
from app.store.reconcile import CLOSED_ON_SERVER
from app.sync import PullReport
from app.sync.pull import Puller
from tests.builders import SeededProject, seed_server_run

NOW = datetime(2026, 11, 28, 15, 0, tzinfo=UTC)
OTHER_TOKEN = "testably_demo_ben"  # another tester, changing things on the server
RUNS_PATH = f"/v1/projects/{DEMO_PROJECT_ID}/runs"

MakeClient = Callable[..., TestablyClient]


@pytest.fixture
def puller(database: Engine, client: TestablyClient) -> Puller:
    return Puller(database, client, DEMO_PROJECT_ID, clock=lambda: NOW)


@pytest.fixture
def other(sandbox: SandboxServer, make_client: MakeClient) -> TestablyClient:
    """Another tester's client on the same server."""
    return make_client(sandbox, OTHER_TOKEN)


@pytest.fixture
def queries(database: Engine) -> Queries:
    return Queries(database)


@pytest.fixture
def commands(database: Engine) -> EditCommands:
    return EditCommands(database, clock=lambda: NOW)


def detail_requests(sandbox: SandboxServer) -> list[str]:
    """The run details fetched since the log was last cleared."""
    return [
        record.path
        for record in sandbox.requests
        if record.method == "GET" and record.path.startswith(RUNS_PATH + "/")
    ]


def list_requests(sandbox: SandboxServer) -> int:
    return sandbox.requests.count("GET", RUNS_PATH)


def pull_again(puller: Puller, sandbox: SandboxServer) -> PullReport:
    sandbox.requests.clear()
    return puller.pull()


def active_run(queries: Queries) -> RunRow:
    return next(run for run in queries.runs(DEMO_PROJECT_ID) if not run.is_read_only)


def first_result(queries: Queries, run: RunRow) -> ResultRow:
    return queries.results(run.id)[0]


def server_id(row: RunRow | ResultRow) -> str:
    assert row.server_id is not None
    return row.server_id


# A first pull, and a pull with nothing new ----------------------------------------------------


def test_a_first_pull_mirrors_the_server(
    puller: Puller, client: TestablyClient, queries: Queries
) -> None:
    report = puller.pull()

    remote_runs = {run.id: run for run in client.iter_runs(DEMO_PROJECT_ID)}
    local_runs = {run.server_id: run for run in queries.runs(DEMO_PROJECT_ID)}
    assert local_runs.keys() == remote_runs.keys()
    assert (report.runs_listed, report.runs_fetched) == (15, 15)
    assert report.changes.run_ids == {run.id for run in local_runs.values()}
    assert report.changes.catalog_changed
    for run_id, remote in remote_runs.items():
        local = local_runs[run_id]
        assert (local.name, local.status, local.milestone_id) == (
            remote.name,
            remote.status,
            remote.milestone_id,
        )
        assert local.summary == remote.summary
        assert local.final_pass_rate == remote.pass_rate
        results = queries.results(local.id)
        detail = client.run(DEMO_PROJECT_ID, run_id)
        assert [r.server_id for r in results] == [r.id for r in detail.results]
        assert [(r.status, r.note, r.tested_by) for r in results] == [
            (r.status, r.note, r.tested_by) for r in detail.results
        ]


def test_a_first_pull_brings_the_catalogue_with_steps(
    puller: Puller, client: TestablyClient, queries: Queries
) -> None:
    puller.pull()

    remote_cases = list(client.iter_test_cases(DEMO_PROJECT_ID))
    assert len(queries.test_cases(DEMO_PROJECT_ID)) == len(remote_cases) == 148
    for remote in remote_cases:
        local = queries.test_case(remote.id)
        assert local.title == remote.title
        assert [(s.position, s.action, s.expected) for s in local.steps] == [
            (s.position, s.action, s.expected) for s in remote.steps
        ]
    remote_milestones = {ms.id for ms in client.iter_milestones(DEMO_PROJECT_ID)}
    assert {ms.id for ms in queries.milestones(DEMO_PROJECT_ID)} == remote_milestones
    assert len(remote_milestones) == 4


def test_a_first_pull_caches_every_project_the_token_sees(
    puller: Puller, client: TestablyClient, queries: Queries, sandbox: SandboxServer
) -> None:
    puller.pull()

    cached = {(p.id, p.name, p.prefix) for p in queries.projects()}
    assert cached == {(p.id, p.name, p.prefix) for p in client.projects()}
    assert len(cached) > 1, "the project switcher offers every project of the token"
    sandbox.requests.clear()
    puller.pull()
    assert sandbox.requests.count("GET", "/v1/projects") == 0, "listed once per puller"


@pytest.mark.parametrize("status", [403, 404])
def test_a_refused_project_listing_costs_the_switcher_not_the_pull(
    puller: Puller, queries: Queries, sandbox: SandboxServer, status: int
) -> None:
    sandbox.faults.fail_next(1, status, method="GET", path="/v1/projects")

    report = puller.pull()

    assert report.runs_listed == 15, "the project itself is pulled in full"
    assert [p.id for p in queries.projects()] == [DEMO_PROJECT_ID]
    sandbox.requests.clear()
    puller.pull()
    assert sandbox.requests.count("GET", "/v1/projects") == 0, "not asked again every pass"


def test_a_second_pull_with_nothing_new_fetches_no_run(
    puller: Puller, sandbox: SandboxServer
) -> None:
    puller.pull()

    report = pull_again(puller, sandbox)

    assert detail_requests(sandbox) == []
    assert list_requests(sandbox) == 1
    assert report == PullReport(runs_listed=15)


# Changes made elsewhere ----------------------------------------------------------------------


def test_a_run_changed_elsewhere_is_the_only_one_fetched(
    puller: Puller, sandbox: SandboxServer, other: TestablyClient, queries: Queries
) -> None:
    puller.pull()
    run = active_run(queries)
    result = first_result(queries, run)
    other.set_result(server_id(run), server_id(result), ResultStatus.BLOCKED, "No stock", 40)

    report = pull_again(puller, sandbox)

    assert detail_requests(sandbox) == [f"{RUNS_PATH}/{run.server_id}"]
    assert report.runs_fetched == 1
    assert report.changes.run_ids == {run.id}
    assert report.changes.result_ids == {result.id}
    updated = queries.result(result.id)
    assert (updated.status, updated.note, updated.elapsed, updated.tested_by) == (
        ResultStatus.BLOCKED,
        "No stock",
        40,
        "user_ben",
    )
    assert queries.run(run.id).summary == other.run(DEMO_PROJECT_ID, server_id(run)).run.summary


def test_a_rename_elsewhere_arrives(
    puller: Puller, sandbox: SandboxServer, other: TestablyClient, queries: Queries
) -> None:
    puller.pull()
    run = active_run(queries)
    other.update_run(DEMO_PROJECT_ID, server_id(run), name="Renamed by Ben")

    report = pull_again(puller, sandbox)

    assert report.runs_fetched == 1
    assert queries.run(run.id).name == "Renamed by Ben"


def test_an_unsent_local_verdict_survives_a_pull(
    puller: Puller,
    sandbox: SandboxServer,
    other: TestablyClient,
    queries: Queries,
    commands: EditCommands,
) -> None:
    puller.pull()
    run = active_run(queries)
    result = first_result(queries, run)
    commands.record_result(result.id, ResultStatus.FAILED, "Mine", 5)
    other.set_result(server_id(run), server_id(result), ResultStatus.PASSED, "Ben's", 7)

    report = pull_again(puller, sandbox)

    assert report.runs_fetched == 1
    kept = queries.result(result.id)
    assert (kept.status, kept.note, kept.elapsed) == (ResultStatus.FAILED, "Mine", 5)
    assert kept.tested_by == "user_ben"  # server-owned: taken from the server
    (entry,) = queries.outbox()
    assert entry.state == OutboxState.PENDING


def test_a_run_closed_on_the_server_turns_read_only_and_the_queued_result_conflicts(
    puller: Puller,
    sandbox: SandboxServer,
    client: TestablyClient,
    other: TestablyClient,
    queries: Queries,
    commands: EditCommands,
) -> None:
    puller.pull()
    run = active_run(queries)
    result = first_result(queries, run)
    commands.record_result(result.id, ResultStatus.FAILED, "Mine")
    other.set_result(server_id(run), server_id(result), ResultStatus.PASSED, "Ben's", None)
    other.close_run(DEMO_PROJECT_ID, server_id(run), idempotency_key=str(uuid.uuid4()))

    report = pull_again(puller, sandbox)

    assert report.conflicts == 1
    closed = queries.run(run.id)
    assert closed.is_read_only
    assert closed.final_pass_rate is not None
    (entry,) = queries.outbox()
    assert (entry.state, entry.last_error) == (OutboxState.CONFLICT, CLOSED_ON_SERVER)
    # Both sides are visible: the local value in the row, the server's through the client.
    mine = queries.result(result.id)
    assert (mine.status, mine.note, mine.parked_state) == (
        ResultStatus.FAILED,
        "Mine",
        OutboxState.CONFLICT,
    )
    theirs = next(
        r for r in client.run(DEMO_PROJECT_ID, server_id(run)).results if r.id == result.server_id
    )
    assert (theirs.status, theirs.note) == (ResultStatus.PASSED, "Ben's")


# Runs gone from the server -------------------------------------------------------------------


def seed_gone_run(database: Engine, queries: Queries) -> int:
    """A cached run the server does not know (the sandbox cannot delete one)."""
    case_ids = [case.id for case in queries.test_cases(DEMO_PROJECT_ID)[:3]]
    project = SeededProject(DEMO_PROJECT_ID, case_ids, [])
    return seed_server_run(database, project, "Deleted on the server", server_id="run_gone")


def test_a_run_gone_from_the_server_is_removed(
    puller: Puller, database: Engine, queries: Queries
) -> None:
    puller.pull()
    gone = seed_gone_run(database, queries)

    report = puller.pull()

    assert report.runs_removed == 1
    assert gone in report.changes.run_ids
    assert "run_gone" not in {run.server_id for run in queries.runs(DEMO_PROJECT_ID)}
    assert queries.results(gone) == []


def test_a_run_gone_from_the_server_with_unsent_work_is_kept_and_flagged(
    puller: Puller, database: Engine, queries: Queries, commands: EditCommands
) -> None:
    puller.pull()
    gone = seed_gone_run(database, queries)
    commands.record_result(queries.results(gone)[0].id, ResultStatus.PASSED)
    offline = commands.create_run(
        DEMO_PROJECT_ID, "Made offline", [queries.results(gone)[1].test_case_id]
    )

    report = puller.pull()

    assert report.runs_removed == 0
    assert queries.run(gone).missing_on_server
    assert queries.results(gone)[0].status == ResultStatus.PASSED
    assert not queries.run(offline.id).missing_on_server


# Many runs -----------------------------------------------------------------------------------


def test_five_hundred_runs_second_pull_lists_and_fetches_only_what_changed(
    puller: Puller, sandbox: SandboxServer, other: TestablyClient, queries: Queries
) -> None:
    cases = [case.id for case in other.iter_test_cases(DEMO_PROJECT_ID)][:5]
    for number in range(485):
        other.create_run(
            DEMO_PROJECT_ID, f"Load run {number}", cases, idempotency_key=str(uuid.uuid4())
        )
    first = puller.pull()
    assert (first.runs_listed, first.runs_fetched) == (500, 500)
    changed = [run for run in queries.runs(DEMO_PROJECT_ID) if not run.is_read_only][:10]
    for run in changed:
        result = first_result(queries, run)
        other.set_result(server_id(run), server_id(result), ResultStatus.PASSED, None, 3)

    report = pull_again(puller, sandbox)

    assert list_requests(sandbox) <= 5
    assert sorted(detail_requests(sandbox)) == sorted(
        f"{RUNS_PATH}/{run.server_id}" for run in changed
    )
    assert (report.runs_listed, report.runs_fetched, report.runs_removed) == (500, 10, 0)
    assert report.changes.run_ids == {run.id for run in changed}
