"""Fakes for the API client tests: a recording MockTransport handler and JSON builders.

The builders return the objects API.md describes, filled with plausible values; each takes
keyword overrides so a test states only what it is about.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import httpx

TOKEN = "testably_unit_TOKEN_0001"
SERVER = "https://api.testably.app"
STAMP = "2026-11-02T09:00:00Z"

Handler = Callable[[httpx.Request], httpx.Response]
JSON = dict[str, Any]


class Recorder:
    """A MockTransport handler that records every request and answers in turn.

    Args:
        handlers: answer the first, second, ... request; the last one answers the rest.
    """

    def __init__(self, *handlers: Handler) -> None:
        if not handlers:
            raise ValueError("A Recorder needs at least one handler.")
        self._handlers = handlers
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        index = min(len(self.requests), len(self._handlers)) - 1
        return self._handlers[index](request)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]

    def pages(self) -> list[int]:
        """The `page` query value of every request, in order."""
        return [int(request.url.params["page"]) for request in self.requests]


def respond(
    status: int = 200,
    body: object = None,
    *,
    content: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> Handler:
    """A handler answering `status` with `body` as JSON, or with raw `content` bytes."""

    def handler(request: httpx.Request) -> httpx.Response:
        if content is not None:
            return httpx.Response(status, content=content, headers=headers)
        raw = b"" if body is None else json.dumps(body).encode("utf-8")
        merged = {"Content-Type": "application/json", **(headers or {})}
        return httpx.Response(status, content=raw, headers=merged)

    return handler


def paged(
    items: Sequence[JSON],
    *,
    clamp: int = 100,
    with_total: bool = True,
    with_per_page: bool = True,
) -> Handler:
    """A list endpoint that serves `items` by `page`, at most `clamp` per page."""

    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        size = min(int(request.url.params["per_page"]), clamp)
        meta: JSON = {"page": page}
        if with_per_page:
            meta["per_page"] = size
        if with_total:
            meta["total"] = len(items)
        chunk = list(items[(page - 1) * size : page * size])
        return httpx.Response(200, json={"data": chunk, "meta": meta})

    return handler


def body_of(request: httpx.Request) -> Any:
    """The JSON a request carried."""
    return json.loads(request.content)


def data(value: object) -> JSON:
    return {"data": value}


def listing(
    items: Sequence[JSON], *, page: int = 1, per_page: int = 100, total: int | None = None
) -> JSON:
    meta: JSON = {"page": page, "per_page": per_page}
    if total is not None:
        meta["total"] = total
    return {"data": list(items), "meta": meta}


def without(value: JSON, *keys: str) -> JSON:
    return {key: item for key, item in value.items() if key not in keys}


def project_json(**changes: Any) -> JSON:
    return {
        "id": "proj_1",
        "name": "Web shop",
        "prefix": "WS",
        "test_case_count": 12,
        "run_count": 3,
        "created_at": STAMP,
        "updated_at": STAMP,
        **changes,
    }


def case_json(**changes: Any) -> JSON:
    return {
        "id": "tc_1",
        "title": "Log in with a valid password",
        "folder_id": "fld_login",
        "priority": "high",
        "type": "functional",
        "precondition": "A user exists",
        "expected_result": "The dashboard opens",
        "steps": [
            {"position": 1, "action": "Open the login page", "expected": None},
            {"position": 2, "action": "Submit the form", "expected": "The dashboard opens"},
        ],
        "created_at": STAMP,
        "updated_at": STAMP,
        **changes,
    }


def milestone_json(**changes: Any) -> JSON:
    return {
        "id": "ms_1",
        "name": "Release 2.1",
        "description": "Spring release",
        "status": "started",
        "start_date": "2026-11-01",
        "due_date": "2026-12-01",
        "parent_id": None,
        "progress": 42.5,
        "created_at": STAMP,
        "updated_at": STAMP,
        **changes,
    }


def run_json(**changes: Any) -> JSON:
    return {
        "id": "run_1",
        "name": "Smoke, build 812",
        "status": "active",
        "total": 4,
        "passed": 1,
        "failed": 1,
        "blocked": 0,
        "retest": 0,
        "not_tested": 2,
        "milestone_id": "ms_1",
        "created_by": "user_1",
        "created_at": STAMP,
        "updated_at": STAMP,
        **changes,
    }


def result_json(**changes: Any) -> JSON:
    return {
        "id": "res_1",
        "test_case_id": "tc_1",
        "test_case_title": "Log in with a valid password",
        "status": "passed",
        "note": "Fine on Firefox",
        "elapsed": 75,
        "tested_by": "user_1",
        "tested_at": STAMP,
        **changes,
    }
