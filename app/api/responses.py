"""Turning a failed exchange into the right `ApiError`, as API.md's table says."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping

import httpx

from app.api.errors import (
    ApiError,
    AuthFailedError,
    ConflictError,
    ForbiddenError,
    InvalidResponseError,
    NotFoundError,
    RateLimitedError,
    RejectedError,
    RejectedItem,
    TransientError,
    UnsupportedEndpointError,
)

DEFAULT_RETRY_AFTER = 5.0
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_MAX_SERVER_TEXT = 300


def classify_failure(
    method: str, path: str, status: int, headers: httpx.Headers, raw: bytes
) -> ApiError:
    """The error for a non-2xx answer. The body is read only if it is JSON; never trusted."""
    body = _error_body(raw)
    code = _text(body.get("error")) or f"http_{status}"
    said = _text(body.get("message"))
    if 300 <= status < 400:
        target = headers.get("Location", "another address")
        return InvalidResponseError(
            f"The server redirected Testdeck to {target}. Check the server address; "
            "Testdeck does not follow redirects, so the token is never sent elsewhere."
        )
    if status == 401:
        return AuthFailedError(
            "Testably did not accept the API token. Sign in again with a valid token."
            + _quoted(said)
        )
    if status == 403:
        return ForbiddenError(
            "This token may not use this project (or the Testably plan does not include "
            "API access)." + _quoted(said)
        )
    if status == 429:
        retry_after = _retry_after(headers, body)
        return RateLimitedError(
            f"Testably asked Testdeck to slow down; it will try again in {retry_after:.0f} s.",
            retry_after,
        )
    if method in WRITE_METHODS and status in (404, 405, 501):
        return UnsupportedEndpointError(
            f"The server does not offer this yet ({method} {_route(path)} answered {status}). "
            "The change is kept and will be sent once the server supports it."
        )
    if status == 404:
        return NotFoundError(f"The server no longer has {_route(path)}." + _quoted(said))
    if status == 409:
        return ConflictError(_conflict_message(code, said), code)
    if status in (400, 413, 422):
        return RejectedError(
            "The server rejected the request" + (f": {said}" if said else "."),
            code,
            _details(body.get("details")),
        )
    if status >= 500:
        return TransientError(
            f"The server had a problem (HTTP {status}); Testdeck will try again.",
            f"HTTP {status}",
            may_have_reached_server=True,
        )
    return InvalidResponseError(f"The server answered with an unexpected HTTP {status}.")


def transport_failure(error: httpx.HTTPError, server_url: str) -> TransientError:
    """The error for a request that got no (complete) answer."""
    if isinstance(error, httpx.ConnectTimeout | httpx.ConnectError):
        reason = "timed out" if isinstance(error, httpx.ConnectTimeout) else _reason(error)
        return TransientError(
            f"Could not reach the server at {server_url} ({reason}).",
            f"connect: {reason}",
            may_have_reached_server=False,
        )
    if isinstance(error, httpx.TimeoutException):
        return TransientError(
            "The server did not answer in time.", "timeout", may_have_reached_server=True
        )
    return TransientError(
        f"The connection to the server broke off ({_reason(error)}).",
        f"connection: {_reason(error)}",
        may_have_reached_server=True,
    )


def _error_body(raw: bytes) -> Mapping[str, object]:
    try:
        body = json.loads(raw) if raw.strip() else {}
    except (ValueError, RecursionError):
        return {}
    return body if isinstance(body, Mapping) else {}


def _retry_after(headers: httpx.Headers, body: Mapping[str, object]) -> float:
    for candidate in (headers.get("Retry-After"), body.get("retry_after_seconds")):
        seconds = _seconds(candidate)
        if seconds is not None:
            return seconds
    return DEFAULT_RETRY_AFTER


def _seconds(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None  # an HTTP date or junk: fall back to the default
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _details(value: object) -> tuple[RejectedItem, ...]:
    if not isinstance(value, list):
        return ()
    items = []
    for entry in value:
        if not isinstance(entry, Mapping):
            continue
        subject = _text(entry.get("test_case_id")) or _text(entry.get("field")) or ""
        items.append(RejectedItem(subject=subject, error=_text(entry.get("error")) or "invalid"))
    return tuple(items)


def _conflict_message(code: str, said: str | None) -> str:
    if code == "run_closed":
        return "The run is closed on the server, so it can no longer be changed."
    return "The server refused the change because its state changed" + _quoted(said, ".")


def _text(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = " ".join(value.split())
    return text if len(text) <= _MAX_SERVER_TEXT else text[: _MAX_SERVER_TEXT - 1] + "…"


def _quoted(said: str | None, ending: str = "") -> str:
    return f" (The server said: “{said}”)" if said else ending


def _route(path: str) -> str:
    return path if path.startswith("/v1") else f"/v1{path}"


def _reason(error: httpx.HTTPError) -> str:
    text = str(error).strip()
    return text or type(error).__name__
