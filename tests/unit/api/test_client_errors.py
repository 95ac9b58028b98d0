"""Failed exchanges become the errors of API.md's table, each with a readable message."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

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
    RateLimitedError,
    RejectedError,
    RejectedItem,
    ResultWrite,
    TestablyClient,
    TransientError,
    UnsupportedEndpointError,
)
from app.api import client as client_module
from app.api.responses import DEFAULT_RETRY_AFTER
from app.domain import ResultStatus
from tests.unit.api.conftest import MakeClient
from tests.unit.api.support import (
    Handler,
    Recorder,
    body_of,
    data,
    project_json,
    respond,
    run_json,
)

KEY = "0d7f3b8e-51a2-4c6d-8e9f-a1b2c3d4e5f6"
Operation = Callable[[TestablyClient], object]

READS: dict[str, Operation] = {
    "project": lambda c: c.project("proj_9"),
    "projects": lambda c: c.projects(),
    "run": lambda c: c.run("proj_1", "run_9"),
    "results": lambda c: list(c.iter_results("run_9")),
}
WRITES: dict[str, Operation] = {
    "create_run": lambda c: c.create_run("proj_1", "Smoke", ["tc_1"], idempotency_key=KEY),
    "update_run": lambda c: c.update_run("proj_1", "run_1", name="Renamed"),
    "close_run": lambda c: c.close_run("proj_1", "run_1", idempotency_key=KEY),
    "set_result": lambda c: c.set_result("run_1", "res_1", ResultStatus.PASSED, None, 3),
    "bulk": lambda c: c.bulk_set_results(
        "run_1", [ResultWrite("tc_1", ResultStatus.PASSED, None, None)], idempotency_key=KEY
    ),
}
EVERY = {**READS, **WRITES}


def _error(code: str, message: str, **extra: object) -> dict[str, object]:
    return {"error": code, "message": message, **extra}


def _raises(client: TestablyClient, operation: Operation) -> ApiError:
    with pytest.raises(ApiError) as caught:
        operation(client)
    return caught.value


def _raising(error: Exception) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    return handler


# 400 / 422 -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [400, 422])
@pytest.mark.parametrize("name", WRITES)
def test_invalid_requests_are_rejected_with_the_servers_words(
    make_client: MakeClient, status: int, name: str
) -> None:
    server = Recorder(respond(status, _error("validation_error", "name is required")))
    client = make_client(server)

    error = _raises(client, WRITES[name])

    assert type(error) is RejectedError
    assert error.code == "validation_error"
    assert "name is required" in str(error)
    assert error.retryable is False
    assert len(server.requests) == 1


def test_a_rejected_bulk_write_names_the_bad_test_cases(make_client: MakeClient) -> None:
    body = _error(
        "validation_error",
        "2 results are invalid",
        details=[
            {"test_case_id": "tc_2", "error": "unknown test case"},
            {"test_case_id": "tc_7", "error": "invalid status"},
            {"field": "results[3].elapsed", "error": "must be a whole number"},
        ],
    )
    client = make_client(respond(422, body))

    error = _raises(client, WRITES["bulk"])

    assert isinstance(error, RejectedError)
    assert error.details == (
        RejectedItem(subject="tc_2", error="unknown test case"),
        RejectedItem(subject="tc_7", error="invalid status"),
        RejectedItem(subject="results[3].elapsed", error="must be a whole number"),
    )


def test_a_reused_idempotency_key_is_rejected(make_client: MakeClient) -> None:
    body = _error("idempotency_key_reused", "This key was used with another body")
    client = make_client(respond(422, body))

    error = _raises(client, WRITES["create_run"])

    assert isinstance(error, RejectedError)
    assert error.code == "idempotency_key_reused"


def test_a_rejection_without_a_json_body_still_reads(make_client: MakeClient) -> None:
    client = make_client(respond(400, content=b"<html><body>Bad Request</body></html>"))

    error = _raises(client, WRITES["set_result"])

    assert isinstance(error, RejectedError)
    assert error.code == "http_400"
    assert error.details == ()
    assert "rejected the request" in str(error)


def test_a_long_server_message_is_shortened_and_tidied(make_client: MakeClient) -> None:
    said = "too   long\n" + "x" * 1000
    client = make_client(respond(422, _error("validation_error", said)))

    error = _raises(client, WRITES["update_run"])

    assert "too long x" in str(error)
    assert len(str(error)) < 400


def test_a_too_large_request_is_rejected(make_client: MakeClient) -> None:
    client = make_client(respond(413, _error("payload_too_large", "Body over 10 MB")))

    error = _raises(client, WRITES["bulk"])

    assert isinstance(error, RejectedError)
    assert error.code == "payload_too_large"


# 401 / 403 / 404 -----------------------------------------------------------------------


@pytest.mark.parametrize("name", EVERY)
def test_401_means_the_token_failed(make_client: MakeClient, name: str) -> None:
    client = make_client(respond(401, _error("unauthorized", "Invalid token")))

    error = _raises(client, EVERY[name])

    assert type(error) is AuthFailedError
    assert "token" in str(error)
    assert "Invalid token" in str(error)
    assert error.retryable is False


@pytest.mark.parametrize("name", EVERY)
def test_403_means_no_access(make_client: MakeClient, name: str) -> None:
    client = make_client(respond(403, _error("forbidden", "Plan does not include API")))

    error = _raises(client, EVERY[name])

    assert type(error) is ForbiddenError
    assert "project" in str(error)
    assert "Plan does not include API" in str(error)
    assert error.retryable is False


@pytest.mark.parametrize("name", READS)
def test_404_on_a_read_means_the_object_is_gone(make_client: MakeClient, name: str) -> None:
    server = Recorder(respond(404, _error("not_found", "No such object")))
    client = make_client(server)

    error = _raises(client, READS[name])

    assert type(error) is NotFoundError
    assert server.last.url.path in str(error)
    assert error.retryable is False


@pytest.mark.parametrize("status", [404, 405, 501])
@pytest.mark.parametrize("name", WRITES)
def test_a_write_route_not_offered_yet_is_unsupported(
    make_client: MakeClient, status: int, name: str
) -> None:
    server = Recorder(respond(status, content=b"Not Found"))
    client = make_client(server)

    error = _raises(client, WRITES[name])

    assert type(error) is UnsupportedEndpointError
    assert f"{server.last.method} {server.last.url.path}" in str(error)
    assert str(status) in str(error)
    assert error.retryable is False
    assert len(server.requests) == 1


# 409 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["update_run", "close_run", "set_result", "bulk"])
def test_a_write_to_a_closed_run_conflicts(make_client: MakeClient, name: str) -> None:
    client = make_client(respond(409, _error("run_closed", "Run is closed")))

    error = _raises(client, WRITES[name])

    assert type(error) is ConflictError
    assert error.code == "run_closed"
    assert "closed" in str(error)
    assert error.retryable is False


def test_another_conflict_keeps_its_code_and_message(make_client: MakeClient) -> None:
    client = make_client(respond(409, _error("state_changed", "Someone else edited it")))

    error = _raises(client, WRITES["update_run"])

    assert isinstance(error, ConflictError)
    assert error.code == "state_changed"
    assert "Someone else edited it" in str(error)


def test_a_conflict_without_a_body_gets_a_code(make_client: MakeClient) -> None:
    client = make_client(respond(409))

    error = _raises(client, WRITES["close_run"])

    assert isinstance(error, ConflictError)
    assert error.code == "http_409"


# 429 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("retry_after", ["0", "0.01"])
def test_a_429_is_waited_out_and_the_request_sent_again(
    make_client: MakeClient, retry_after: str
) -> None:
    limited = respond(
        429, _error("rate_limited", "Slow down"), headers={"Retry-After": retry_after}
    )
    server = Recorder(limited, respond(200, data(project_json())))
    client = make_client(server)

    project = client.project("proj_1")

    assert project.id == "proj_1"
    assert [r.url.path for r in server.requests] == ["/v1/projects/proj_1"] * 2


def test_a_rate_limited_write_is_sent_again_unchanged(make_client: MakeClient) -> None:
    limited = respond(429, headers={"Retry-After": "0"})
    server = Recorder(limited, limited, respond(201, data(run_json())))
    client = make_client(server)

    run = client.create_run("proj_1", "Smoke", ["tc_1", "tc_2"], idempotency_key=KEY)

    assert run.id == "run_1"
    assert len(server.requests) == 3
    assert {r.headers["Idempotency-Key"] for r in server.requests} == {KEY}
    assert [body_of(r) for r in server.requests] == [
        {"name": "Smoke", "test_case_ids": ["tc_1", "tc_2"]}
    ] * 3


def test_a_429_in_the_middle_of_paging_continues_the_same_page(make_client: MakeClient) -> None:
    first = respond(200, {"data": [run_json(id="run_a")] * 100, "meta": {"per_page": 100}})
    limited = respond(429, headers={"Retry-After": "0"})
    last = respond(200, {"data": [run_json(id="run_b")], "meta": {"per_page": 100}})
    server = Recorder(first, limited, last)
    client = make_client(server)

    runs = list(client.iter_runs("proj_1"))

    assert len(runs) == 101
    assert server.pages() == [1, 2, 2]


def test_a_429_storm_beyond_the_retry_budget_surfaces(make_client: MakeClient) -> None:
    server = Recorder(respond(429, headers={"Retry-After": "0"}))
    client = make_client(server)

    error = _raises(client, READS["project"])

    assert type(error) is RateLimitedError
    assert error.retry_after == 0
    assert error.retryable is True
    assert "slow down" in str(error)
    assert len(server.requests) == client_module.RATE_LIMIT_RETRIES + 1


def test_retry_after_comes_from_the_header(make_client: MakeClient) -> None:
    wait = client_module.MAX_RATE_LIMIT_WAIT + 60
    server = Recorder(respond(429, headers={"Retry-After": f"{wait:.0f}"}))
    client = make_client(server)

    error = _raises(client, WRITES["set_result"])

    # Longer than the client will wait: raised at once, for the sync layer to schedule.
    assert isinstance(error, RateLimitedError)
    assert error.retry_after == wait
    assert f"{wait:.0f} s" in str(error)
    assert len(server.requests) == 1


def test_retry_after_comes_from_the_body_when_the_header_is_absent(
    make_client: MakeClient,
) -> None:
    body = _error("rate_limited", "Slow down", retry_after_seconds=90)
    server = Recorder(respond(429, body))
    client = make_client(server)

    error = _raises(client, READS["projects"])

    assert isinstance(error, RateLimitedError)
    assert error.retry_after == 90
    assert len(server.requests) == 1


def test_the_header_wins_over_the_body(make_client: MakeClient) -> None:
    body = _error("rate_limited", "Slow down", retry_after_seconds=300)
    client = make_client(respond(429, body, headers={"Retry-After": "120"}))

    error = _raises(client, READS["project"])

    assert isinstance(error, RateLimitedError)
    assert error.retry_after == 120


@pytest.mark.parametrize(
    "header", [None, "", "soon", "-3", "nan", "inf", "Wed, 21 Oct 2026 07:28:00 GMT"]
)
def test_retry_after_defaults_to_five_seconds(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch, header: str | None
) -> None:
    # Lower the client's cap under the default so the 429 surfaces without a 5 s wait.
    monkeypatch.setattr(client_module, "MAX_RATE_LIMIT_WAIT", 1.0)
    headers = None if header is None else {"Retry-After": header}
    server = Recorder(
        respond(429, {"error": "rate_limited", "retry_after_seconds": "x"}, headers=headers)
    )
    client = make_client(server)

    error = _raises(client, READS["project"])

    assert isinstance(error, RateLimitedError)
    assert error.retry_after == DEFAULT_RETRY_AFTER == 5.0
    assert "5 s" in str(error)
    assert len(server.requests) == 1


# 5xx and the transport -----------------------------------------------------------------


@pytest.mark.parametrize("status", [500, 502, 503, 504])
@pytest.mark.parametrize("name", ["project", "create_run", "set_result"])
def test_server_errors_are_transient(make_client: MakeClient, status: int, name: str) -> None:
    server = Recorder(respond(status, _error("internal", "Oops")))
    client = make_client(server)

    error = _raises(client, EVERY[name])

    assert type(error) is TransientError
    assert error.may_have_reached_server is True
    assert error.cause == f"HTTP {status}"
    assert f"HTTP {status}" in str(error)
    assert error.retryable is True
    # The client never re-sends a 5xx itself (a POST might have been applied); the
    # durable retry lives in the outbox.
    assert len(server.requests) == 1


@pytest.mark.parametrize("name", EVERY)
def test_a_connection_that_cannot_be_opened_never_reached_the_server(
    make_client: MakeClient, name: str
) -> None:
    client = make_client(_raising(httpx.ConnectError("[Errno 111] Connection refused")))

    error = _raises(client, EVERY[name])

    assert type(error) is TransientError
    assert error.may_have_reached_server is False
    assert "Could not reach the server at https://api.testably.app" in str(error)
    assert "Connection refused" in str(error)
    assert error.retryable is True


def test_a_connect_timeout_never_reached_the_server(make_client: MakeClient) -> None:
    client = make_client(_raising(httpx.ConnectTimeout("timed out")))

    error = _raises(client, WRITES["create_run"])

    assert type(error) is TransientError
    assert error.may_have_reached_server is False
    assert "timed out" in str(error)


@pytest.mark.parametrize("timeout", [httpx.ReadTimeout, httpx.WriteTimeout])
@pytest.mark.parametrize("name", ["project", "create_run", "close_run"])
def test_a_timeout_may_have_reached_the_server(
    make_client: MakeClient, timeout: type[httpx.TimeoutException], name: str
) -> None:
    client = make_client(_raising(timeout("The read operation timed out")))

    error = _raises(client, EVERY[name])

    assert type(error) is TransientError
    assert error.may_have_reached_server is True
    assert error.cause == "timeout"
    assert "did not answer in time" in str(error)


@pytest.mark.parametrize("name", ["project", "create_run", "bulk"])
def test_a_dropped_connection_may_have_reached_the_server(
    make_client: MakeClient, name: str
) -> None:
    dropped = httpx.RemoteProtocolError("Server disconnected without sending a response.")
    client = make_client(_raising(dropped))

    error = _raises(client, EVERY[name])

    assert type(error) is TransientError
    assert error.may_have_reached_server is True
    assert "broke off" in str(error)
    assert "Server disconnected" in str(error)


def test_a_connection_dropped_while_reading_the_answer_is_transient(
    make_client: MakeClient,
) -> None:
    def body() -> Iterator[bytes]:
        yield b'{"data": {"id": "run_1", '
        raise httpx.ReadError("Connection reset by peer")

    client = make_client(lambda request: httpx.Response(200, content=body()))

    error = _raises(client, WRITES["close_run"])

    assert type(error) is TransientError
    assert error.may_have_reached_server is True
    assert "Connection reset by peer" in str(error)


def test_an_unexpected_status_is_an_invalid_response(make_client: MakeClient) -> None:
    client = make_client(respond(418, _error("teapot", "I'm a teapot")))

    error = _raises(client, READS["project"])

    assert isinstance(error, InvalidResponseError)
    assert "HTTP 418" in str(error)


# Flags ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "retryable"),
    [
        (TransientError("x", "timeout", may_have_reached_server=True), True),
        (InvalidResponseError("x"), True),
        (RateLimitedError("x", 1.0), True),
        (RejectedError("x", "validation_error"), False),
        (AuthFailedError("x"), False),
        (ForbiddenError("x"), False),
        (NotFoundError("x"), False),
        (UnsupportedEndpointError("x"), False),
        (ConflictError("x", "run_closed"), False),
        (CancelledError("x"), False),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_retryable_flags(error: ApiError, retryable: bool) -> None:
    assert error.retryable is retryable
    assert isinstance(error, ApiError)
    assert str(error) == error.message == "x"


def test_an_invalid_response_may_have_reached_the_server() -> None:
    error = InvalidResponseError("garbled")

    assert isinstance(error, TransientError)
    assert error.may_have_reached_server is True


# Cancelling ----------------------------------------------------------------------------


def test_a_cancelled_client_sends_nothing(make_client: MakeClient) -> None:
    server = Recorder(respond(200, data(project_json())))
    client = make_client(server)

    client.cancel()

    with pytest.raises(CancelledError, match="stopped talking"):
        client.project("proj_1")
    with pytest.raises(CancelledError):
        WRITES["create_run"](client)
    assert server.requests == []


def test_a_closed_client_is_cancelled(make_client: MakeClient) -> None:
    server = Recorder(respond(200, data(project_json())))
    client = make_client(server)

    client.close()

    with pytest.raises(CancelledError):
        client.project("proj_1")
    assert server.requests == []


def test_cancel_ends_a_rate_limit_wait(make_client: MakeClient) -> None:
    client: TestablyClient

    def limit_then_cancel(request: httpx.Request) -> httpx.Response:
        client.cancel()  # the app quits while this request is on its way
        return httpx.Response(429, headers={"Retry-After": "30"})

    server = Recorder(limit_then_cancel)
    client = make_client(server)

    with pytest.raises(CancelledError):
        client.project("proj_1")
    assert len(server.requests) == 1


def test_cancel_from_another_thread_ends_a_pending_rate_limit_wait(
    make_client: MakeClient,
) -> None:
    limited = threading.Event()

    def handler(request: httpx.Request) -> httpx.Response:
        limited.set()
        return httpx.Response(429, headers={"Retry-After": "30"})

    server = Recorder(handler)
    client = make_client(server)
    outcome: list[BaseException] = []

    def work() -> None:
        try:
            client.run("proj_1", "run_1")
        except BaseException as error:  # reported to the test thread below
            outcome.append(error)

    worker = threading.Thread(target=work, name="sync-worker")
    worker.start()
    assert limited.wait(10)
    client.cancel()
    worker.join(10)

    assert not worker.is_alive()
    assert len(outcome) == 1
    assert isinstance(outcome[0], CancelledError)
    assert len(server.requests) == 1
