"""Fault injection: a plan of misbehaviours for the next matching requests.

Tests (or the loopback admin route) add faults; the fault middleware takes the first
matching one for each request under `/v1`. Each fault applies to `count` requests; a fault
can be narrowed to one method and to a path, exact or a glob (`/v1/projects/*/runs`).
"""

from __future__ import annotations

import fnmatch
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from http import HTTPStatus
from typing import Any


class FaultKind(StrEnum):
    FAIL = "fail"  # answer with a status and body, without processing the request
    DELAY = "delay"  # process, then wait before answering
    DROP = "drop"  # process, then close the connection without answering
    GARBAGE = "garbage"  # process, then answer with a broken body


class GarbageKind(StrEnum):
    INVALID_JSON = "invalid_json"  # the real body, cut in half
    HTML = "html"  # a proxy's HTML error page (status 502 unless told otherwise)
    WRONG_TYPES = "wrong_types"  # the real body with every number turned into a string
    TRUNCATED = "truncated"  # Content-Length promises more than is sent; then close


@dataclass(frozen=True, slots=True)
class Fault:
    """One kind of misbehaviour; which fields matter depends on `kind`."""

    kind: FaultKind
    method: str | None = None
    path: str | None = None
    status: int | None = None
    body: bytes = b""
    content_type: str = "application/json"
    headers: Mapping[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    garbage: GarbageKind = GarbageKind.INVALID_JSON

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return self.path is None or path == self.path or fnmatch.fnmatchcase(path, self.path)


@dataclass(slots=True)
class _Pending:
    fault: Fault
    remaining: int


class FaultPlan:
    """The faults waiting to happen, safe to change from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[_Pending] = []

    def fail_next(
        self,
        count: int = 1,
        status: int = 503,
        body: str | bytes | Mapping[str, Any] | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        content_type: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer the next `count` matching requests with `status` without processing them.

        Args:
            count: how many requests.
            status: the status to answer.
            body: the body: text or bytes as they are (an HTML page, anything), a mapping
                sent as JSON, or None for a JSON `{"error", "message"}` body.
            method: only requests with this method.
            path: only requests to this path (exact, or an fnmatch glob).
            content_type: overrides the content type guessed from the body.
            headers: extra headers, e.g. `{"Retry-After": "2"}`.
        """
        payload, guessed = _fail_body(_checked_status(status), body)
        extra = {str(name): str(value) for name, value in (headers or {}).items()}
        fault = Fault(FaultKind.FAIL, method, path, status, payload, content_type or guessed, extra)
        self._add(fault, count)

    def delay_next(
        self,
        count: int = 1,
        seconds: float = 1.0,
        *,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        """Process the next `count` matching requests at once, but answer `seconds` later."""
        if seconds < 0:
            raise ValueError("A delay can't be negative.")
        self._add(Fault(FaultKind.DELAY, method, path, seconds=seconds), count)

    def drop_next(
        self, count: int = 1, *, method: str | None = None, path: str | None = None
    ) -> None:
        """Process the next `count` matching requests, then hang up without answering."""
        self._add(Fault(FaultKind.DROP, method, path), count)

    def garbage_next(
        self,
        count: int = 1,
        *,
        method: str | None = None,
        path: str | None = None,
        kind: str = "invalid_json",
        status: int | None = None,
    ) -> None:
        """Process the next `count` matching requests, then answer with a broken body.

        Args:
            kind: `invalid_json`, `html`, `wrong_types` or `truncated` (see `GarbageKind`).
            status: the status to send instead of the real one (`html` defaults to 502).
        """
        garbage = GarbageKind(kind)
        status = None if status is None else _checked_status(status)
        self._add(Fault(FaultKind.GARBAGE, method, path, status, garbage=garbage), count)

    def clear(self) -> None:
        """Forget every pending fault."""
        with self._lock:
            self._pending.clear()

    def pending(self) -> list[tuple[Fault, int]]:
        """The faults still waiting and how many requests each will still hit."""
        with self._lock:
            return [(each.fault, each.remaining) for each in self._pending]

    def take(self, method: str, path: str) -> Fault | None:
        """The first fault matching this request, counted as used; None when none matches."""
        with self._lock:
            for each in self._pending:
                if each.fault.matches(method, path):
                    each.remaining -= 1
                    if each.remaining <= 0:
                        self._pending.remove(each)
                    return each.fault
        return None

    def _add(self, fault: Fault, count: int) -> None:
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError("A fault must apply to at least one request (a whole number).")
        with self._lock:
            self._pending.append(_Pending(fault, count))


def _checked_status(status: int) -> int:
    if isinstance(status, bool) or not isinstance(status, int) or not 200 <= status <= 599:
        raise ValueError(f"A fault's status must be a whole number from 200 to 599: {status!r}")
    return status


def _fail_body(status: int, body: str | bytes | Mapping[str, Any] | None) -> tuple[bytes, str]:
    if body is None:
        return _default_error(status), "application/json"
    if isinstance(body, Mapping):
        return json.dumps(dict(body)).encode(), "application/json"
    data = body.encode() if isinstance(body, str) else body
    return data, _guess_type(data)


def _default_error(status: int) -> bytes:
    code = "server_error" if status >= 500 else _status_code_name(status)
    message = f"The sandbox answered {status} on purpose (an injected fault)."
    return json.dumps({"error": code, "message": message}).encode()


def _status_code_name(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


def _guess_type(data: bytes) -> str:
    text = data.lstrip()[:100].lower()
    if text.startswith((b"<!doctype html", b"<html")):
        return "text/html; charset=utf-8"
    try:
        json.loads(data)
    except ValueError:
        return "text/plain; charset=utf-8"
    return "application/json"
