"""What can stop a connection check, in words a tester can act on.

Each client error of `app.api` becomes one `ConnectionProblem` whose kind says which part
to fix (the address, the token, access, the network or the server) and whose message says
what happened and what to do. Messages never hold the token.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from enum import Enum

import httpx

from app.api import (
    ApiError,
    AuthFailedError,
    CancelledError,
    ForbiddenError,
    InvalidResponseError,
    NotFoundError,
    RateLimitedError,
    TransientError,
)
from app.domain import ApiToken

TOKEN_PLACE = "your project's Settings → API & Tokens"
TOKEN_PREFIX = "testably_"
CANCELLED_TEXT = "The check was cancelled."
CHECK_ADDRESS = "Check the address: it is Testably's API server, like https://api.testably.app."


class ProblemKind(Enum):
    """What kind of thing went wrong, so the UI can point at the field to fix."""

    ADDRESS = "address"  # the server address is unusable: fix the address
    TOKEN = "token"  # the token is missing, malformed, wrong, expired or revoked
    ACCESS = "access"  # the token works but may not use the API (403)
    UNREACHABLE = "unreachable"  # no answer: name unknown, refused, timed out, broken off
    SERVER = "server"  # an answer that is not Testably's (HTML, 404, 5xx, a redirect)
    NO_PROJECTS = "no_projects"  # the token works but sees no project
    CANCELLED = "cancelled"  # the check was stopped


class ConnectionProblem(Exception):  # noqa: N818 - a problem to show, not a bug
    """Why a connection check failed; `str(problem)` is the message for the tester."""

    def __init__(self, kind: ProblemKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def token_from(text: str) -> ApiToken | ConnectionProblem:
    """The token typed as `text`, or the TOKEN problem to raise when the check runs."""
    secret = text.strip()
    if not secret:
        return ConnectionProblem(
            ProblemKind.TOKEN,
            f"Paste your Testably API token. You create one in Testably: {TOKEN_PLACE}.",
        )
    try:
        return ApiToken(secret)
    except ValueError as error:  # the message describes the problem, never the token
        return ConnectionProblem(ProblemKind.TOKEN, f"This is not an API token: {error}")


def problem_from(
    error: ApiError, server_url: str, connect_seconds: float, token: ApiToken
) -> ConnectionProblem:
    """The problem to show for a client error, with what to do about it."""
    if isinstance(error, CancelledError):
        return ConnectionProblem(ProblemKind.CANCELLED, CANCELLED_TEXT)
    if isinstance(error, AuthFailedError):
        return ConnectionProblem(ProblemKind.TOKEN, _refused_token_words(token))
    if isinstance(error, ForbiddenError):
        return ConnectionProblem(
            ProblemKind.ACCESS,
            "Testably accepted the token but refused it access (HTTP 403): your account may "
            "not be a member of any project, or the plan may not include API access. Ask the "
            "project's admin.",
        )
    if isinstance(error, TransientError) and not isinstance(error, InvalidResponseError):
        return _transient_problem(error, server_url, connect_seconds)
    return ConnectionProblem(ProblemKind.SERVER, _server_words(error, server_url))


def _refused_token_words(token: ApiToken) -> str:
    words = (
        "Testably did not accept this API token: it may be mistyped, expired or revoked. "
        f"Create a new one in Testably ({TOKEN_PLACE}) and paste it here."
    )
    if not token.reveal().startswith(TOKEN_PREFIX):
        words += f" Testably's tokens start with {TOKEN_PREFIX}."
    return words


def _server_words(error: ApiError, server_url: str) -> str:
    if isinstance(error, RateLimitedError):
        return (
            "Testably is getting too many requests from this token. Wait a minute, then test again."
        )
    if isinstance(error, NotFoundError):
        said = "it has no Testably API (/v1/projects was not found)."
    elif isinstance(error, InvalidResponseError):
        said = f"not like Testably's API. {error.message}"
    else:
        said = f"unexpectedly. {error.message}"
    return f"{server_url} answered, but {said} {CHECK_ADDRESS}"


def _transient_problem(
    error: TransientError, server_url: str, connect_seconds: float
) -> ConnectionProblem:
    if error.cause.startswith("HTTP "):
        return ConnectionProblem(
            ProblemKind.SERVER,
            f"The server at {server_url} had a problem ({error.cause}). It may be down for a "
            "moment: try again in a few minutes.",
        )
    reason = _unreachable_reason(error, server_url, connect_seconds)
    return ConnectionProblem(ProblemKind.UNREACHABLE, f"Could not reach {server_url}: {reason}")


def _unreachable_reason(error: TransientError, server_url: str, connect_seconds: float) -> str:
    """What stopped the connection, as precisely as the chain of causes tells."""
    causes = tuple(_causes(error))

    def caused_by(kind: type[BaseException]) -> bool:
        return any(isinstance(cause, kind) for cause in causes)

    if caused_by(socket.gaierror):
        host = httpx.URL(server_url).host
        return f"the name {host} could not be found. Check its spelling, and your network or VPN."
    if caused_by(ConnectionRefusedError):
        return "nothing answers at that address. The server may be down, or the port wrong."
    if caused_by(ssl.SSLCertVerificationError):
        return (
            "its security certificate could not be verified, so Testdeck did not send the "
            "token. Check the address, or ask your IT department about the certificate."
        )
    if caused_by(ssl.SSLError):
        return (
            "the secure (HTTPS) connection failed. (A local sandbox's address starts with http://.)"
        )
    if caused_by(httpx.ConnectTimeout):
        waited = seconds_text(connect_seconds)
        return f"it did not answer within {waited}. Check your network or VPN."
    if error.cause == "timeout":
        return "it accepted the connection but did not answer in time. Try again in a few minutes."
    return f"{error.message} Check your network, then test again."


def _causes(error: BaseException) -> Iterator[BaseException]:
    """`error`'s chain of causes (httpx wraps httpcore, which wraps the OSError)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def seconds_text(seconds: float) -> str:
    """`15 seconds`, `1 second`, `0.5 seconds`."""
    shown = f"{seconds:.0f}" if seconds >= 1 else f"{seconds:.1f}"
    return f"{shown} second" + ("" if shown == "1" else "s")
