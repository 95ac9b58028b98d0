"""The ASGI middleware that carries out the fault plan and keeps the request log.

It must sit outermost, directly under uvicorn: dropping a connection needs the transport of
uvicorn's own request cycle, which is reachable only through the `send` uvicorn passes in
(a bound method of its `RequestResponseCycle`).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.sandbox.faults import Fault, FaultKind, FaultPlan, GarbageKind
from app.sandbox.requestlog import RequestLog

ADMIN_PREFIX = "/_sandbox/"
Record = Callable[[int], None]
HANG_UP_TIMEOUT = 5.0

_HTML_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
    b"<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>"
    b"</html>\n"
)


@dataclass(slots=True)
class Captured:
    """A whole response: status, headers and body."""

    status: int = 500
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: bytes = b""

    def with_body(self, body: bytes, content_type: str | None = None) -> Captured:
        """This response with another body (and content type); Content-Length follows."""
        drop = {b"content-length"} | ({b"content-type"} if content_type else set())
        headers = [(name, value) for name, value in self.headers if name.lower() not in drop]
        if content_type:
            headers.append((b"content-type", content_type.encode()))
        return Captured(self.status, headers, body)


class FaultMiddleware:
    """Apply the next matching fault to each request outside `/_sandbox/`, and log it.

    A request is logged before its answer leaves, so once a client has an answer, the log
    already holds it.
    """

    def __init__(self, app: ASGIApp, plan: FaultPlan, log: RequestLog) -> None:
        self.app = app
        self.plan = plan
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(ADMIN_PREFIX):
            await self.app(scope, receive, send)
            return
        record = functools.partial(self.log.record, scope["method"], scope["path"])
        fault = self.plan.take(scope["method"], scope["path"])
        if fault is None:
            await self._pass_through(scope, receive, send, record)
        else:
            await self._misbehave(fault, scope, receive, send, record)

    async def _pass_through(
        self, scope: Scope, receive: Receive, send: Send, record: Record
    ) -> None:
        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                record(message["status"])  # before the client can see the answer
            await send(message)

        await self.app(scope, receive, watch)

    async def _misbehave(
        self, fault: Fault, scope: Scope, receive: Receive, send: Send, record: Record
    ) -> None:
        response = await self._response_for(fault, scope, receive)
        record(response.status)
        if fault.kind is FaultKind.DELAY:
            await _wait_unless_gone(fault.seconds, receive)
        if fault.kind is FaultKind.DROP:
            await _hang_up(send, receive)
        elif fault.kind is FaultKind.GARBAGE and fault.garbage is GarbageKind.TRUNCATED:
            await _hang_up(send, receive, _truncated_bytes(response))
        else:
            await _send(send, response)

    async def _response_for(self, fault: Fault, scope: Scope, receive: Receive) -> Captured:
        """The answer to send: the fault's own, or the app's (garbled for garbage faults)."""
        if fault.kind is FaultKind.FAIL:
            await _drain(receive)  # not processed, but read, so the connection stays usable
            headers = [
                (name.lower().encode(), value.encode()) for name, value in fault.headers.items()
            ]
            return Captured(fault.status or 503, headers).with_body(fault.body, fault.content_type)
        captured = await _capture(self.app, scope, receive)
        return _garble(fault, captured) if fault.kind is FaultKind.GARBAGE else captured


def _garble(fault: Fault, captured: Captured) -> Captured:
    if fault.garbage is GarbageKind.HTML:
        html = captured.with_body(_HTML_PAGE, "text/html; charset=utf-8")
        return replace(html, status=fault.status or 502)
    if fault.garbage is GarbageKind.WRONG_TYPES:
        garbled = captured.with_body(_numbers_as_strings(captured.body))
    elif fault.garbage is GarbageKind.INVALID_JSON:
        garbled = captured.with_body(captured.body[: max(1, len(captured.body) // 2)])
    else:
        garbled = captured
    return replace(garbled, status=fault.status or captured.status)


def _numbers_as_strings(body: bytes) -> bytes:
    try:
        parsed = json.loads(body)
    except ValueError:
        return body
    return json.dumps(_stringify(parsed)).encode()


def _stringify(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _stringify(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_stringify(item) for item in value]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _truncated_bytes(response: Captured) -> bytes:
    """A raw HTTP/1.1 response whose Content-Length promises twice the body it carries."""
    phrase = HTTPStatus(response.status).phrase
    content_type = dict(response.headers).get(b"content-type", b"application/json")
    sent = response.body[: len(response.body) // 2]
    head = (
        f"HTTP/1.1 {response.status} {phrase}\r\n"
        f"content-type: {content_type.decode()}\r\n"
        f"content-length: {max(len(response.body), 2) * 2}\r\n\r\n"
    )
    return head.encode() + sent


async def _capture(app: ASGIApp, scope: Scope, receive: Receive) -> Captured:
    captured = Captured()

    async def keep(message: Message) -> None:
        if message["type"] == "http.response.start":
            captured.status = message["status"]
            captured.headers = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            captured.body += message.get("body", b"")

    await app(scope, receive, keep)
    return captured


async def _send(send: Send, response: Captured) -> None:
    headers = [(name, value) for name, value in response.headers if name != b"content-length"]
    headers.append((b"content-length", str(len(response.body)).encode()))
    await send({"type": "http.response.start", "status": response.status, "headers": headers})
    await send({"type": "http.response.body", "body": response.body, "more_body": False})


async def _drain(receive: Receive) -> None:
    """Read the request body to its end, so the connection can carry the next request."""
    more = True
    while more:
        message = await receive()
        more = message["type"] == "http.request" and message.get("more_body", False)


async def _hang_up(send: Send, receive: Receive, raw: bytes = b"") -> None:
    """Close the connection under uvicorn's feet: after `raw` bytes, or abruptly.

    Then wait for uvicorn to notice the disconnect, so it does not complain that the
    application returned without answering.
    """
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None:
        raise RuntimeError("Dropping a connection needs uvicorn's HTTP server underneath.")
    if raw:
        transport.write(raw)
        transport.close()
    else:
        transport.abort()
    await asyncio.wait_for(_until_disconnect(receive), HANG_UP_TIMEOUT)


async def _wait_unless_gone(seconds: float, receive: Receive) -> None:
    """Wait `seconds`, or less if the client hangs up meanwhile (then nothing is sent)."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(_until_disconnect(receive), seconds)


async def _until_disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
