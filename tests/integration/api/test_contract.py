"""The app's client against the real sandbox: every endpoint and every error class."""

from __future__ import annotations

import uuid

import httpx
import pytest

from app.api import (
    UNSET,
    AuthFailedError,
    ConflictError,
    ForbiddenError,
    InvalidResponseError,
    NotFoundError,
    RejectedError,
    ResultWrite,
    TestablyClient,
    TransientError,
    UnsupportedEndpointError,
)
from app.domain import ResultStatus, RunSummary, pass_rate
from app.sandbox import DEMO_PROJECT_ID, OUTSIDER_TOKEN, SandboxServer
from tests.integration.api.conftest import MakeClient
from tests.sandbox_server import MakeSandbox

P = DEMO_PROJECT_ID


def key() -> str:
    return str(uuid.uuid4())


def new_run(client: TestablyClient, cases: int = 3, name: str = "Contract run") -> str:
    case_ids = [case.id for case in client.iter_test_cases(P)][:cases]
    return client.create_run(P, name, case_ids, idempotency_key=key()).id


class TestReads:
    def test_projects(self, client: TestablyClient) -> None:
        projects = {project.id: project for project in client.projects()}
        assert DEMO_PROJECT_ID in projects
        detail = client.project(P)
        assert detail.name == projects[P].name
        assert detail.member_count is not None
        assert detail.member_count >= 1

    def test_test_cases_page_through_every_case_with_steps(self, client: TestablyClient) -> None:
        cases = list(client.iter_test_cases(P))
        assert len(cases) >= 140
        assert len({case.id for case in cases}) == len(cases)
        assert all(case.steps for case in cases)
        one = client.test_case(P, cases[0].id)
        assert (one.id, one.title) == (cases[0].id, cases[0].title)
        assert [step.position for step in one.steps] == sorted(s.position for s in one.steps)

    def test_test_case_filters_reach_the_server(self, client: TestablyClient) -> None:
        critical = list(client.iter_test_cases(P, priority="critical"))
        assert critical
        assert {case.priority for case in critical} == {"critical"}
        title_word = critical[0].title.split()[0]
        found = list(client.iter_test_cases(P, search=title_word))
        assert critical[0].id in {case.id for case in found}

    def test_milestones_listed_and_single_bare_object(self, client: TestablyClient) -> None:
        milestones = list(client.iter_milestones(P))
        assert len(milestones) == 4
        single = client.milestone(P, milestones[0].id)
        assert single == milestones[0]

    def test_runs_newest_first_and_detail_with_results(self, client: TestablyClient) -> None:
        runs = list(client.iter_runs(P))
        assert len(runs) >= 12
        created = [run.created_at for run in runs]
        assert created == sorted(created, reverse=True)  # type: ignore[type-var]
        detail = client.run(P, runs[0].id)
        assert len(detail.results) == detail.run.total
        assert RunSummary.from_statuses(r.status for r in detail.results) == detail.run.summary
        listed = {result.id for result in client.iter_results(runs[0].id)}
        assert listed == {result.id for result in detail.results}

    def test_closed_runs_carry_their_final_pass_rate(self, client: TestablyClient) -> None:
        closed = [run for run in client.iter_runs(P) if run.status == "closed"]
        assert closed
        for run in closed:
            assert run.pass_rate == pass_rate(run.summary.passed, run.total)
            assert run.closed_at is not None


class TestWrites:
    def test_create_update_record_and_close(self, client: TestablyClient) -> None:
        cases = [case.id for case in client.iter_test_cases(P)][:4]
        milestone = next(iter(client.iter_milestones(P))).id
        run = client.create_run(P, "Checkout smoke", cases, milestone, idempotency_key=key())
        assert (run.status, run.milestone_id, run.summary) == (
            "active",
            milestone,
            RunSummary(not_tested=4),
        )

        renamed = client.update_run(P, run.id, name="Checkout smoke (2)")
        assert renamed.id == run.id
        client.update_run(P, run.id, milestone_id=None)
        detail = client.run(P, run.id)
        assert (detail.run.name, detail.run.milestone_id) == ("Checkout smoke (2)", None)

        first, second = detail.results[:2]
        saved = client.set_result(run.id, first.id, ResultStatus.FAILED, "Spinner", 42)
        assert (saved.status, saved.note, saved.elapsed) == (ResultStatus.FAILED, "Spinner", 42)
        assert saved.tested_by is not None
        assert saved.tested_at is not None
        writes = [
            ResultWrite(second.test_case_id, ResultStatus.PASSED, None, 30),
            ResultWrite(first.test_case_id, ResultStatus.PASSED, "fixed", 12),
        ]
        outcome = client.bulk_set_results(run.id, writes, idempotency_key=key())
        assert outcome.updated == 2

        closed = client.close_run(P, run.id, idempotency_key=key())
        assert (closed.status, closed.pass_rate) == ("closed", 50.0)
        assert closed.summary == RunSummary(passed=2, not_tested=2)

    def test_put_replaces_note_and_elapsed(self, client: TestablyClient) -> None:
        run_id = new_run(client)
        result = client.run(P, run_id).results[0]
        client.set_result(run_id, result.id, ResultStatus.BLOCKED, "note", 90)
        cleared = client.set_result(run_id, result.id, ResultStatus.RETEST, None, None)
        assert (cleared.note, cleared.elapsed) == (None, None)

    def test_a_create_replayed_with_its_key_makes_one_run(
        self, client: TestablyClient, sandbox: SandboxServer
    ) -> None:
        cases = [case.id for case in client.iter_test_cases(P)][:2]
        same = key()
        first = client.create_run(P, "Once only", cases, idempotency_key=same)
        again = client.create_run(P, "Once only", cases, idempotency_key=same)
        assert again.id == first.id
        assert [run.name for run in client.iter_runs(P)].count("Once only") == 1
        with pytest.raises(RejectedError) as caught:
            client.create_run(P, "Another body", cases, idempotency_key=same)
        assert caught.value.code == "idempotency_key_reused"

    def test_paging_across_more_than_250_runs(self, client: TestablyClient) -> None:
        case_id = next(iter(client.iter_test_cases(P))).id
        for number in range(260):
            client.create_run(P, f"Paging {number}", [case_id], idempotency_key=key())
        pages = list(client.iter_run_pages(P))
        runs = [run for page in pages for run in page.items]
        assert len(runs) == pages[0].total
        assert len(runs) >= 260 + 12
        assert len({run.id for run in runs}) == len(runs)
        assert [len(page.items) for page in pages[:-1]] == [100] * (len(pages) - 1)


class TestErrors:
    def test_a_bad_token_is_auth_failed(
        self, sandbox: SandboxServer, make_client: MakeClient
    ) -> None:
        with pytest.raises(AuthFailedError, match="did not accept the API token"):
            make_client(sandbox, token="testably_not_a_real_token").projects()

    def test_a_token_without_access_is_forbidden(
        self, sandbox: SandboxServer, make_client: MakeClient
    ) -> None:
        outsider = make_client(sandbox, token=OUTSIDER_TOKEN)
        assert outsider.projects() == []
        with pytest.raises(ForbiddenError):
            list(outsider.iter_runs(P))

    def test_a_missing_run_is_not_found(self, client: TestablyClient) -> None:
        with pytest.raises(NotFoundError, match="no longer has /v1/projects/proj_demo/runs/"):
            client.run(P, "run_does_not_exist")

    def test_unknown_cases_are_rejected_with_details(self, client: TestablyClient) -> None:
        with pytest.raises(RejectedError) as caught:
            client.create_run(P, "Bad", ["tc_nope"], idempotency_key=key())
        assert caught.value.code == "validation_error"
        assert [item.subject for item in caught.value.details] == ["tc_nope"]

    def test_bulk_is_all_or_nothing_with_the_bad_items_named(self, client: TestablyClient) -> None:
        run_id = new_run(client)
        good = client.run(P, run_id).results[0]
        writes = [
            ResultWrite(good.test_case_id, ResultStatus.PASSED, None, None),
            ResultWrite("tc_not_in_run", ResultStatus.PASSED, None, None),
        ]
        with pytest.raises(RejectedError) as caught:
            client.bulk_set_results(run_id, writes, idempotency_key=key())
        assert [item.subject for item in caught.value.details] == ["tc_not_in_run"]
        assert client.run(P, run_id).results[0].status is ResultStatus.NOT_TESTED

    def test_writes_to_a_closed_run_conflict(self, client: TestablyClient) -> None:
        run_id = new_run(client)
        result = client.run(P, run_id).results[0]
        client.close_run(P, run_id, idempotency_key=key())
        with pytest.raises(ConflictError) as caught:
            client.set_result(run_id, result.id, ResultStatus.PASSED, None, None)
        assert caught.value.code == "run_closed"
        with pytest.raises(ConflictError):
            client.update_run(P, run_id, name="Too late")
        with pytest.raises(ConflictError):
            client.close_run(P, run_id, idempotency_key=key())

    def test_coming_soon_writes_are_unsupported(
        self, client: TestablyClient, sandbox: SandboxServer
    ) -> None:
        run_id = new_run(client)
        result = client.run(P, run_id).results[0]
        sandbox.set_coming_soon(True)
        with pytest.raises(UnsupportedEndpointError, match="does not offer this yet"):
            new_run(client)
        with pytest.raises(UnsupportedEndpointError, match="answered 501"):
            client.set_result(run_id, result.id, ResultStatus.PASSED, None, None)
        with pytest.raises(UnsupportedEndpointError):
            client.update_run(P, run_id, name="x", milestone_id=UNSET)
        assert client.run(P, run_id).run.id == run_id  # reads keep working

    def test_server_errors_are_transient(
        self, client: TestablyClient, sandbox: SandboxServer
    ) -> None:
        sandbox.faults.fail_next(1, 502, "<html><body>Bad gateway</body></html>")
        with pytest.raises(TransientError) as caught:
            client.projects()
        assert caught.value.may_have_reached_server
        assert client.projects()  # the next request goes through

    def test_a_dropped_connection_after_the_server_acted_is_ambiguous(
        self, client: TestablyClient, sandbox: SandboxServer
    ) -> None:
        cases = [case.id for case in client.iter_test_cases(P)][:2]
        sandbox.faults.drop_next(1, method="POST", path=f"/v1/projects/{P}/runs")
        with pytest.raises(TransientError) as caught:
            client.create_run(P, "Dropped answer", cases, idempotency_key=key())
        assert caught.value.may_have_reached_server
        assert "Dropped answer" in [run.name for run in client.iter_runs(P)]

    def test_garbage_is_an_invalid_response(
        self, client: TestablyClient, sandbox: SandboxServer
    ) -> None:
        sandbox.faults.garbage_next(1, kind="invalid_json")
        with pytest.raises(InvalidResponseError, match="not valid JSON"):
            client.projects()
        sandbox.faults.garbage_next(1, kind="wrong_types")
        with pytest.raises(InvalidResponseError):
            list(client.iter_runs(P))

    def test_a_slow_answer_times_out(self, sandbox: SandboxServer, make_client: MakeClient) -> None:
        impatient = make_client(sandbox, timeout=httpx.Timeout(2.0, read=0.2))
        sandbox.faults.delay_next(1, 1.0)
        with pytest.raises(TransientError, match="did not answer in time"):
            impatient.projects()

    def test_an_unreachable_server_was_certainly_not_reached(
        self, make_client: MakeClient, sandbox: SandboxServer
    ) -> None:
        client = make_client(sandbox)
        sandbox.stop()
        with pytest.raises(TransientError, match="Could not reach the server") as caught:
            client.projects()
        assert not caught.value.may_have_reached_server


def test_rate_limit_is_waited_out_without_an_error(
    make_sandbox: MakeSandbox, make_client: MakeClient
) -> None:
    server = make_sandbox(rate_limit_per_minute=60)
    client = make_client(server)  # its own pacing off: the server must push back
    for _ in range(62):
        assert client.project(P).id == P
    statuses = [record.status for record in server.requests.snapshot()]
    assert 429 in statuses
    assert statuses[-1] == 200
