"""Every endpoint sends what API.md says and reads the answer into typed objects."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from app import __version__
from app.api import (
    UNSET,
    BulkOutcome,
    Milestone,
    Page,
    Project,
    Result,
    ResultWrite,
    Run,
    RunUpdate,
    Step,
)
from app.domain import ResultStatus, RunSummary
from tests.unit.api.conftest import MakeClient
from tests.unit.api.support import (
    TOKEN,
    Recorder,
    body_of,
    case_json,
    data,
    listing,
    milestone_json,
    paged,
    project_json,
    respond,
    result_json,
    run_json,
    without,
)

MOMENT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
STAMP_CLOSED = "2026-11-03T10:30:00Z"
KEY = "6f1c2a9e-3b7d-4c55-9a10-2f6e8d4b7c01"


def _query(request: httpx.Request) -> dict[str, str]:
    return dict(request.url.params)


def _ids(count: int, prefix: str = "run") -> list[str]:
    return [f"{prefix}_{number:03d}" for number in range(1, count + 1)]


# Headers -------------------------------------------------------------------------------


def test_every_request_carries_the_token_and_the_user_agent(make_client: MakeClient) -> None:
    server = Recorder(respond(200, data(project_json())))
    client = make_client(server)

    client.project("proj_1")

    headers = server.last.headers
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert headers["User-Agent"] == f"testdeck/{__version__}"
    assert headers["Accept"] == "application/json"


def test_a_read_sends_no_body_and_no_idempotency_key(make_client: MakeClient) -> None:
    server = Recorder(respond(200, data(project_json())))
    client = make_client(server)

    client.project("proj_1")

    assert server.last.method == "GET"
    assert server.last.content == b""
    assert "Idempotency-Key" not in server.last.headers
    assert "Content-Type" not in server.last.headers


# Projects ------------------------------------------------------------------------------


def test_projects_reads_every_page(make_client: MakeClient) -> None:
    items = [project_json(id=f"proj_{n}", name=f"Project {n}") for n in range(150)]
    server = Recorder(paged(items))
    client = make_client(server)

    projects = client.projects()

    assert [p.id for p in projects] == [item["id"] for item in items]
    assert [(r.method, r.url.path) for r in server.requests] == [("GET", "/v1/projects")] * 2
    assert [_query(r) for r in server.requests] == [
        {"page": "1", "per_page": "100"},
        {"page": "2", "per_page": "100"},
    ]


def test_a_project_listing_parses_every_field(make_client: MakeClient) -> None:
    client = make_client(respond(200, listing([project_json()], total=1)))

    assert client.projects() == [
        Project(
            id="proj_1",
            name="Web shop",
            prefix="WS",
            test_case_count=12,
            run_count=3,
            created_at=MOMENT,
            updated_at=MOMENT,
        )
    ]


def test_project_reads_one_project_with_its_details(make_client: MakeClient) -> None:
    answer = project_json(description="The shop", member_count=7)
    server = Recorder(respond(200, data(answer)))
    client = make_client(server)

    project = client.project("proj_1")

    assert (server.last.method, server.last.url.path) == ("GET", "/v1/projects/proj_1")
    assert _query(server.last) == {}
    assert project.description == "The shop"
    assert project.member_count == 7
    assert project.created_at == MOMENT
    assert project.created_at is not None
    assert project.created_at.tzinfo is not None


# Test cases ----------------------------------------------------------------------------


def test_iter_test_cases_sends_the_filters(make_client: MakeClient) -> None:
    server = Recorder(respond(200, listing([case_json()], total=1)))
    client = make_client(server)

    cases = list(
        client.iter_test_cases(
            "proj_1", folder_id="fld_login", priority="high", type="functional", search="log in"
        )
    )

    assert [case.id for case in cases] == ["tc_1"]
    assert server.last.url.path == "/v1/projects/proj_1/test-cases"
    assert _query(server.last) == {
        "folder_id": "fld_login",
        "priority": "high",
        "type": "functional",
        "search": "log in",
        "page": "1",
        "per_page": "100",
    }


def test_iter_test_cases_leaves_out_filters_not_given(make_client: MakeClient) -> None:
    server = Recorder(respond(200, listing([], total=0)))
    client = make_client(server)

    assert list(client.iter_test_cases("proj_1", priority="low")) == []

    assert _query(server.last) == {"priority": "low", "page": "1", "per_page": "100"}


def test_test_case_reads_steps_tags_and_author(make_client: MakeClient) -> None:
    answer = case_json(tags=["smoke", "login"], created_by="user_2")
    server = Recorder(respond(200, data(answer)))
    client = make_client(server)

    case = client.test_case("proj_1", "tc_1")

    assert (server.last.method, server.last.url.path) == (
        "GET",
        "/v1/projects/proj_1/test-cases/tc_1",
    )
    assert case.title == "Log in with a valid password"
    assert case.priority == "high"
    assert case.precondition == "A user exists"
    assert case.expected_result == "The dashboard opens"
    assert case.steps == (
        Step(position=1, action="Open the login page", expected=None),
        Step(position=2, action="Submit the form", expected="The dashboard opens"),
    )
    assert case.tags == ("smoke", "login")
    assert case.created_by == "user_2"


def test_a_listed_test_case_has_no_tags_or_author(make_client: MakeClient) -> None:
    client = make_client(respond(200, listing([case_json()], total=1)))

    (case,) = client.iter_test_cases("proj_1")

    assert case.tags == ()
    assert case.created_by is None


# Milestones ----------------------------------------------------------------------------


def test_iter_milestones_sends_the_status_filter(make_client: MakeClient) -> None:
    server = Recorder(respond(200, listing([milestone_json()], total=1)))
    client = make_client(server)

    milestones = list(client.iter_milestones("proj_1", status="started"))

    assert server.last.url.path == "/v1/projects/proj_1/milestones"
    assert _query(server.last) == {"status": "started", "page": "1", "per_page": "100"}
    assert milestones == [
        Milestone(
            id="ms_1",
            name="Release 2.1",
            description="Spring release",
            status="started",
            start_date="2026-11-01",
            due_date="2026-12-01",
            parent_id=None,
            progress=42.5,
            created_at=MOMENT,
            updated_at=MOMENT,
        )
    ]


def test_iter_milestones_without_a_filter(make_client: MakeClient) -> None:
    server = Recorder(respond(200, listing([], total=0)))
    client = make_client(server)

    assert list(client.iter_milestones("proj_1")) == []
    assert _query(server.last) == {"page": "1", "per_page": "100"}


@pytest.mark.parametrize("envelope", [False, True], ids=["bare", "enveloped"])
def test_milestone_accepts_a_bare_or_an_enveloped_object(
    make_client: MakeClient, envelope: bool
) -> None:
    answer = milestone_json(status="archived", progress=None)
    server = Recorder(respond(200, data(answer) if envelope else answer))
    client = make_client(server)

    milestone = client.milestone("proj_1", "ms_1")

    assert server.last.url.path == "/v1/projects/proj_1/milestones/ms_1"
    assert milestone.id == "ms_1"
    assert milestone.status == "archived"  # shown as sent, whatever the doc version
    assert milestone.progress is None


# Runs ----------------------------------------------------------------------------------


def test_iter_runs_reads_the_runs_newest_first_as_sent(make_client: MakeClient) -> None:
    items = [run_json(id=run_id) for run_id in _ids(120)]
    server = Recorder(paged(items))
    client = make_client(server)

    runs = list(client.iter_runs("proj_1"))

    assert [run.id for run in runs] == _ids(120)
    assert {r.url.path for r in server.requests} == {"/v1/projects/proj_1/runs"}
    assert server.pages() == [1, 2]


def test_a_listed_run_parses_every_field(make_client: MakeClient) -> None:
    client = make_client(respond(200, listing([run_json()], total=1)))

    assert list(client.iter_runs("proj_1")) == [
        Run(
            id="run_1",
            name="Smoke, build 812",
            status="active",
            summary=RunSummary(passed=1, failed=1, blocked=0, retest=0, not_tested=2),
            milestone_id="ms_1",
            created_by="user_1",
            created_at=MOMENT,
            updated_at=MOMENT,
        )
    ]


def test_iter_run_pages_reports_the_paging_facts(make_client: MakeClient) -> None:
    server = Recorder(paged([run_json(id=run_id) for run_id in _ids(130)]))
    client = make_client(server)

    pages = list(client.iter_run_pages("proj_1"))

    assert all(isinstance(page, Page) for page in pages)
    assert [(p.page, p.per_page, p.total, len(p.items)) for p in pages] == [
        (1, 100, 130, 100),
        (2, 100, 130, 30),
    ]


def test_run_reads_the_run_with_every_result(make_client: MakeClient) -> None:
    answer = run_json(
        results=[
            result_json(),
            result_json(id="res_2", test_case_id="tc_2", status="failed", elapsed=None),
            result_json(
                id="res_3", test_case_id="tc_3", status="untested", note=None, tested_at=None
            ),
            result_json(id="res_4", test_case_id="tc_4", status="not_tested", tested_by=None),
        ]
    )
    server = Recorder(respond(200, data(answer)))
    client = make_client(server)

    detail = client.run("proj_1", "run_1")

    assert (server.last.method, server.last.url.path) == ("GET", "/v1/projects/proj_1/runs/run_1")
    assert detail.run.id == "run_1"
    assert detail.run.total == 4
    assert detail.results[0] == Result(
        id="res_1",
        test_case_id="tc_1",
        test_case_title="Log in with a valid password",
        status=ResultStatus.PASSED,
        note="Fine on Firefox",
        elapsed=75,
        tested_by="user_1",
        tested_at=MOMENT,
    )
    assert [r.status for r in detail.results] == [
        ResultStatus.PASSED,
        ResultStatus.FAILED,
        ResultStatus.NOT_TESTED,
        ResultStatus.NOT_TESTED,
    ]
    assert detail.results[1].elapsed is None
    assert detail.results[2].note is None
    assert detail.results[2].tested_at is None


def test_a_closed_run_carries_pass_rate_and_closed_at(make_client: MakeClient) -> None:
    answer = run_json(status="closed", pass_rate=25.0, closed_at=STAMP_CLOSED, results=[])
    client = make_client(respond(200, data(answer)))

    run = client.run("proj_1", "run_1").run

    assert run.status == "closed"
    assert run.pass_rate == 25.0
    assert run.closed_at == datetime(2026, 11, 3, 10, 30, tzinfo=UTC)


def test_create_run_posts_the_body_with_the_idempotency_key(make_client: MakeClient) -> None:
    answer = run_json(passed=0, failed=0, not_tested=3, total=3)
    server = Recorder(respond(201, data(answer)))
    client = make_client(server)

    run = client.create_run(
        "proj_1", "Smoke, build 812", ("tc_1", "tc_2", "tc_3"), "ms_1", idempotency_key=KEY
    )

    request = server.last
    assert (request.method, request.url.path) == ("POST", "/v1/projects/proj_1/runs")
    assert request.headers["Idempotency-Key"] == KEY
    assert request.headers["Content-Type"] == "application/json"
    assert body_of(request) == {
        "name": "Smoke, build 812",
        "test_case_ids": ["tc_1", "tc_2", "tc_3"],
        "milestone_id": "ms_1",
    }
    assert run.summary == RunSummary(not_tested=3)
    assert run.status == "active"


def test_create_run_leaves_out_a_missing_milestone(make_client: MakeClient) -> None:
    server = Recorder(respond(201, data(run_json(milestone_id=None))))
    client = make_client(server)

    run = client.create_run("proj_1", "Nightly", ["tc_1"], idempotency_key=KEY)

    assert body_of(server.last) == {"name": "Nightly", "test_case_ids": ["tc_1"]}
    assert run.milestone_id is None


def test_update_run_sends_only_the_name(make_client: MakeClient) -> None:
    server = Recorder(respond(200, data(run_json(name="Renamed"))))
    client = make_client(server)

    update = client.update_run("proj_1", "run_1", name="Renamed")

    assert (server.last.method, server.last.url.path) == (
        "PATCH",
        "/v1/projects/proj_1/runs/run_1",
    )
    assert body_of(server.last) == {"name": "Renamed"}
    assert update == RunUpdate(id="run_1", name="Renamed", status="active", updated_at=MOMENT)


def test_update_run_with_no_milestone_sends_json_null(make_client: MakeClient) -> None:
    server = Recorder(respond(200, data(run_json(milestone_id=None))))
    client = make_client(server)

    client.update_run("proj_1", "run_1", milestone_id=None)

    assert server.last.content == b'{"milestone_id": null}'
    assert body_of(server.last) == {"milestone_id": None}


def test_update_run_sends_both_fields(make_client: MakeClient) -> None:
    server = Recorder(respond(200, data(run_json())))
    client = make_client(server)

    client.update_run("proj_1", "run_1", name="Again", milestone_id="ms_2")

    assert body_of(server.last) == {"name": "Again", "milestone_id": "ms_2"}


def test_update_run_reads_a_partial_answer(make_client: MakeClient) -> None:
    client = make_client(respond(200, data({"id": "run_1"})))

    update = client.update_run("proj_1", "run_1", name="Renamed")

    assert update == RunUpdate(id="run_1", name=None, status=None, updated_at=None)


def test_update_run_without_a_change_sends_nothing(make_client: MakeClient) -> None:
    server = Recorder(respond(200, data(run_json())))
    client = make_client(server)

    with pytest.raises(ValueError, match="name or a milestone"):
        client.update_run("proj_1", "run_1")
    with pytest.raises(ValueError, match="name or a milestone"):
        client.update_run("proj_1", "run_1", name=UNSET, milestone_id=UNSET)

    assert server.requests == []


def test_close_run_posts_no_body_with_the_idempotency_key(make_client: MakeClient) -> None:
    answer = run_json(status="closed", pass_rate=25.0, closed_at=STAMP_CLOSED)
    server = Recorder(respond(200, data(answer)))
    client = make_client(server)

    run = client.close_run("proj_1", "run_1", idempotency_key=KEY)

    request = server.last
    assert (request.method, request.url.path) == ("POST", "/v1/projects/proj_1/runs/run_1/close")
    assert request.headers["Idempotency-Key"] == KEY
    assert request.content == b""
    assert run.status == "closed"
    assert run.pass_rate == 25.0
    assert run.closed_at == datetime(2026, 11, 3, 10, 30, tzinfo=UTC)


# Results -------------------------------------------------------------------------------


def test_iter_results_reads_every_page_without_a_project(make_client: MakeClient) -> None:
    items = [result_json(id=f"res_{n}", test_case_id=f"tc_{n}") for n in range(101)]
    server = Recorder(paged(items))
    client = make_client(server)

    results = list(client.iter_results("run_1"))

    assert [r.id for r in results] == [item["id"] for item in items]
    assert [r.url.path for r in server.requests] == ["/v1/runs/run_1/results"] * 2
    assert [_query(r) for r in server.requests] == [
        {"page": "1", "per_page": "100"},
        {"page": "2", "per_page": "100"},
    ]


def test_set_result_puts_status_note_and_elapsed(make_client: MakeClient) -> None:
    answer = result_json(status="failed", note="Button missing", elapsed=30)
    server = Recorder(respond(200, data(answer)))
    client = make_client(server)

    result = client.set_result("run_1", "res_1", ResultStatus.FAILED, "Button missing", 30)

    request = server.last
    assert (request.method, request.url.path) == ("PUT", "/v1/runs/run_1/results/res_1")
    assert body_of(request) == {"status": "failed", "note": "Button missing", "elapsed": 30}
    assert result.status is ResultStatus.FAILED
    assert result.note == "Button missing"
    assert result.elapsed == 30


def test_set_result_sends_null_for_a_missing_note_and_elapsed(make_client: MakeClient) -> None:
    answer = result_json(status="not_tested", note=None, elapsed=None)
    server = Recorder(respond(200, data(answer)))
    client = make_client(server)

    client.set_result("run_1", "res_1", ResultStatus.NOT_TESTED, None, None)

    assert body_of(server.last) == {"status": "not_tested", "note": None, "elapsed": None}


def test_bulk_set_results_posts_every_item(make_client: MakeClient) -> None:
    answer = {
        "updated": 2,
        "results": [
            {"test_case_id": "tc_1", "status": "passed"},
            {"test_case_id": "tc_2", "status": "untested"},
        ],
    }
    server = Recorder(respond(200, data(answer)))
    client = make_client(server)
    writes = [
        ResultWrite("tc_1", ResultStatus.PASSED, "ok", 12),
        ResultWrite("tc_2", ResultStatus.NOT_TESTED, None, None),
    ]

    outcome = client.bulk_set_results("run_1", writes, idempotency_key=KEY)

    request = server.last
    assert (request.method, request.url.path) == ("POST", "/v1/runs/run_1/results/bulk")
    assert request.headers["Idempotency-Key"] == KEY
    assert body_of(request) == {
        "results": [
            {"test_case_id": "tc_1", "status": "passed", "note": "ok", "elapsed": 12},
            {"test_case_id": "tc_2", "status": "not_tested", "note": None, "elapsed": None},
        ]
    }
    assert outcome == BulkOutcome(
        updated=2,
        statuses=(("tc_1", ResultStatus.PASSED), ("tc_2", ResultStatus.NOT_TESTED)),
    )


def test_bulk_set_results_takes_a_hundred_items(make_client: MakeClient) -> None:
    server = Recorder(respond(200, data({"updated": 100, "results": []})))
    client = make_client(server)
    writes = [ResultWrite(f"tc_{n}", ResultStatus.PASSED, None, None) for n in range(100)]

    assert client.bulk_set_results("run_1", writes, idempotency_key=KEY).updated == 100
    assert len(body_of(server.last)["results"]) == 100


def test_bulk_set_encoded_results_sends_the_items_as_they_are(make_client: MakeClient) -> None:
    answer = {"updated": 2, "results": [{"test_case_id": "tc_1", "status": "passed"}]}
    server = Recorder(respond(200, data(answer)))
    client = make_client(server)
    items = [
        '{"elapsed": 12, "note": "ok", "status": "passed", "test_case_id": "tc_1"}',
        '{"elapsed": null, "note": "Überprüft ✓", "status": "failed", "test_case_id": "tc_2"}',
    ]

    outcome = client.bulk_set_encoded_results("run 1", items, idempotency_key=KEY)

    request = server.last
    assert (request.method, request.url.raw_path) == ("POST", b"/v1/runs/run%201/results/bulk")
    assert request.headers["Idempotency-Key"] == KEY
    assert request.headers["Content-Type"] == "application/json"
    assert request.content == ('{"results":[' + ",".join(items) + "]}").encode("utf-8")
    assert body_of(request)["results"][1]["note"] == "Überprüft ✓"
    assert outcome == BulkOutcome(updated=2, statuses=(("tc_1", ResultStatus.PASSED),))


@pytest.mark.parametrize("count", [0, 101])
def test_bulk_set_encoded_results_refuses_zero_or_too_many_items(
    make_client: MakeClient, count: int
) -> None:
    server = Recorder(respond(200, data({"updated": 0})))
    client = make_client(server)
    items = [f'{{"test_case_id": "tc_{n}", "status": "passed"}}' for n in range(count)]

    with pytest.raises(ValueError, match="1 to 100"):
        client.bulk_set_encoded_results("run_1", items, idempotency_key=KEY)
    assert server.requests == []


@pytest.mark.parametrize("count", [0, 101])
def test_bulk_set_results_refuses_zero_or_too_many_items(
    make_client: MakeClient, count: int
) -> None:
    server = Recorder(respond(200, data({"updated": 0})))
    client = make_client(server)
    writes = [ResultWrite(f"tc_{n}", ResultStatus.PASSED, None, None) for n in range(count)]

    with pytest.raises(ValueError, match="1 to 100"):
        client.bulk_set_results("run_1", writes, idempotency_key=KEY)
    assert server.requests == []


# Paging --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "requests"), [(0, 1), (1, 1), (99, 1), (100, 1), (101, 2), (200, 2), (250, 3)]
)
def test_paging_stops_when_the_total_is_reached(
    make_client: MakeClient, count: int, requests: int
) -> None:
    server = Recorder(paged([run_json(id=run_id) for run_id in _ids(count)]))
    client = make_client(server)

    assert [run.id for run in client.iter_runs("proj_1")] == _ids(count)
    assert server.pages() == list(range(1, requests + 1))


def test_paging_stops_at_an_empty_page(make_client: MakeClient) -> None:
    # No total, full pages: only the empty third page says the list is over.
    server = Recorder(paged([run_json(id=run_id) for run_id in _ids(200)], with_total=False))
    client = make_client(server)

    assert len(list(client.iter_runs("proj_1"))) == 200
    assert server.pages() == [1, 2, 3]


def test_paging_without_a_total_stops_on_a_short_page(make_client: MakeClient) -> None:
    server = Recorder(paged([run_json(id=run_id) for run_id in _ids(150)], with_total=False))
    client = make_client(server)

    assert len(list(client.iter_runs("proj_1"))) == 150
    assert server.pages() == [1, 2]


def test_an_empty_first_page_yields_no_page(make_client: MakeClient) -> None:
    server = Recorder(respond(200, {"data": [], "meta": {"page": 1, "per_page": 100}}))
    client = make_client(server)

    assert list(client.iter_run_pages("proj_1")) == []
    assert len(server.requests) == 1


@pytest.mark.parametrize("with_total", [True, False], ids=["total", "no-total"])
def test_paging_follows_a_server_that_clamps_per_page(
    make_client: MakeClient, with_total: bool
) -> None:
    server = Recorder(
        paged([run_json(id=run_id) for run_id in _ids(120)], clamp=50, with_total=with_total)
    )
    client = make_client(server)

    pages = list(client.iter_run_pages("proj_1"))

    assert [run.id for page in pages for run in page.items] == _ids(120)
    assert [len(page.items) for page in pages] == [50, 50, 20]
    assert server.pages() == [1, 2, 3]
    assert {r.url.params["per_page"] for r in server.requests} == {"100"}


def test_paging_follows_a_clamping_server_that_reports_no_per_page(
    make_client: MakeClient,
) -> None:
    server = Recorder(
        paged([run_json(id=run_id) for run_id in _ids(120)], clamp=50, with_per_page=False)
    )
    client = make_client(server)

    assert [run.id for run in client.iter_runs("proj_1")] == _ids(120)


def test_iterators_fetch_pages_only_as_they_are_read(make_client: MakeClient) -> None:
    server = Recorder(paged([run_json(id=run_id) for run_id in _ids(250)]))
    client = make_client(server)

    runs = client.iter_runs("proj_1")
    assert server.requests == []
    assert next(runs).id == "run_001"
    assert server.pages() == [1]


# Tolerant reading ----------------------------------------------------------------------


def test_unknown_extra_fields_are_ignored(make_client: MakeClient) -> None:
    extra = {"archived": False, "custom_fields": {"x": [1, 2]}, "links": None}
    answer = run_json(**extra, results=[result_json(**extra, attachments=[])])
    body = {"data": answer, "meta": {"request_id": "abc"}, "links": {}}
    client = make_client(respond(200, body))

    detail = client.run("proj_1", "run_1")

    assert detail.run.id == "run_1"
    assert detail.results[0].id == "res_1"


def test_extra_fields_in_a_project_listing_are_ignored(make_client: MakeClient) -> None:
    body = listing([project_json(color="#ff0000", owner={"id": "user_1"})], total=1)
    body["links"] = {"next": None}
    body["meta"]["total_pages"] = 1
    client = make_client(respond(200, body))

    assert [p.id for p in client.projects()] == ["proj_1"]


NULLABLE_RUN = ("milestone_id", "created_by", "created_at", "updated_at", "pass_rate", "closed_at")
NULLABLE_RESULT = ("note", "elapsed", "tested_by", "tested_at", "test_case_title")


@pytest.mark.parametrize("how", ["null", "missing"])
def test_nullable_fields_may_be_null_or_missing(make_client: MakeClient, how: str) -> None:
    if how == "null":
        run = run_json(**dict.fromkeys(NULLABLE_RUN))
        result = result_json(**dict.fromkeys(NULLABLE_RESULT))
    else:
        run = without(run_json(), *NULLABLE_RUN)
        result = without(result_json(), *NULLABLE_RESULT)
    client = make_client(respond(200, data({**run, "results": [result]})))

    detail = client.run("proj_1", "run_1")

    assert detail.run.milestone_id is None
    assert detail.run.created_at is None
    assert detail.run.pass_rate is None
    assert detail.results[0].note is None
    assert detail.results[0].elapsed is None
    assert detail.results[0].tested_at is None
    assert detail.results[0].test_case_title == ""


@pytest.mark.parametrize("how", ["null", "missing"])
def test_optional_project_and_case_fields_may_be_null_or_missing(
    make_client: MakeClient, how: str
) -> None:
    optional_case = ("folder_id", "priority", "type", "precondition", "expected_result", "steps")
    if how == "null":
        case = case_json(**dict.fromkeys(optional_case), tags=None, created_by=None)
    else:
        case = without(case_json(), *optional_case)
    client = make_client(respond(200, data(case)))

    loaded = client.test_case("proj_1", "tc_1")

    assert loaded.steps == ()
    assert loaded.tags == ()
    assert loaded.priority is None


def test_a_run_without_a_total_field_is_summed(make_client: MakeClient) -> None:
    client = make_client(respond(200, data({**without(run_json(), "total"), "results": []})))

    assert client.run("proj_1", "run_1").run.total == 4


def test_timestamps_with_an_offset_are_read_as_utc(make_client: MakeClient) -> None:
    answer = project_json(created_at="2026-11-02T11:00:00+02:00", updated_at="2026-11-02T09:00:00")
    client = make_client(respond(200, data(answer)))

    project = client.project("proj_1")

    assert project.created_at == MOMENT
    assert project.updated_at == MOMENT


def test_whole_numbers_written_as_floats_are_accepted(make_client: MakeClient) -> None:
    client = make_client(respond(200, data(run_json(passed=1.0, total=4.0, results=[]))))

    assert client.run("proj_1", "run_1").run.summary.passed == 1


@pytest.mark.parametrize(
    "run_id", ["../../admin", "run?page=9", "run#frag", "a/b", "run 1", "100%"]
)
def test_ids_are_sent_as_one_opaque_path_segment(make_client: MakeClient, run_id: str) -> None:
    # API.md: ids are opaque strings, never parsed. One that holds "/", "?" or "#" must
    # not move the request to another route (or off /v1 entirely).
    server = Recorder(respond(200, data({**run_json(id=run_id), "results": []})))
    client = make_client(server)

    client.run("proj_1", run_id)

    url = server.last.url
    assert url.path == f"/v1/projects/proj_1/runs/{run_id}"
    assert url.query == b""
    assert url.fragment == ""
    assert url.raw_path.count(b"/") == 5  # /v1/projects/proj_1/runs/<id>
