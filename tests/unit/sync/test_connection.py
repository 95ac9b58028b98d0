"""`ConnectionCheck` against a real sandbox over 127.0.0.1: what it finds, how it fails."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from app.sandbox import DEMO_TOKEN, OUTSIDER_TOKEN, SandboxServer
from app.sync.connection import (
    CHECK_THREAD_NAME,
    ConnectionCheck,
    ConnectionProblem,
    ProblemKind,
    ProjectChoice,
)

WRONG_TOKEN = "testably_wrong_but_well_formed"


def problem_of(check: ConnectionCheck) -> ConnectionProblem:
    with pytest.raises(ConnectionProblem) as caught:
        check.run()
    return caught.value


def request_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == CHECK_THREAD_NAME]


@pytest.fixture(autouse=True)
def no_request_thread_left() -> Iterator[None]:
    """Every request thread a test started has ended by the end of the test."""
    yield
    wait_until(lambda: not request_threads())


@pytest.fixture
def no_requests(monkeypatch: pytest.MonkeyPatch) -> list[httpx.Request]:
    """Fails any HTTP request; the list stays empty unless something tried to send one."""
    sent: list[httpx.Request] = []

    def refuse(transport: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
        sent.append(request)
        raise AssertionError("the check sent a request")

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", refuse)
    return sent


def wait_until(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    pause = threading.Event()
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        pause.wait(0.01)


def closed_port() -> int:
    with socket.socket() as probe:  # nobody listens on it once it is closed
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_a_good_token_lists_its_projects_by_name(sandbox: SandboxServer) -> None:
    check = ConnectionCheck(sandbox.url + "/v1/", f"  {DEMO_TOKEN}\n")

    projects = check.run()

    assert [project.name for project in projects] == ["Acme Mobile App", "Acme Web Shop"]
    assert projects[1] == ProjectChoice(
        id="proj_demo", name="Acme Web Shop", prefix="AWS", run_count=15, test_case_count=148
    )
    assert check.server_url == sandbox.url
    assert sandbox.requests.count("GET", "/v1/projects") == 1


def test_a_wrong_token_is_a_token_problem(sandbox: SandboxServer) -> None:
    problem = problem_of(ConnectionCheck(sandbox.url, WRONG_TOKEN))

    assert problem.kind is ProblemKind.TOKEN
    assert problem.message.startswith(
        "Testably did not accept this API token: it may be mistyped, expired or revoked."
    )
    assert "Settings → API & Tokens" in problem.message
    assert "start with testably_" not in problem.message
    assert WRONG_TOKEN not in str(problem)


def test_a_token_of_another_shape_gets_a_hint(sandbox: SandboxServer) -> None:
    problem = problem_of(ConnectionCheck(sandbox.url, "abc123"))

    assert problem.kind is ProblemKind.TOKEN
    assert problem.message.endswith("Testably's tokens start with testably_.")


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Paste your Testably API token."),
        ("testably_half pasted", "This is not an API token: An API token is made of plain"),
    ],
)
def test_an_unusable_token_is_refused_before_anything_is_sent(
    no_requests: list[httpx.Request], typed: str, says: str
) -> None:
    problem = problem_of(ConnectionCheck("https://api.testably.app", typed))

    assert problem.kind is ProblemKind.TOKEN
    assert problem.message.startswith(says)
    assert no_requests == []


def test_a_token_that_sees_no_project_says_so(sandbox: SandboxServer) -> None:
    problem = problem_of(ConnectionCheck(sandbox.url, OUTSIDER_TOKEN))

    assert problem.kind is ProblemKind.NO_PROJECTS
    assert problem.message.startswith("The token works, but it can't see any project.")


def test_a_token_refused_access_is_an_access_problem(sandbox: SandboxServer) -> None:
    sandbox.faults.fail_next(status=403, path="/v1/projects")

    problem = problem_of(ConnectionCheck(sandbox.url, DEMO_TOKEN))

    assert problem.kind is ProblemKind.ACCESS
    assert "HTTP 403" in problem.message
    assert "API access" in problem.message


def test_a_closed_port_is_unreachable_and_says_nothing_answers() -> None:
    url = f"http://127.0.0.1:{closed_port()}"

    problem = problem_of(ConnectionCheck(url, DEMO_TOKEN))

    assert problem.kind is ProblemKind.UNREACHABLE
    assert problem.message == (
        f"Could not reach {url}: nothing answers at that address. The server may be down, "
        "or the port wrong."
    )


def test_a_name_that_does_not_resolve_is_unreachable_and_named() -> None:
    problem = problem_of(ConnectionCheck("https://testably.invalid", DEMO_TOKEN))

    assert problem.kind is ProblemKind.UNREACHABLE
    assert "the name testably.invalid could not be found" in problem.message


def test_https_to_a_plain_http_server_explains_the_failure(sandbox: SandboxServer) -> None:
    problem = problem_of(ConnectionCheck(sandbox.url.replace("http://", "https://"), DEMO_TOKEN))

    assert problem.kind is ProblemKind.UNREACHABLE
    assert "the secure (HTTPS) connection failed" in problem.message


def test_a_server_that_stays_silent_times_out(sandbox: SandboxServer) -> None:
    sandbox.faults.delay_next(seconds=2)

    problem = problem_of(ConnectionCheck(sandbox.url, DEMO_TOKEN, read_seconds=0.2))

    assert problem.kind is ProblemKind.UNREACHABLE
    assert "accepted the connection but did not answer in time" in problem.message


def test_the_whole_check_has_a_deadline(sandbox: SandboxServer) -> None:
    sandbox.faults.delay_next(seconds=2)
    started = time.monotonic()

    problem = problem_of(ConnectionCheck(sandbox.url, DEMO_TOKEN, total_seconds=0.3))

    assert time.monotonic() - started < 1.5
    assert problem.kind is ProblemKind.UNREACHABLE
    assert problem.message.startswith(f"{sandbox.url} did not answer within 0.3 seconds.")


def test_plain_http_to_another_host_is_refused_with_the_reason(
    no_requests: list[httpx.Request],
) -> None:
    problem = problem_of(ConnectionCheck("http://example.com", DEMO_TOKEN))

    assert problem.kind is ProblemKind.ADDRESS
    assert "only over HTTPS, so the token cannot be read on the way" in problem.message
    assert no_requests == []


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Type the address of the Testably server"),
        ("https://api.testably.app/projects/12", "without a path (“/projects/12”)"),
        ("ftp://files.example.com", "is not a server address like https://api.testably.app"),
        ("https://api.testably.app:99999", "has a port that is not a number from 1 to 65535"),
    ],
)
def test_an_unusable_address_is_refused_before_anything_is_sent(
    no_requests: list[httpx.Request], typed: str, says: str
) -> None:
    check = ConnectionCheck(typed, DEMO_TOKEN)

    problem = problem_of(check)

    assert problem.kind is ProblemKind.ADDRESS
    assert says in problem.message
    assert no_requests == []
    with pytest.raises(ConnectionProblem):
        _ = check.server_url


@pytest.mark.parametrize(
    ("fault", "says"),
    [
        ({"kind": "html"}, "had a problem (HTTP 502)"),
        ({"kind": "html", "status": 200}, "answered, but not like Testably's API"),
        ({"kind": "invalid_json"}, "answered, but not like Testably's API"),
    ],
)
def test_an_answer_that_is_not_testably_is_a_server_problem(
    sandbox: SandboxServer, fault: dict[str, object], says: str
) -> None:
    sandbox.faults.garbage_next(path="/v1/projects", **fault)  # type: ignore[arg-type]

    problem = problem_of(ConnectionCheck(sandbox.url, DEMO_TOKEN))

    assert problem.kind is ProblemKind.SERVER
    assert says in problem.message


def test_a_server_error_is_a_server_problem(sandbox: SandboxServer) -> None:
    sandbox.faults.fail_next(status=503)

    problem = problem_of(ConnectionCheck(sandbox.url, DEMO_TOKEN))

    assert problem.kind is ProblemKind.SERVER
    assert problem.message.startswith(f"The server at {sandbox.url} had a problem (HTTP 503).")


def test_a_missing_api_is_a_server_problem(sandbox: SandboxServer) -> None:
    sandbox.faults.fail_next(status=404, path="/v1/projects")

    problem = problem_of(ConnectionCheck(sandbox.url, DEMO_TOKEN))

    assert problem.kind is ProblemKind.SERVER
    assert "it has no Testably API" in problem.message


def test_cancel_ends_a_waiting_check_at_once(sandbox: SandboxServer) -> None:
    sandbox.faults.delay_next(seconds=2)
    check = ConnectionCheck(sandbox.url, DEMO_TOKEN)
    problems: list[ConnectionProblem] = []
    waiter = threading.Thread(target=lambda: problems.append(problem_of(check)))
    waiter.start()
    wait_until(lambda: bool(request_threads()))  # the request is on its way
    started = time.monotonic()

    check.cancel()
    waiter.join(5)

    assert time.monotonic() - started < 1.0  # the server answers only after 2 s
    assert [problem.kind for problem in problems] == [ProblemKind.CANCELLED]
    assert problems[0].message == "The check was cancelled."


def test_a_check_cancelled_before_it_runs_sends_nothing(sandbox: SandboxServer) -> None:
    check = ConnectionCheck(sandbox.url, DEMO_TOKEN)
    check.cancel()

    assert problem_of(check).kind is ProblemKind.CANCELLED
    wait_until(lambda: not request_threads())
    assert sandbox.requests.count() == 0


def test_the_token_is_never_logged(
    sandbox: SandboxServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secrets = (DEMO_TOKEN, WRONG_TOKEN, "testably_half pasted")

    ConnectionCheck(sandbox.url, DEMO_TOKEN).run()
    problems = [
        problem_of(ConnectionCheck(sandbox.url, WRONG_TOKEN)),
        problem_of(ConnectionCheck(sandbox.url, secrets[2])),
        problem_of(ConnectionCheck(f"http://127.0.0.1:{closed_port()}", DEMO_TOKEN)),
    ]
    wait_until(lambda: not request_threads())

    logged = caplog.text + "".join(repr(record.args) for record in caplog.records)
    assert "Checking the connection to" in logged
    for secret in secrets:
        assert secret not in logged
        assert all(secret not in problem.message for problem in problems)
    assert DEMO_TOKEN not in repr(ConnectionCheck(sandbox.url, DEMO_TOKEN))
