"""What can go wrong talking to Testably, classified as API.md's table decides.

Every error carries a message a tester can read; `retryable` says whether trying the same
request later may succeed without anyone changing anything.
"""

from __future__ import annotations

from dataclasses import dataclass


class ApiError(Exception):
    """Base of every client error; `str(error)` is the readable message."""

    retryable = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TransientError(ApiError):
    """The network or the server failed; the same request may work later.

    Attributes:
        cause: what happened, in a few words (`timeout`, `connection refused`, `HTTP 503`).
        may_have_reached_server: False only when the request certainly never arrived
            (the connection could not be opened); after a timeout, a dropped connection or
            a 5xx answer the server may have acted on it.
    """

    retryable = True

    def __init__(self, message: str, cause: str, *, may_have_reached_server: bool) -> None:
        super().__init__(message)
        self.cause = cause
        self.may_have_reached_server = may_have_reached_server


class InvalidResponseError(TransientError):
    """The server answered something Testdeck cannot read (bad JSON, wrong types, HTML)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "unreadable answer", may_have_reached_server=True)


class RateLimitedError(ApiError):
    """Too many requests: wait `retry_after` seconds, then try again."""

    retryable = True

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AuthFailedError(ApiError):
    """401: the token is missing, wrong, expired or revoked."""


class ForbiddenError(ApiError):
    """403: the token works but may not use this project (or the plan does not allow it)."""


class NotFoundError(ApiError):
    """404 on a read: the object is gone from the server."""


class UnsupportedEndpointError(ApiError):
    """404, 405 or 501 on a write route: the server does not offer this operation yet."""


@dataclass(frozen=True, slots=True)
class RejectedItem:
    """One item the server named when it rejected a request (a test case, or a field)."""

    subject: str
    error: str


class RejectedError(ApiError):
    """400 or 422: the server refuses the request as invalid; sending it again won't help.

    Attributes:
        code: the server's error code (`validation_error`, `idempotency_key_reused`, ...).
        details: the items the server named, in its order.
    """

    def __init__(self, message: str, code: str, details: tuple[RejectedItem, ...] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.details = details


class ConflictError(ApiError):
    """409: the server's state forbids this change (`run_closed`, for one)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class CancelledError(ApiError):
    """The client was cancelled (Testdeck is quitting) while it waited to send."""


class ServerAddressError(ValueError):
    """A server address Testdeck will not use (not a URL, or plain http to another host)."""
