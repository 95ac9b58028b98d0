"""Checking a server address and an API token before Testdeck connects to them.

The check lists the projects the token can see: one request (a page per hundred projects)
that proves the address is a Testably server, the token is valid and it may use the API.
Every way it can fail becomes one `ConnectionProblem` (see `app.sync.connection_problems`).
The token never appears in a message or a log line.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import httpx

from app.api import (
    ApiError,
    Pacer,
    Project,
    ServerAddressError,
    TestablyClient,
    normalise_server_url,
)
from app.domain import ApiToken
from app.sync.connection_problems import (
    CANCELLED_TEXT,
    TOKEN_PLACE,
    ConnectionProblem,
    ProblemKind,
    problem_from,
    seconds_text,
    token_from,
)

__all__ = [
    "CHECK_THREAD_NAME",
    "ConnectionCheck",
    "ConnectionProblem",
    "ProblemKind",
    "ProjectChoice",
    "server_url_from",
]

log = logging.getLogger(__name__)

CHECK_THREAD_NAME = "testdeck-connection-check"


@dataclass(frozen=True, slots=True)
class ProjectChoice:
    """A project the token can see, as the tester picks it."""

    id: str
    name: str
    prefix: str | None = None
    run_count: int | None = None
    test_case_count: int | None = None


class ConnectionCheck:
    """Checks what the tester typed by listing the projects the token can see.

    `run()` blocks, so call it off the GUI thread; `cancel()` may come from any thread and
    makes `run()` end at once with a CANCELLED problem. The request itself runs in a short
    daemon thread of its own that ends by itself within the timeouts, so neither a slow
    name lookup nor a server that never answers can hold up whoever is waiting on `run()`.

    Args:
        server_text: the server address as typed (`https://host`, `host`, `.../v1`).
        token_text: the API token as typed or pasted.
        connect_seconds: how long opening the connection may take.
        read_seconds: how long the server may stay silent once connected.
        total_seconds: the most the whole check may take.
    """

    def __init__(
        self,
        server_text: str,
        token_text: str,
        *,
        connect_seconds: float = 5.0,
        read_seconds: float = 10.0,
        total_seconds: float = 15.0,
    ) -> None:
        self._server_text = server_text
        self._token = token_from(token_text)
        self._timeout = httpx.Timeout(
            connect=connect_seconds, read=read_seconds, write=read_seconds, pool=connect_seconds
        )
        self._connect_seconds = connect_seconds
        self._total_seconds = total_seconds
        self._lock = threading.Lock()
        self._cancelled = threading.Event()
        self._wake = threading.Event()
        self._client: TestablyClient | None = None

    def __repr__(self) -> str:
        return f"ConnectionCheck({self._server_text!r})"

    @property
    def server_url(self) -> str:
        """The server's origin as Testdeck saves it (`https://host[:port]`).

        Raises:
            ConnectionProblem: ADDRESS, the address is not usable.
        """
        return server_url_from(self._server_text)

    def run(self) -> list[ProjectChoice]:
        """The projects the token can see, by name. Run each check once.

        Nothing is sent when the address or the token is unusable.

        Raises:
            ConnectionProblem: the address, the token or the server failed the check.
        """
        server_url, token = self.server_url, self._token
        if isinstance(token, ConnectionProblem):
            raise token
        outcome = _Outcome(self._wake, self._cancelled)
        log.info("Checking the connection to %s", server_url)
        request = threading.Thread(
            target=self._fetch, args=(server_url, token, outcome), name=CHECK_THREAD_NAME
        )
        request.daemon = True  # it ends by itself within the timeouts; exit needn't wait
        request.start()
        return outcome.wait(self._total_seconds, server_url)

    def cancel(self) -> None:
        """Stop the check; a running `run()` raises a CANCELLED problem at once."""
        self._cancelled.set()
        self._wake.set()
        with self._lock:
            client = self._client
        if client is not None:
            client.cancel()

    def _fetch(self, server_url: str, token: ApiToken, outcome: _Outcome) -> None:
        """Runs in the request thread: list the projects, leave the answer in `outcome`."""
        try:
            with self._open_client(server_url, token) as client:
                projects = client.projects()
            outcome.succeed(_choices(projects, server_url))
        except ConnectionProblem as problem:
            outcome.fail(problem)
        except ApiError as error:
            outcome.fail(problem_from(error, server_url, self._connect_seconds, token))
        except Exception as error:  # a bug must still end the wait with a readable failure
            log.exception("The connection check failed unexpectedly")
            outcome.fail(ConnectionProblem(ProblemKind.SERVER, f"The check failed: {error!r}"))

    def _open_client(self, server_url: str, token: ApiToken) -> TestablyClient:
        with self._lock:
            if self._cancelled.is_set():
                raise ConnectionProblem(ProblemKind.CANCELLED, CANCELLED_TEXT)
            # No pacing: a check is one request (a page per hundred projects).
            self._client = TestablyClient(
                server_url, token, pacer=Pacer(per_minute=0), timeout=self._timeout
            )
            return self._client


def server_url_from(text: str) -> str:
    """The origin of the server typed as `text`.

    Raises:
        ConnectionProblem: ADDRESS, with the reason (plain http to another host: why HTTPS).
    """
    if not text.strip():
        raise ConnectionProblem(
            ProblemKind.ADDRESS,
            "Type the address of the Testably server, like https://api.testably.app.",
        )
    try:
        return normalise_server_url(text)
    except ServerAddressError as error:
        raise ConnectionProblem(ProblemKind.ADDRESS, str(error)) from None


class _Outcome:
    """Where the request thread leaves its answer for the waiting `run()`.

    `wake` is set by the answer and by a cancel alike, so `run()` waits on one event.
    """

    def __init__(self, wake: threading.Event, cancelled: threading.Event) -> None:
        self._wake = wake
        self._cancelled = cancelled
        self._projects: list[ProjectChoice] | None = None
        self._problem: ConnectionProblem | None = None

    def succeed(self, projects: list[ProjectChoice]) -> None:
        self._projects = projects
        self._wake.set()

    def fail(self, problem: ConnectionProblem) -> None:
        self._problem = problem
        self._wake.set()

    def wait(self, seconds: float, server_url: str) -> list[ProjectChoice]:
        """The projects, once the request thread answers; raises on a cancel or a timeout."""
        self._wake.wait(seconds)
        if self._cancelled.is_set():
            raise ConnectionProblem(ProblemKind.CANCELLED, CANCELLED_TEXT)
        if self._problem is not None:
            raise self._problem
        if self._projects is None:
            raise ConnectionProblem(
                ProblemKind.UNREACHABLE,
                f"{server_url} did not answer within {seconds_text(seconds)}. Check your "
                "network connection, then test again.",
            )
        return self._projects


def _choices(projects: list[Project], server_url: str) -> list[ProjectChoice]:
    if not projects:
        raise ConnectionProblem(
            ProblemKind.NO_PROJECTS,
            "The token works, but it can't see any project. Create the token from inside the "
            f"project you test ({TOKEN_PLACE}), or ask an admin to add you to the project.",
        )
    log.info("Connection check: %s shows %d project(s) to this token", server_url, len(projects))
    choices = [
        ProjectChoice(p.id, p.name, p.prefix, p.run_count, p.test_case_count) for p in projects
    ]
    return sorted(choices, key=lambda choice: (choice.name.casefold(), choice.id))
