"""The push rules of DESIGN.md against the real sandbox."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine

from app.api import TestablyClient
from app.domain import ResultStatus, RunSummary
from app.sandbox import DEMO_PROJECT_ID as P
from app.sandbox import SandboxServer
from app.store import EditCommands, OutboxState, Queries, write_session
from app.store.delivery import Delivery
from app.store.models import OutboxEntry
from app.sync.push import PassInterruptedError, Pusher
from tests.integration.push.conftest import Clock, cache_catalog, cache_server_run

MakePusher = Callable[..., Pusher]


@pytest.fixture
def cases(database: Engine, server_client: TestablyClient) -> list[str]:
    return cache_catalog(database, server_client)


def server_run(client: TestablyClient, cases: list[str], count: int, name: str = "Push") -> str:
    return client.create_run(P, name, cases[:count], idempotency_key=str(uuid.uuid4())).id


def cached_run(
    database: Engine, client: TestablyClient, cases: list[str], count: int
) -> tuple[str, int]:
    """A run made on the server with the first `count` cases, and cached locally."""
    server_id = server_run(client, cases, count)
    return server_id, cache_server_run(database, client, server_id)


def statuses_on_server(client: TestablyClient, run_id: str) -> dict[str, ResultStatus]:
    return {r.test_case_id: r.status for r in client.run(P, run_id).results}


def writes(sandbox: SandboxServer) -> list[tuple[str, str]]:
    return [
        (record.method, record.path)
        for record in sandbox.requests.snapshot()
        if record.method != "GET"
    ]


def test_offline_edits_are_delivered_and_leave_the_outbox(
    database: Engine, server_client: TestablyClient, cases: list[str], make_pusher: MakePusher
) -> None:
    run_server_id, run_id = cached_run(database, server_client, cases, 5)
    commands, queries = EditCommands(database), Queries(database)
    results = queries.results(run_id)
    commands.record_result(results[0].id, "passed", "fine", 30)
    commands.record_result(results[1].id, "failed", "Spinner never stops", 95)

    report = make_pusher().push()

    assert report.delivered == 2
    assert queries.outbox() == []
    detail = {r.test_case_id: r for r in server_client.run(P, run_server_id).results}
    assert (detail[cases[0]].status, detail[cases[0]].note) == (ResultStatus.PASSED, "fine")
    assert (detail[cases[1]].status, detail[cases[1]].elapsed) == (ResultStatus.FAILED, 95)


def test_edits_of_one_result_collapse_to_the_newest(
    database: Engine,
    server_client: TestablyClient,
    cases: list[str],
    make_pusher: MakePusher,
    sandbox: SandboxServer,
) -> None:
    run_server_id, run_id = cached_run(database, server_client, cases, 3)
    result = Queries(database).results(run_id)[0]
    for status in ("failed", "blocked", "passed"):
        EditCommands(database).record_result(result.id, status)
    sandbox.requests.clear()

    report = make_pusher().push()

    assert report.delivered == 3
    assert writes(sandbox) == [("POST", f"/v1/runs/{run_server_id}/results/bulk")]
    assert statuses_on_server(server_client, run_server_id)[cases[0]] is ResultStatus.PASSED


def test_results_go_in_bulk_batches_of_at_most_100(
    database: Engine,
    server_client: TestablyClient,
    cases: list[str],
    make_pusher: MakePusher,
    sandbox: SandboxServer,
) -> None:
    run_server_id, run_id = cached_run(database, server_client, cases, 140)
    commands = EditCommands(database)
    for result in Queries(database).results(run_id):
        commands.record_result(result.id, "passed")
    sandbox.requests.clear()

    make_pusher().push()

    assert writes(sandbox) == [("POST", f"/v1/runs/{run_server_id}/results/bulk")] * 2
    assert set(statuses_on_server(server_client, run_server_id).values()) == {ResultStatus.PASSED}


def test_a_rejected_item_is_set_aside_and_the_rest_delivered(
    database: Engine, server_client: TestablyClient, cases: list[str], make_pusher: MakePusher
) -> None:
    run_server_id, run_id = cached_run(database, server_client, cases, 3)
    results = Queries(database).results(run_id)
    EditCommands(database).record_result(results[0].id, "passed")
    bad = EditCommands(database).record_result(results[1].id, "failed")
    with write_session(database) as session:  # the server will not know this test case
        entry = session.get(OutboxEntry, 2)
        assert entry is not None
        entry.payload = json.dumps({**json.loads(entry.payload), "test_case_id": "tc_unknown"})
        session.add(entry)

    report = make_pusher().push()

    assert (report.delivered, report.parked) == (1, 1)
    (parked,) = Queries(database).outbox()
    assert (parked.result_id, parked.state) == (bad.id, OutboxState.REJECTED)
    assert "tc_unknown" not in statuses_on_server(server_client, run_server_id)
    assert statuses_on_server(server_client, run_server_id)[cases[0]] is ResultStatus.PASSED


def test_a_close_goes_strictly_after_the_runs_results(
    database: Engine,
    server_client: TestablyClient,
    cases: list[str],
    make_pusher: MakePusher,
    sandbox: SandboxServer,
) -> None:
    run_server_id, run_id = cached_run(database, server_client, cases, 4)
    commands = EditCommands(database)
    for result, status in zip(
        Queries(database).results(run_id), ("passed", "failed"), strict=False
    ):
        commands.record_result(result.id, status)
    commands.close_run(run_id)
    sandbox.requests.clear()

    make_pusher().push()

    assert writes(sandbox) == [
        ("POST", f"/v1/runs/{run_server_id}/results/bulk"),
        ("POST", f"/v1/projects/{P}/runs/{run_server_id}/close"),
    ]
    closed = server_client.run(P, run_server_id).run
    assert (closed.status, closed.summary) == ("closed", RunSummary(1, 1, 0, 0, 2))
    assert closed.pass_rate == 25.0


def test_an_offline_run_is_created_then_gets_its_results(
    database: Engine, server_client: TestablyClient, cases: list[str], make_pusher: MakePusher
) -> None:
    commands, queries = EditCommands(database), Queries(database)
    run = commands.create_run(P, "Made on the train", cases[:30])
    results = queries.results(run.id)
    commands.record_result(results[0].id, "failed", "Card declined", 61)
    commands.record_result(results[29].id, "passed")
    commands.update_run(run.id, name="Made on the train (v2)")

    report = make_pusher().push()

    assert report.delivered == 4
    server_id = queries.run(run.id).server_id
    assert server_id is not None
    detail = server_client.run(P, server_id)
    assert detail.run.name == "Made on the train (v2)"
    assert [r.test_case_id for r in detail.results] == cases[:30]
    on_server = {r.test_case_id: r.status for r in detail.results}
    assert on_server[cases[0]] is ResultStatus.FAILED
    assert on_server[cases[29]] is ResultStatus.PASSED
    assert all(r.server_id for r in queries.results(run.id))


def test_an_ambiguous_create_is_adopted_not_repeated(
    database: Engine,
    server_client: TestablyClient,
    cases: list[str],
    make_pusher: MakePusher,
    sandbox: SandboxServer,
    clock: Clock,
) -> None:
    run = EditCommands(database).create_run(P, "Dropped on the way back", cases[:3])
    sandbox.faults.drop_next(1, method="POST", path=f"/v1/projects/{P}/runs")
    pusher = make_pusher()

    with pytest.raises(PassInterruptedError):
        pusher.push()
    (entry,) = Queries(database).outbox()
    assert entry.state is OutboxState.IN_FLIGHT
    clock.advance(600)
    sandbox.requests.clear()

    pusher.push()

    assert Queries(database).outbox() == []
    names = [r.name for r in server_client.iter_runs(P)]
    assert names.count("Dropped on the way back") == 1
    assert ("POST", f"/v1/projects/{P}/runs") not in writes(sandbox)
    assert Queries(database).run(run.id).server_id is not None


def test_unsupported_writes_wait_for_support_and_are_delivered_later(
    database: Engine,
    server_client: TestablyClient,
    cases: list[str],
    make_pusher: MakePusher,
    sandbox: SandboxServer,
) -> None:
    run_server_id, run_id = cached_run(database, server_client, cases, 2)
    result = Queries(database).results(run_id)[0]
    EditCommands(database).record_result(result.id, "blocked", "Sandbox down", 5)
    sandbox.set_coming_soon(True)
    pusher = make_pusher()

    report = pusher.push()

    (entry,) = Queries(database).outbox()
    assert (report.parked, entry.state) == (1, OutboxState.WAITING_SUPPORT)
    assert "does not offer this yet" in (entry.last_error or "")
    sandbox.set_coming_soon(False)
    assert pusher.push().delivered == 0  # parked entries wait for the user
    assert Delivery(database).retry(entry.seq)
    assert pusher.push().delivered == 1
    assert statuses_on_server(server_client, run_server_id)[cases[0]] is ResultStatus.BLOCKED


def test_a_bad_token_pauses_without_spending_attempts(
    database: Engine, server_client: TestablyClient, cases: list[str], make_pusher: MakePusher
) -> None:
    _run_server_id, run_id = cached_run(database, server_client, cases, 2)
    EditCommands(database).record_result(Queries(database).results(run_id)[0].id, "passed")

    with pytest.raises(PassInterruptedError, match="did not accept the API token"):
        make_pusher(token="testably_revoked").push()

    (entry,) = Queries(database).outbox()
    assert (entry.state, entry.attempts) == (OutboxState.PENDING, 0)
    assert make_pusher().push().delivered == 1


def test_results_queued_for_a_run_closed_on_the_server_become_conflicts(
    database: Engine, server_client: TestablyClient, cases: list[str], make_pusher: MakePusher
) -> None:
    run_server_id, run_id = cached_run(database, server_client, cases, 2)
    EditCommands(database).record_result(Queries(database).results(run_id)[0].id, "failed", "mine")
    server_client.close_run(P, run_server_id, idempotency_key=str(uuid.uuid4()))

    report = make_pusher().push()

    (entry,) = Queries(database).outbox()
    assert (report.parked, entry.state) == (1, OutboxState.CONFLICT)
    assert "closed on the server" in (entry.last_error or "")
    assert Queries(database).results(run_id)[0].note == "mine"  # the local value is kept
    assert statuses_on_server(server_client, run_server_id)[cases[0]] is ResultStatus.NOT_TESTED


def test_a_server_outage_reschedules_with_backoff(
    database: Engine,
    server_client: TestablyClient,
    cases: list[str],
    make_pusher: MakePusher,
    sandbox: SandboxServer,
    clock: Clock,
) -> None:
    _run_server_id, run_id = cached_run(database, server_client, cases, 2)
    EditCommands(database).record_result(Queries(database).results(run_id)[0].id, "passed")
    sandbox.faults.fail_next(1, 503)
    pusher = make_pusher()

    with pytest.raises(PassInterruptedError):
        pusher.push()
    (entry,) = Queries(database).outbox()
    assert entry.attempts == 1
    assert entry.next_attempt_at is not None
    assert entry.next_attempt_at > clock()
    assert pusher.push().delivered == 0  # not due yet
    clock.advance(2)
    assert pusher.push().delivered == 1


def test_a_429_storm_is_waited_out_and_nothing_is_lost(
    database: Engine,
    server_client: TestablyClient,
    cases: list[str],
    make_pusher: MakePusher,
    sandbox: SandboxServer,
    clock: Clock,
) -> None:
    run_server_id, run_id = cached_run(database, server_client, cases, 3)
    for result in Queries(database).results(run_id):
        EditCommands(database).record_result(result.id, "retest")
    bulk = f"/v1/runs/{run_server_id}/results/bulk"
    sandbox.faults.fail_next(6, 429, headers={"Retry-After": "0"}, method="POST", path=bulk)
    pusher = make_pusher()

    with pytest.raises(PassInterruptedError, match="slow down"):
        pusher.push()  # the client waited out three 429s, then handed the fourth back
    assert {entry.attempts for entry in Queries(database).outbox()} <= {0, 1}
    clock.advance(2)
    pusher.push()  # two more 429s are waited out inside the client, then it goes through

    assert Queries(database).outbox() == []
    assert set(statuses_on_server(server_client, run_server_id).values()) == {ResultStatus.RETEST}
    answered = [r.status for r in sandbox.requests.snapshot() if r.path == bulk]
    assert answered == [429] * 6 + [200]


def test_an_older_value_is_never_sent_while_a_newer_one_waits_out_a_backoff(
    database: Engine,
    server_client: TestablyClient,
    cases: list[str],
    make_pusher: MakePusher,
    sandbox: SandboxServer,
    clock: Clock,
) -> None:
    run_server_id, run_id = cached_run(database, server_client, cases, 2)
    first, second = Queries(database).results(run_id)
    commands = EditCommands(database)
    commands.record_result(second.id, "failed")  # seq 1: soon superseded
    commands.record_result(first.id, "blocked")  # seq 2: the batch's first entry
    commands.record_result(second.id, "passed")  # seq 3: the newest value of `second`
    sandbox.faults.fail_next(1, 503, method="POST")
    pusher = make_pusher()
    with pytest.raises(PassInterruptedError):
        pusher.push()  # seq 2 is rescheduled; seq 1 and 3 stay due
    sandbox.requests.clear()

    pusher.push()

    assert writes(sandbox) == []  # seq 1 alone would have sent the stale "failed"
    clock.advance(2)
    pusher.push()
    on_server = statuses_on_server(server_client, run_server_id)
    assert (on_server[cases[0]], on_server[cases[1]]) == (
        ResultStatus.BLOCKED,
        ResultStatus.PASSED,
    )
    assert Queries(database).outbox() == []


def test_acknowledged_batches_are_forgotten_even_when_the_pass_is_cut_short(
    database: Engine,
    server_client: TestablyClient,
    cases: list[str],
    make_pusher: MakePusher,
    sandbox: SandboxServer,
) -> None:
    first_server_id, first = cached_run(database, server_client, cases, 3)
    second_server_id, second = cached_run(database, server_client, cases, 3)
    for run_id in (first, second):
        for result in Queries(database).results(run_id):
            EditCommands(database).record_result(result.id, "blocked")
    bulk = f"/v1/runs/{second_server_id}/results/bulk"
    sandbox.faults.fail_next(1, 503, method="POST", path=bulk)

    with pytest.raises(PassInterruptedError) as stopped:
        make_pusher().push()

    assert stopped.value.report.delivered == 3
    assert {entry.run_id for entry in Queries(database).outbox()} == {second}
    assert set(statuses_on_server(server_client, first_server_id).values()) == {
        ResultStatus.BLOCKED
    }


def test_a_run_closed_between_two_batches_parks_only_the_unsent_results(
    database: Engine,
    server_client: TestablyClient,
    cases: list[str],
    make_pusher: MakePusher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run_server_id, run_id = cached_run(database, server_client, cases, 140)
    for result in Queries(database).results(run_id):
        EditCommands(database).record_result(result.id, "passed")
    send = TestablyClient.bulk_set_encoded_results

    def send_then_close(client: TestablyClient, *args: Any, **kwargs: Any) -> Any:
        outcome = send(client, *args, **kwargs)
        server_client.close_run(P, run_server_id, idempotency_key=str(uuid.uuid4()))
        return outcome

    monkeypatch.setattr(TestablyClient, "bulk_set_encoded_results", send_then_close)

    report = make_pusher().push()

    left = Queries(database).outbox()
    assert (report.delivered, report.parked) == (100, 40)
    assert (len(left), {entry.state for entry in left}) == (40, {OutboxState.CONFLICT})
