"""The API token never shows: not in DEBUG logs (ours, httpx's, httpcore's), files or reprs.

PITFALLS 16: httpx masks the header in `repr(headers)`, but a stray `dict(headers)` or a
token in a URL leaks it. The app's `RedactingFilter` sits on its own handlers only, so the
records are also checked raw, before any redaction, as other handlers would see them.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import httpx
import pytest

from app.api import (
    ApiError,
    AuthFailedError,
    CancelledError,
    ConflictError,
    ForbiddenError,
    InvalidResponseError,
    NotFoundError,
    Pacer,
    RateLimitedError,
    RejectedError,
    ResultWrite,
    TestablyClient,
    TransientError,
    UnsupportedEndpointError,
)
from app.config.logs import configure_logging, reset_logging
from app.config.paths import AppPaths
from app.domain import ApiToken, ResultStatus
from tests.unit.api.support import (
    case_json,
    data,
    listing,
    milestone_json,
    project_json,
    result_json,
    run_json,
)

SECRET = "testably_SECRET_abc123"
KEY = "2b4d6f80-1a3c-4e5f-9b7d-0c2e4a6b8d0f"
WATCHED = ("app", "httpx", "httpcore")


class RawRecords(logging.Handler):
    """Keeps every record exactly as logged, before any handler's filter rewrites it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.texts.append(f"{record.msg!s} {record.args!r} {record.getMessage()}")
        if record.exc_info:
            self.texts.append("".join(traceback.format_exception(*record.exc_info)))


@pytest.fixture
def raw_records() -> Iterator[RawRecords]:
    """A handler on our loggers themselves: they run before the root's (redacting) ones."""
    handler = RawRecords()
    for name in WATCHED:
        logging.getLogger(name).addHandler(handler)
    yield handler
    for name in WATCHED:
        logging.getLogger(name).removeHandler(handler)


@pytest.fixture
def app_logging(caplog: pytest.LogCaptureFixture) -> Iterator[Callable[[], AppPaths]]:
    """Starts the app's DEBUG logging into TESTDECK_HOME when called; removed afterwards.

    Called from the test body, so caplog's handler is on the root logger before the app's
    redacting handlers: caplog sees every record unredacted.
    """

    def start() -> AppPaths:
        paths = AppPaths.from_environment()
        configure_logging(paths, logging.DEBUG)
        for name in WATCHED:
            caplog.set_level(logging.DEBUG, logger=name)
        return paths

    yield start
    reset_logging()


class FakeServer:
    """Every endpoint succeeds, unless `fail` names a failure to answer with."""

    def __init__(self) -> None:
        self.fail: str | None = None
        self.requests = 0
        self.shown: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert request.headers["Authorization"] == f"Bearer {SECRET}"  # really used
        self.requests += 1
        self.shown += [repr(request), repr(request.headers), str(request.url)]
        if self.fail:
            return _failure(self.fail)
        return _success(request)


def _success(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path.endswith("/results/bulk"):
        return httpx.Response(200, json=data({"updated": 1, "results": []}))
    if path.startswith("/v1/runs/") and request.method == "PUT":
        return httpx.Response(200, json=data(result_json()))
    if path.startswith("/v1/runs/"):
        return httpx.Response(200, json=listing([result_json()], total=1))
    if request.method == "POST":
        return httpx.Response(201, json=data(run_json()))
    if request.method == "PATCH":
        return httpx.Response(200, json=data({"id": "run_1"}))
    if path.endswith("/runs"):
        return httpx.Response(200, json=listing([run_json()], total=1))
    if "/runs/" in path:
        return httpx.Response(200, json=data({**run_json(), "results": [result_json()]}))
    if path.endswith("/test-cases"):
        return httpx.Response(200, json=listing([case_json()], total=1))
    if "/test-cases/" in path:
        return httpx.Response(200, json=data(case_json(tags=["smoke"])))
    if path.endswith("/milestones"):
        return httpx.Response(200, json=listing([milestone_json()], total=1))
    if "/milestones/" in path:
        return httpx.Response(200, json=milestone_json())
    if path == "/v1/projects":
        return httpx.Response(200, json=listing([project_json()], total=1))
    return httpx.Response(200, json=data(project_json()))


def _failure(kind: str) -> httpx.Response:
    statuses = {"400": 400, "401": 401, "403": 403, "404": 404, "409": 409, "422": 422}
    if kind in statuses:
        body = {
            "error": "run_closed" if kind == "409" else "some_error",
            "message": kind,
            "details": [{"test_case_id": "tc_1", "error": "unknown"}],
        }
        return httpx.Response(statuses[kind], json=body)
    if kind == "429":
        return httpx.Response(429, headers={"Retry-After": "3600"})
    if kind == "429-then-ok":
        return httpx.Response(429, headers={"Retry-After": "0"})
    if kind == "redirect":
        return httpx.Response(302, headers={"Location": "https://evil.example/steal"})
    if kind == "html":
        return httpx.Response(502, content=b"<html>Bad Gateway</html>")
    if kind == "garbage":
        return httpx.Response(200, content=b"{not json")
    if kind == "bad-run":
        return httpx.Response(200, json=data(run_json(passed="3")))
    if kind == "connect":
        raise httpx.ConnectError("[Errno 111] Connection refused")
    if kind == "timeout":
        raise httpx.ReadTimeout("The read operation timed out")
    if kind == "dropped":
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
    raise AssertionError(kind)


FAILURES = [
    "400", "401", "403", "404", "409", "422", "429", "redirect", "html", "garbage",
    "bad-run", "connect", "timeout", "dropped",
]  # fmt: skip


def _exercise(client: TestablyClient, server: FakeServer) -> list[ApiError]:
    """Every endpoint once, then every class of failure; returns the errors raised."""
    client.projects()
    client.project("proj_1")
    list(client.iter_test_cases("proj_1", folder_id="fld_1", search="log in"))
    client.test_case("proj_1", "tc_1")
    list(client.iter_milestones("proj_1", status="started"))
    client.milestone("proj_1", "ms_1")
    list(client.iter_runs("proj_1"))
    list(client.iter_run_pages("proj_1"))
    client.run("proj_1", "run_1")
    client.create_run("proj_1", "Smoke", ["tc_1"], "ms_1", idempotency_key=KEY)
    client.update_run("proj_1", "run_1", name="Renamed", milestone_id=None)
    client.close_run("proj_1", "run_1", idempotency_key=KEY)
    list(client.iter_results("run_1"))
    client.set_result("run_1", "res_1", ResultStatus.FAILED, "a note", 12)
    writes = [ResultWrite("tc_1", ResultStatus.PASSED, None, None)]
    client.bulk_set_results("run_1", writes, idempotency_key=KEY)

    calls: list[Callable[[], object]] = [
        lambda: list(client.iter_runs("proj_1")),
        lambda: client.run("proj_1", "run_1"),
        lambda: client.create_run("proj_1", "Smoke", ["tc_1"], idempotency_key=KEY),
        lambda: client.set_result("run_1", "res_1", ResultStatus.PASSED, None, None),
    ]
    errors: list[ApiError] = []
    for kind in [*FAILURES, "429-then-ok"]:
        server.fail = kind
        for call in calls:
            try:
                call()
            except ApiError as error:
                errors.append(error)
    server.fail = None
    client.cancel()
    try:
        client.project("proj_1")
    except ApiError as error:
        errors.append(error)
    return errors


def _leaks(texts: list[str]) -> list[str]:
    return [text for text in texts if SECRET in text]


def _files_with_secret(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]


def test_the_token_is_never_logged_or_shown(
    app_logging: Callable[[], AppPaths],
    raw_records: RawRecords,
    caplog: pytest.LogCaptureFixture,
    testdeck_home: Path,
) -> None:
    paths = app_logging()

    server = FakeServer()
    transport = httpx.MockTransport(server)
    with TestablyClient(
        "https://api.testably.app/v1", ApiToken(SECRET), pacer=Pacer(0), transport=transport
    ) as client:
        errors = _exercise(client, server)
        shown = [repr(client), str(client)]

    kinds = {type(error) for error in errors}
    assert kinds >= {
        RejectedError,
        AuthFailedError,
        ForbiddenError,
        NotFoundError,
        UnsupportedEndpointError,
        ConflictError,
        RateLimitedError,
        InvalidResponseError,
        TransientError,
        CancelledError,
    }
    for error in errors:
        shown += [str(error), repr(error), repr(vars(error))]
        shown.append("".join(traceback.format_exception(error)))
        logging.getLogger("app.sync").info("Sync failed: %s", error, exc_info=error)
    for handler in logging.getLogger().handlers:
        handler.flush()

    # The exercise really logged at DEBUG, through our loggers and httpx's.
    messages = [record.getMessage() for record in caplog.records]
    assert any(m.startswith("GET /v1/projects -> 200") for m in messages)
    assert any(record.name == "httpx" for record in caplog.records)
    assert "GET /v1/projects -> 200" in paths.log_file.read_text(encoding="utf-8")

    assert _leaks(shown) == []
    assert _leaks(raw_records.texts) == []
    assert _leaks(messages) == []
    assert SECRET not in caplog.text
    assert _files_with_secret(testdeck_home) == []


def test_reprs_of_the_client_and_its_requests_mask_the_token() -> None:
    server = FakeServer()
    transport = httpx.MockTransport(server)
    with TestablyClient(
        "https://api.testably.app", ApiToken(SECRET), transport=transport
    ) as client:
        client.project("proj_1")
        shown = [repr(client), str(client), *server.shown]

    assert server.requests == 1
    assert "[secure]" in server.shown[1]  # httpx's own masking of Authorization
    assert _leaks(shown) == []


class _Handler(BaseHTTPRequestHandler):
    """A tiny local server, so that httpcore (not a MockTransport) does the talking."""

    def do_GET(self) -> None:
        body = b'{"data": [], "meta": {"page": 1, "per_page": 100, "total": 0}}'
        status = 401 if "fail" in self.path else 200
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep stderr quiet


@pytest.fixture
def local_server() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="local-api", daemon=True
    )
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(10)
    assert not thread.is_alive()


def test_httpcore_debug_logs_of_a_real_connection_do_not_carry_the_token(
    app_logging: Callable[[], AppPaths],
    raw_records: RawRecords,
    caplog: pytest.LogCaptureFixture,
    local_server: str,
    testdeck_home: Path,
) -> None:
    app_logging()
    timeout = httpx.Timeout(5.0)

    with TestablyClient(local_server, ApiToken(SECRET), pacer=Pacer(0), timeout=timeout) as client:
        assert client.projects() == []
        with pytest.raises(AuthFailedError) as caught:
            list(client.iter_runs("fail"))

    assert any(record.name.startswith("httpcore") for record in caplog.records)
    assert SECRET not in caplog.text
    assert _leaks(raw_records.texts) == []
    assert SECRET not in "".join(traceback.format_exception(caught.value))
    assert _files_with_secret(testdeck_home) == []
