"""JSON answers, rendered once to bytes so an idempotent replay can send the very same body."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from starlette.responses import Response

from app.sandbox.errors import ApiError

JSON_TYPE = "application/json"


def render(payload: Any) -> bytes:
    """A JSON body: compact, UTF-8, non-ASCII kept as is."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def json_response(status: int, body: bytes, headers: Mapping[str, str] | None = None) -> Response:
    return Response(body, status_code=status, headers=headers, media_type=JSON_TYPE)


def error_response(error: ApiError) -> Response:
    """The answer for an `ApiError`: its status, headers and `{"error", "message"}` body."""
    return json_response(error.status, render(error.body()), error.headers)
