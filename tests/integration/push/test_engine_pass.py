"""A whole pass of the engine: push, then pull, then the status it reports."""

from __future__ import annotations

from sqlalchemy import Engine

from app.api import TestablyClient
from app.domain import ResultStatus
from app.sandbox import DEMO_PROJECT_ID as P
from app.sandbox import SandboxServer
from app.store import EditCommands, Queries
from app.sync.engine import SyncEngine
from app.sync.status import SyncState
from tests.integration.api.conftest import MakeClient
from tests.integration.push.conftest import Clock


def test_offline_edits_then_a_pass_make_server_and_cache_agree(
    database: Engine,
    sandbox: SandboxServer,
    make_client: MakeClient,
    server_client: TestablyClient,
    clock: Clock,
) -> None:
    engine = SyncEngine(database, make_client(sandbox), P, clock)
    first = engine.run_pass()
    assert first.status.state is SyncState.ONLINE
    queries = Queries(database)
    run = next(r for r in queries.runs(P) if not r.is_read_only)
    cases = [case.id for case in queries.test_cases(P)][:5]
    commands = EditCommands(database)
    commands.record_result(queries.results(run.id)[0].id, "failed", "broken", 7)
    offline = commands.create_run(P, "Offline created", cases)
    commands.record_result(queries.results(offline.id)[1].id, "passed")
    commands.close_run(offline.id)

    report = engine.run_pass()

    assert report.status.pending == 0
    assert report.push.delivered == 4
    for local in queries.runs(P):
        assert local.server_id is not None
        remote = server_client.run(P, local.server_id)
        assert (local.name, local.status, local.summary) == (
            remote.run.name,
            remote.run.status,
            remote.run.summary,
        )
    created = queries.run(offline.id)
    assert created.is_read_only
    statuses = {r.test_case_id: r.status for r in queries.results(created.id)}
    assert statuses[cases[1]] is ResultStatus.PASSED


def test_an_unreachable_server_reports_offline_and_keeps_everything(
    database: Engine, sandbox: SandboxServer, make_client: MakeClient, clock: Clock
) -> None:
    engine = SyncEngine(database, make_client(sandbox), P, clock)
    engine.run_pass()
    queries = Queries(database)
    run = next(r for r in queries.runs(P) if not r.is_read_only)
    EditCommands(database).record_result(queries.results(run.id)[0].id, "blocked")
    sandbox.stop()

    report = engine.run_pass()

    assert report.status.state is SyncState.OFFLINE
    assert report.status.pending == 1
    assert "Could not reach the server" in (report.status.last_error or "")
    assert report.status.last_success_at is not None


def test_a_revoked_token_reports_signed_out(
    database: Engine, sandbox: SandboxServer, make_client: MakeClient, clock: Clock
) -> None:
    engine = SyncEngine(database, make_client(sandbox, token="testably_revoked"), P, clock)
    assert engine.run_pass().status.state is SyncState.SIGNED_OUT


def test_changes_waiting_for_server_support_are_tried_again_at_the_next_start(
    database: Engine,
    sandbox: SandboxServer,
    make_client: MakeClient,
    server_client: TestablyClient,
    clock: Clock,
) -> None:
    SyncEngine(database, make_client(sandbox), P, clock).run_pass()
    queries = Queries(database)
    run = next(r for r in queries.runs(P) if not r.is_read_only)
    result = queries.results(run.id)[0]
    EditCommands(database).record_result(result.id, "blocked", "payment sandbox down", 40)
    sandbox.set_coming_soon(True)
    engine = SyncEngine(database, make_client(sandbox), P, clock)

    waiting = engine.run_pass()

    assert waiting.status.state is SyncState.WAITING_SUPPORT
    sandbox.set_coming_soon(False)
    assert engine.run_pass().status.pending == 1  # the same session leaves it parked
    restarted = SyncEngine(database, make_client(sandbox), P, clock)

    assert restarted.run_pass().status.pending == 0
    assert run.server_id is not None
    remote = {r.test_case_id: r for r in server_client.run(P, run.server_id).results}
    assert remote[result.test_case_id].note == "payment sandbox down"
