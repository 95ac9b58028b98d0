"""How an API route runs: the steps every endpoint shares, around a small sync handler.

For each request: the coming-soon switch, the token, the body (at most 10 MB, a JSON object),
the Idempotency-Key, then the handler, whose `Answer` or `ApiError` becomes the response.
Handlers are plain functions `(sandbox, call) -> Answer`; they hold the storage lock only
for their own short transaction.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from app.sandbox import idempotency
from app.sandbox.auth import user_for
from app.sandbox.context import Sandbox
from app.sandbox.errors import ApiError, bad_request, not_found, not_implemented
from app.sandbox.responses import error_response, json_response, render

MAX_BODY_BYTES = 10 * 1024 * 1024
REPLAYED_HEADER = "Idempotent-Replayed"


@dataclass(frozen=True, slots=True)
class Call:
    """One authenticated request, as a handler sees it."""

    user_id: str
    params: Mapping[str, str]
    query: Mapping[str, str]
    body: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Answer:
    """A successful answer: its status and its JSON payload (envelope included)."""

    status: int
    payload: Any


Handler = Callable[[Sandbox, Call], Answer]
Endpoint = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True, slots=True)
class Spec:
    """How to serve one route.

    Attributes:
        handler: the function that does the work.
        reads_body: whether the route takes a JSON body.
        idempotent: whether the route honours an `Idempotency-Key` header.
        coming_soon: the status this route answers while coming-soon mode is on
            (404 or 501), or None for a route that always works.
    """

    handler: Handler
    reads_body: bool = False
    idempotent: bool = False
    coming_soon: int | None = None


def ok(payload: Any, status: int = 200) -> Answer:
    """A single object in the `{"data": ...}` envelope."""
    return Answer(status, {"data": payload})


def endpoint(sandbox: Sandbox, spec: Spec) -> Endpoint:
    """The Starlette endpoint serving `spec`."""

    async def serve(request: Request) -> Response:
        try:
            return await _serve(sandbox, spec, request)
        except ApiError as error:
            return error_response(error)

    return serve


async def _serve(sandbox: Sandbox, spec: Spec, request: Request) -> Response:
    if spec.coming_soon is not None and sandbox.coming_soon:
        raise _coming_soon(spec.coming_soon, request)
    with sandbox.db.read() as connection:
        user_id = user_for(connection, request.headers.get("authorization"))
    raw = await read_body(request) if spec.reads_body or spec.idempotent else b""
    body = parse_object(raw) if spec.reads_body else {}
    call = Call(user_id, request.path_params, request.query_params, body)
    key = (request.headers.get("idempotency-key") or "").strip() if spec.idempotent else ""
    if not key:
        return json_response(*_outcome(sandbox, spec, call))
    digest = idempotency.fingerprint(request.method, request.url.path, raw)
    return _idempotent(sandbox, spec, call, key, digest)


def _outcome(sandbox: Sandbox, spec: Spec, call: Call) -> tuple[int, bytes]:
    try:
        answer = spec.handler(sandbox, call)
    except ApiError as error:
        return error.status, render(error.body())
    return answer.status, render(answer.payload)


def _idempotent(sandbox: Sandbox, spec: Spec, call: Call, key: str, digest: str) -> Response:
    now = sandbox.now().timestamp()
    with sandbox.db.transaction() as connection:
        stored = idempotency.lookup(connection, call.user_id, key, now)
    if stored is not None:
        first = idempotency.replay(stored, digest)
        return json_response(first.status, first.body, {REPLAYED_HEADER: "true"})
    status, body = _outcome(sandbox, spec, call)
    if status < 500:
        answer = idempotency.StoredAnswer(digest, status, body)
        with sandbox.db.transaction() as connection:
            idempotency.remember(connection, call.user_id, key, answer, now)
    return json_response(status, body)


async def read_body(request: Request) -> bytes:
    """The request body, refused with 413 when it is larger than 10 MB."""
    declared = request.headers.get("content-length", "")
    too_large = declared.isdigit() and int(declared) > MAX_BODY_BYTES
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size <= MAX_BODY_BYTES and not too_large:
            chunks.append(chunk)
    if too_large or size > MAX_BODY_BYTES:
        raise ApiError(413, "payload_too_large", "The request body is larger than 10 MB.")
    return b"".join(chunks)


def parse_object(raw: bytes) -> dict[str, Any]:
    """A JSON object body; an empty body counts as `{}`.

    Raises:
        ApiError: 400 `bad_request` when the body is not JSON or not an object.
    """
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError as error:
        raise bad_request(f"The request body is not valid JSON: {error}.") from None
    except RecursionError:
        raise bad_request("The request body is nested too deeply.") from None
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object.")
    return body


def _coming_soon(status: int, request: Request) -> ApiError:
    if status == 501:
        return not_implemented()
    return not_found(f"There is no endpoint {request.method} {request.url.path}.")
