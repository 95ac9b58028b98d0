"""Malformed or hostile answers: a typed error with a readable message, never a crash.

Each answer below must raise an `ApiError` subclass (usually `InvalidResponseError`) whose
message says what was wrong, never a KeyError/TypeError/ValueError from deep inside, and
never hand back a half-parsed object.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest

from app.api import (
    ApiError,
    InvalidResponseError,
    ResultWrite,
    Run,
    TestablyClient,
    TransientError,
)
from app.api.client import MAX_BODY_BYTES
from app.domain import ResultStatus
from tests.unit.api.conftest import MakeClient
from tests.unit.api.support import (
    SERVER,
    TOKEN,
    Handler,
    Recorder,
    case_json,
    data,
    listing,
    milestone_json,
    project_json,
    respond,
    result_json,
    run_json,
    without,
)

MB = 1024 * 1024
KEY = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
HTML = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"

OPERATIONS: dict[str, Callable[[TestablyClient], object]] = {
    "project": lambda c: c.project("proj_1"),
    "projects": lambda c: c.projects(),
    "test_case": lambda c: c.test_case("proj_1", "tc_1"),
    "milestone": lambda c: c.milestone("proj_1", "ms_1"),
    "run": lambda c: c.run("proj_1", "run_1"),
    "runs": lambda c: list(c.iter_runs("proj_1")),
    "results": lambda c: list(c.iter_results("run_1")),
    "create_run": lambda c: c.create_run("proj_1", "Smoke", ["tc_1"], idempotency_key=KEY),
    "close_run": lambda c: c.close_run("proj_1", "run_1", idempotency_key=KEY),
    "update_run": lambda c: c.update_run("proj_1", "run_1", name="Renamed"),
    "set_result": lambda c: c.set_result("run_1", "res_1", ResultStatus.PASSED, None, None),
    "bulk": lambda c: c.bulk_set_results(
        "run_1", [ResultWrite("tc_1", ResultStatus.PASSED, None, None)], idempotency_key=KEY
    ),
}


@dataclass(frozen=True)
class Hostile:
    """One bad answer, what it is sent to, and what the error must say."""

    name: str
    operation: str
    answer: Handler
    says: str
    error: type[ApiError] = InvalidResponseError


def _raw(content: bytes, status: int = 200, content_type: str = "application/json") -> Handler:
    return respond(status, content=content, headers={"Content-Type": content_type})


def _detail(**run_changes: object) -> Handler:
    return respond(200, data({**run_json(**run_changes), "results": [result_json()]}))


def _runs(*items: object, **meta: object) -> Handler:
    paging: dict[str, object] = {"page": 1, "per_page": 100, **meta}
    return respond(200, {"data": list(items), "meta": paging})


CASES = [
    Hostile("invalid JSON", "project", _raw(b"{data: {id: proj_1}}"), "not valid JSON"),
    Hostile(
        "truncated JSON",
        "run",
        _raw(json.dumps(data(run_json())).encode()[:57]),
        "not valid JSON",
    ),
    Hostile(
        "HTML 502 page",
        "create_run",
        _raw(HTML, status=502, content_type="text/html"),
        "HTTP 502",
        TransientError,
    ),
    Hostile(
        "HTML page with 200",
        "runs",
        _raw(HTML, content_type="text/html"),
        "not valid JSON",
    ),
    Hostile("empty 200 body", "project", _raw(b""), "empty body"),
    Hostile("whitespace 200 body", "set_result", _raw(b" \r\n "), "empty body"),
    Hostile("data is a string", "project", respond(200, data("proj_1")), "where a project belongs"),
    Hostile(
        "list data is a string",
        "runs",
        respond(200, {"data": "none", "meta": {}}),
        "“data” is “none”; expected a list",
    ),
    Hostile(
        "a list where an object belongs",
        "run",
        respond(200, data([run_json()])),
        "a list where a run belongs",
    ),
    Hostile("a bare list body", "projects", respond(200, [project_json()]), "a list where"),
    Hostile("data is null", "close_run", respond(200, data(None)), "nothing where a run belongs"),
    Hostile("data is a number", "milestone", respond(200, data(42)), "42 where a milestone"),
    Hostile(
        "run missing id",
        "create_run",
        respond(201, data(without(run_json(), "id"))),
        "a run whose “id” is nothing",
    ),
    Hostile(
        "counts as strings",
        "run",
        _detail(passed="3", total=4),
        "“passed” is “3”; expected a whole number",
    ),
    Hostile("negative count", "runs", _runs(run_json(failed=-1, passed=2)), "“failed” is -1"),
    Hostile("fractional count", "runs", _runs(run_json(blocked=0.5)), "“blocked” is 0.5"),
    Hostile(
        "total is not the sum",
        "close_run",
        respond(200, data(run_json(total=10))),
        "total (10) is not the sum of its status counts (4)",
    ),
    Hostile(
        "unknown result status",
        "results",
        _runs(result_json(status="skipped")),
        "“status” is “skipped”; expected a result status",
    ),
    Hostile(
        "unknown status in a bulk answer",
        "bulk",
        respond(200, data({"updated": 1, "results": [{"test_case_id": "tc_1", "status": "ok"}]})),
        "“status” is “ok”",
    ),
    Hostile(
        "timestamp not ISO-8601",
        "project",
        respond(200, data(project_json(created_at="yesterday at noon"))),
        "“created_at” is “yesterday at noon”; expected an ISO-8601 timestamp",
    ),
    Hostile(
        "timestamp as a number",
        "results",
        _runs(result_json(tested_at=1_767_000_000)),
        "“tested_at” is 1767000000; expected an ISO-8601",
    ),
    Hostile(
        "boolean count",
        "run",
        _detail(passed=True, failed=0, total=3),
        "“passed” is True; expected a whole number",
    ),
    Hostile(
        "boolean elapsed",
        "set_result",
        respond(200, data(result_json(elapsed=False))),
        "“elapsed” is False",
    ),
    Hostile(
        "boolean pass rate",
        "close_run",
        respond(200, data(run_json(pass_rate=True))),
        "“pass_rate” is True",
    ),
    Hostile(
        "null required name",
        "project",
        respond(200, data(project_json(name=None))),
        "a project whose “name” is null; expected text",
    ),
    Hostile(
        "null run name in a list",
        "runs",
        _runs(run_json(), run_json(id="run_2", name=None)),
        "“name” is null",
    ),
    Hostile(
        "result list holds a non-object",
        "run",
        respond(200, data({**run_json(), "results": [result_json(), "res_2"]})),
        "the text “res_2” where a result belongs",
    ),
    Hostile(
        "results is not a list",
        "run",
        respond(200, data({**run_json(), "results": {"res_1": result_json()}})),
        "“results” is {",
    ),
    Hostile(
        "run detail without results",
        "run",
        respond(200, data(run_json())),
        "“results” is nothing; expected a list",
    ),
    Hostile(
        "a step is not an object",
        "test_case",
        respond(200, data(case_json(steps=["Open the page"]))),
        "where a test step belongs",
    ),
    Hostile(
        "tags are not text",
        "test_case",
        respond(200, data(case_json(tags=["smoke", 7]))),
        "tags are not all text",
    ),
    Hostile("meta.total negative", "runs", _runs(run_json(), total=-5), "“total” is -5"),
    Hostile("meta is a string", "projects", respond(200, {"data": [], "meta": "p1"}), "paging"),
    Hostile(
        "NaN pass rate",
        "close_run",
        _raw(json.dumps(data(run_json(status="closed", pass_rate=float("nan")))).encode()),
        "“pass_rate” is nan; expected a number",
    ),
    Hostile(
        "Infinity pass rate",
        "runs",
        _raw(b'{"data": [' + json.dumps(run_json()).encode()[:-1] + b', "pass_rate": Infinity}]}'),
        "“pass_rate” is inf",
    ),
    Hostile(
        "-Infinity progress",
        "milestone",
        _raw(json.dumps(milestone_json(progress=float("-inf"))).encode()),
        "“progress” is -inf",
    ),
    Hostile(
        "NaN count",
        "run",
        _raw(json.dumps(data({**run_json(retest=float("nan")), "results": []})).encode()),
        "“retest” is nan",
    ),
    Hostile(
        "non-UTF-8 bytes",
        "project",
        _raw(b'{"data": {"id": "proj_1", "name": "Caf\xe9 \xff\xfe"}}'),
        "not valid JSON",
    ),
    Hostile(
        "update answer without an id",
        "update_run",
        respond(200, data({"name": "Renamed"})),
        "an updated run whose “id” is nothing",
    ),
    Hostile(
        "redirect to another host",
        "project",
        respond(302, headers={"Location": "https://evil.example/v1/projects/proj_1"}),
        "redirected Testdeck to https://evil.example",
    ),
    Hostile(
        "unexpected status",
        "set_result",
        respond(418, {"error": "teapot"}),
        "unexpected HTTP 418",
    ),
    # Answers that once escaped as ValueError, RecursionError or OverflowError:
    Hostile(
        "an integer with thousands of digits",
        "run",
        _raw(b'{"data": {"id": "run_1", "passed": ' + b"9" * 5000 + b"}}"),
        "not valid JSON",
    ),
    Hostile(
        "JSON nested a hundred thousand deep",
        "projects",
        _raw(b'{"data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
        "not valid JSON",
    ),
    Hostile(
        "a timestamp past year 9999 in UTC",
        "project",
        respond(200, data(project_json(updated_at="9999-12-31T23:30:00-05:00"))),
        "“updated_at” is “9999-12-31T23:30:00-05:00”",
    ),
    Hostile(
        "a timestamp before year 1 in UTC",
        "results",
        _runs(result_json(tested_at="0001-01-01T00:10:00+01:00")),
        "“tested_at” is “0001-01-01T00:10:00+01:00”",
    ),
    Hostile(
        "an error body with an integer of thousands of digits",
        "create_run",
        _raw(b'{"error": "validation_error", "code": ' + b"9" * 5000 + b"}", status=422),
        "rejected the request",
        ApiError,
    ),
    Hostile(
        "an error body nested a hundred thousand deep",
        "set_result",
        _raw(b"[" * 100_000, status=503),
        "HTTP 503",
        TransientError,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_a_hostile_answer_raises_a_typed_readable_error(
    make_client: MakeClient, case: Hostile
) -> None:
    client = make_client(case.answer)

    with pytest.raises(ApiError) as caught:
        OPERATIONS[case.operation](client)

    error = caught.value
    assert isinstance(error, case.error), f"{type(error).__name__}: {error}"
    if case.error is not ApiError:
        assert type(error) is case.error
    assert case.says in str(error)
    assert len(str(error)) < 400


def test_there_are_at_least_fifteen_hostile_answers() -> None:
    assert len({case.name for case in CASES}) == len(CASES) >= 15


def test_a_page_with_one_bad_item_yields_none_of_its_items(make_client: MakeClient) -> None:
    good = [run_json(id=f"run_{n}") for n in range(3)]
    bad = run_json(id="run_bad", passed="lots")
    client = make_client(respond(200, listing([*good, bad, *good], total=7)))
    seen: list[Run] = []

    with pytest.raises(InvalidResponseError, match="“passed” is “lots”"):
        seen.extend(client.iter_runs("proj_1"))  # keeps what came before the error

    assert seen == []


def test_a_bad_second_page_keeps_what_the_first_page_gave(make_client: MakeClient) -> None:
    first = respond(200, listing([run_json(id=f"run_{n}") for n in range(100)], total=150))
    server = Recorder(first, respond(200, content=b"<html>oops</html>"))
    client = make_client(server)
    seen: list[Run] = []

    with pytest.raises(InvalidResponseError):
        seen.extend(client.iter_runs("proj_1"))  # keeps what came before the error

    assert len(seen) == 100
    assert server.pages() == [1, 2]


# Size cap ------------------------------------------------------------------------------


class Chunks:
    """A streamed answer of `count` chunks of 1 MB that counts how many were read."""

    def __init__(self, count: int, first: bytes = b'{"data": "') -> None:
        self.count = count
        self.first = first
        self.served = 0

    def __iter__(self) -> Iterator[bytes]:
        for number in range(self.count):
            self.served += 1
            chunk = b"x" * MB
            yield self.first + chunk[len(self.first) :] if number == 0 else chunk


def test_a_50_mb_streamed_answer_is_cut_off_at_the_cap(make_client: MakeClient) -> None:
    stream = Chunks(50)
    client = make_client(lambda request: httpx.Response(200, content=iter(stream)))

    with pytest.raises(InvalidResponseError, match="larger than 20 MB") as caught:
        client.projects()

    assert MAX_BODY_BYTES == 20 * MB
    assert stream.served == 21  # the chunk that crossed 20 MB, and not one more
    assert "stopped reading" in str(caught.value)


def test_a_50_mb_answer_in_one_piece_is_refused(make_client: MakeClient) -> None:
    client = make_client(respond(200, content=b"[" + b" " * (50 * MB) + b"]"))

    with pytest.raises(InvalidResponseError, match="larger than 20 MB"):
        client.project("proj_1")


def test_a_declared_length_above_the_cap_is_refused_unread(make_client: MakeClient) -> None:
    stream = Chunks(50)

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Length": str(50 * MB)}
        return httpx.Response(200, headers=headers, content=iter(stream))

    client = make_client(handler)

    with pytest.raises(InvalidResponseError, match="larger than 20 MB"):
        client.run("proj_1", "run_1")

    assert stream.served == 0


def test_an_error_answer_above_the_cap_is_refused_too(make_client: MakeClient) -> None:
    stream = Chunks(30, first=b"<html>")
    client = make_client(lambda request: httpx.Response(500, content=iter(stream)))

    with pytest.raises(InvalidResponseError, match="larger than 20 MB"):
        client.project("proj_1")

    assert stream.served == 21


def test_an_answer_just_under_a_small_cap_is_read(make_client: MakeClient) -> None:
    body = json.dumps(data(project_json())).encode()
    client = make_client(respond(200, content=body), max_body_bytes=len(body))

    assert client.project("proj_1").id == "proj_1"

    over = make_client(respond(200, content=body), max_body_bytes=len(body) - 1)
    with pytest.raises(InvalidResponseError, match="larger than"):
        over.project("proj_1")


# Redirects -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("name", ["project", "create_run"])
def test_a_redirect_is_not_followed(make_client: MakeClient, status: int, name: str) -> None:
    server = Recorder(respond(status, headers={"Location": "https://evil.example/steal"}))
    client = make_client(server)

    with pytest.raises(InvalidResponseError) as caught:
        OPERATIONS[name](client)

    assert "evil.example" in str(caught.value)
    assert "does not follow redirects" in str(caught.value)
    assert len(server.requests) == 1
    assert {r.url.host for r in server.requests} == {"api.testably.app"}
    assert server.last.headers["Authorization"] == f"Bearer {TOKEN}"


def test_the_token_only_ever_goes_to_the_configured_host(make_client: MakeClient) -> None:
    hosts: list[tuple[str, str | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hosts.append((request.url.host, request.headers.get("Authorization")))
        if request.url.host != "api.testably.app":
            return httpx.Response(200, json=data(project_json()))
        return httpx.Response(302, headers={"Location": "https://evil.example/v1/projects/p"})

    client = make_client(handler)

    with pytest.raises(InvalidResponseError):
        client.project("proj_1")
    assert hosts == [("api.testably.app", f"Bearer {TOKEN}")]
    assert client.server_url == SERVER


# Paging against a server that ignores `page` --------------------------------------------


def test_a_server_that_ignores_page_and_sends_no_meta_is_not_paged_forever(
    make_client: MakeClient,
) -> None:
    # A list answer with no `meta` at all, the same three runs whatever page is asked:
    # the client asked for 100 per page, so three is a short (last) page. The handler
    # gives up after 50 requests only so that this test ends either way.
    three = {"data": [run_json(id=f"run_{n}") for n in range(3)]}
    server = Recorder(
        *[respond(200, three)] * 50,
        respond(200, {"data": []}),
    )
    client = make_client(server)

    runs = list(client.iter_runs("proj_1"))

    assert [run.id for run in runs] == ["run_0", "run_1", "run_2"]
    assert len(server.requests) <= 2
