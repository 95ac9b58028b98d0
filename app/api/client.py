"""The Testably REST client: one `httpx.Client`, typed answers, classified errors.

Every endpoint in API.md. Requests are paced under the server's rate limit; a 429 is
waited out (honouring `Retry-After`) a few times before it surfaces as `RateLimitedError`.
Answers are read with a size cap and parsed completely or not at all. Redirects are never
followed, so the token is never sent to another host.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import quote

import httpx

from app import __version__
from app.api import parse
from app.api.errors import ApiError, CancelledError, InvalidResponseError, RateLimitedError
from app.api.models import (
    BulkOutcome,
    Milestone,
    Page,
    Project,
    Result,
    ResultWrite,
    Run,
    RunDetail,
    RunUpdate,
    TestCase,
)
from app.api.pacer import Pacer
from app.api.responses import classify_failure, transport_failure
from app.api.urls import API_PREFIX, normalise_server_url
from app.domain import UNSET, ApiToken, ResultStatus, Unset

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=20.0, write=20.0, pool=5.0)
MAX_BODY_BYTES = 20 * 1024 * 1024
PER_PAGE = 100
MAX_BULK_ITEMS = 100
RATE_LIMIT_RETRIES = 3
MAX_RATE_LIMIT_WAIT = 60.0


class TestablyClient:
    """A client for one Testably server and token.

    Args:
        server_url: the server as the user typed it (`https://host`, `.../`, `.../v1`).
        token: the API token; sent as `Authorization: Bearer`, never logged.
        pacer: the client-side rate limit; 60 requests per minute by default.
        transport: an httpx transport (tests pass `httpx.MockTransport`).
        timeout: connect/read/write timeouts.
        max_body_bytes: answers larger than this are refused unread.

    Raises:
        ServerAddressError: `server_url` is not usable.
    """

    __test__ = False  # not a pytest test class, despite the name

    def __init__(
        self,
        server_url: str,
        token: ApiToken,
        *,
        pacer: Pacer | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        self.server_url = normalise_server_url(server_url)
        self._pacer = pacer or Pacer()
        self._max_body_bytes = max_body_bytes
        self._cancelled = threading.Event()
        self._http = httpx.Client(
            base_url=self.server_url + API_PREFIX,
            headers={
                "Authorization": f"Bearer {token.reveal()}",
                "User-Agent": f"testdeck/{__version__}",
                "Accept": "application/json",
            },
            timeout=timeout,
            transport=transport,
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"TestablyClient({self.server_url!r})"

    def __enter__(self) -> TestablyClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def cancel(self) -> None:
        """Stop waiting (pacing, rate limits) at once; later requests raise CancelledError.

        Safe to call from another thread, which is how a quitting app interrupts sync.
        """
        self._cancelled.set()

    def close(self) -> None:
        self.cancel()
        self._http.close()

    # Projects ------------------------------------------------------------------------

    def projects(self) -> list[Project]:
        return list(self._items("/projects", {}, parse.project, "projects"))

    def project(self, project_id: str) -> Project:
        return parse.project(self._get_one(f"/projects/{_segment(project_id)}"))

    # Test cases ----------------------------------------------------------------------

    def iter_test_cases(
        self,
        project_id: str,
        *,
        folder_id: str | None = None,
        priority: str | None = None,
        type: str | None = None,
        search: str | None = None,
    ) -> Iterator[TestCase]:
        filters = {"folder_id": folder_id, "priority": priority, "type": type, "search": search}
        path = f"/projects/{_segment(project_id)}/test-cases"
        return self._items(path, filters, parse.test_case, "test cases")

    def test_case(self, project_id: str, test_case_id: str) -> TestCase:
        return parse.test_case(
            self._get_one(f"/projects/{_segment(project_id)}/test-cases/{_segment(test_case_id)}")
        )

    # Milestones ----------------------------------------------------------------------

    def iter_milestones(self, project_id: str, *, status: str | None = None) -> Iterator[Milestone]:
        path = f"/projects/{_segment(project_id)}/milestones"
        return self._items(path, {"status": status}, parse.milestone, "milestones")

    def milestone(self, project_id: str, milestone_id: str) -> Milestone:
        return parse.milestone(
            self._get_one(f"/projects/{_segment(project_id)}/milestones/{_segment(milestone_id)}")
        )

    # Runs ----------------------------------------------------------------------------

    def iter_run_pages(self, project_id: str) -> Iterator[Page[Run]]:
        """Every page of the project's runs, newest first."""
        return self._pages(f"/projects/{_segment(project_id)}/runs", {}, parse.run, "runs")

    def iter_runs(self, project_id: str) -> Iterator[Run]:
        for page in self.iter_run_pages(project_id):
            yield from page.items

    def run(self, project_id: str, run_id: str) -> RunDetail:
        """A run with every one of its results."""
        return parse.run_detail(
            self._get_one(f"/projects/{_segment(project_id)}/runs/{_segment(run_id)}")
        )

    def create_run(
        self,
        project_id: str,
        name: str,
        test_case_ids: Sequence[str],
        milestone_id: str | None = None,
        *,
        idempotency_key: str,
    ) -> Run:
        body: dict[str, object] = {"name": name, "test_case_ids": list(test_case_ids)}
        if milestone_id is not None:
            body["milestone_id"] = milestone_id
        answer = self._send("POST", f"/projects/{_segment(project_id)}/runs", body, idempotency_key)
        return parse.run(parse.unwrap(answer))

    def update_run(
        self,
        project_id: str,
        run_id: str,
        *,
        name: str | Unset = UNSET,
        milestone_id: str | Unset | None = UNSET,
    ) -> RunUpdate:
        """Rename a run or change its milestone; `milestone_id=None` unlinks it."""
        body: dict[str, object] = {}
        if not isinstance(name, Unset):
            body["name"] = name
        if not isinstance(milestone_id, Unset):
            body["milestone_id"] = milestone_id
        if not body:
            raise ValueError("update_run needs a name or a milestone to change.")
        answer = self._send(
            "PATCH", f"/projects/{_segment(project_id)}/runs/{_segment(run_id)}", body
        )
        return parse.run_update(parse.unwrap(answer))

    def close_run(self, project_id: str, run_id: str, *, idempotency_key: str) -> Run:
        path = f"/projects/{_segment(project_id)}/runs/{_segment(run_id)}/close"
        return parse.run(parse.unwrap(self._send("POST", path, None, idempotency_key)))

    # Results -------------------------------------------------------------------------

    def iter_results(self, run_id: str) -> Iterator[Result]:
        return self._items(f"/runs/{_segment(run_id)}/results", {}, parse.result, "results")

    def set_result(
        self,
        run_id: str,
        result_id: str,
        status: ResultStatus,
        note: str | None,
        elapsed: int | None,
    ) -> Result:
        """Replace a result's status, note and elapsed time (all three, always)."""
        body = {"status": status.value, "note": note, "elapsed": elapsed}
        answer = self._send("PUT", f"/runs/{_segment(run_id)}/results/{_segment(result_id)}", body)
        return parse.result(parse.unwrap(answer))

    def bulk_set_results(
        self, run_id: str, writes: Sequence[ResultWrite], *, idempotency_key: str
    ) -> BulkOutcome:
        """Record up to 100 results of one run in one all-or-nothing request."""
        _check_bulk_size(len(writes))
        body = {"results": [write.body() for write in writes]}
        answer = self._send("POST", f"/runs/{_segment(run_id)}/results/bulk", body, idempotency_key)
        return parse.bulk_outcome(parse.unwrap(answer))

    def bulk_set_encoded_results(
        self, run_id: str, items: Sequence[str], *, idempotency_key: str
    ) -> BulkOutcome:
        """`bulk_set_results` for results already encoded as JSON.

        Each item is the JSON text of one `{test_case_id, status, note, elapsed}` object (the
        outbox keeps result changes so). The request body is joined from them as they are,
        without decoding and encoding them again; the server validates them as usual.
        """
        _check_bulk_size(len(items))
        content = ('{"results":[' + ",".join(items) + "]}").encode("utf-8")
        path = f"/runs/{_segment(run_id)}/results/bulk"
        answer = self._send_content("POST", path, content, idempotency_key)
        return parse.bulk_outcome(parse.unwrap(answer))

    # Plumbing ------------------------------------------------------------------------

    def _get_one(self, path: str) -> object:
        return parse.unwrap(self._request("GET", path))

    def _items(
        self, path: str, filters: Mapping[str, str | None], read: Callable[[object], T], what: str
    ) -> Iterator[T]:
        for page in self._pages(path, filters, read, what):
            yield from page.items

    def _pages(
        self, path: str, filters: Mapping[str, str | None], read: Callable[[object], T], what: str
    ) -> Iterator[Page[T]]:
        """Pages of `per_page=100` until an empty page, a short page, or `total` is reached."""
        params = {key: value for key, value in filters.items() if value is not None}
        number, seen = 1, 0
        while True:
            query: dict[str, str | int] = {**params, "page": number, "per_page": PER_PAGE}
            page = parse.page_of(self._request("GET", path, params=query), read, what, PER_PAGE)
            seen += len(page.items)
            if page.items:
                yield page
            if _is_last(page, seen):
                return
            number += 1

    def _send(
        self, method: str, path: str, body: object, idempotency_key: str | None = None
    ) -> object:
        content = None if body is None else json.dumps(body).encode("utf-8")
        return self._send_content(method, path, content, idempotency_key)

    def _send_content(
        self, method: str, path: str, content: bytes | None, idempotency_key: str | None
    ) -> object:
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        if content is not None:
            headers["Content-Type"] = "application/json"
        return self._request(method, path, content=content, headers=headers)

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> object:
        """One API call: paced, 429s waited out a few times, answer parsed as JSON."""
        for attempt in range(RATE_LIMIT_RETRIES + 1):
            self._pacer.acquire(self._cancelled)
            try:
                return self._exchange(method, path, params, content, headers)
            except RateLimitedError as limited:
                if attempt == RATE_LIMIT_RETRIES or limited.retry_after > MAX_RATE_LIMIT_WAIT:
                    raise
                log.info("Rate limited on %s %s; waiting %.1f s", method, path, limited.retry_after)
                if self._cancelled.wait(limited.retry_after):
                    raise CancelledError("Testdeck stopped talking to the server.") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _exchange(
        self,
        method: str,
        path: str,
        params: Mapping[str, str | int] | None,
        content: bytes | None,
        headers: Mapping[str, str] | None,
    ) -> object:
        request = self._http.build_request(
            method, path, params=params, content=content, headers=headers
        )
        started = time.perf_counter()
        status, response_headers, raw = self._transfer(request)
        log.debug(
            "%s %s -> %d (%d bytes, %.0f ms)",
            method,
            request.url.path,
            status,
            len(raw),
            (time.perf_counter() - started) * 1000,
        )
        if 200 <= status < 300:
            return _decode(raw, status)
        raise classify_failure(method, request.url.path, status, response_headers, raw)

    def _transfer(self, request: httpx.Request) -> tuple[int, httpx.Headers, bytes]:
        try:
            response = self._http.send(request, stream=True)
        except httpx.HTTPError as error:
            raise transport_failure(error, self.server_url) from error
        try:
            return response.status_code, response.headers, self._read_capped(response)
        except httpx.HTTPError as error:
            raise transport_failure(error, self.server_url) from error
        finally:
            response.close()

    def _read_capped(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self._max_body_bytes:
            raise _too_large(self._max_body_bytes)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self._max_body_bytes:
                raise _too_large(self._max_body_bytes)
            chunks.append(chunk)
        return b"".join(chunks)


def _check_bulk_size(count: int) -> None:
    if not 0 < count <= MAX_BULK_ITEMS:
        raise ValueError(f"A bulk write takes 1 to {MAX_BULK_ITEMS} results.")


def _segment(identifier: str) -> str:
    """An id as one URL path segment: ids are opaque and may hold any character."""
    return quote(identifier, safe="")


def _is_last(page: Page[Any], seen: int) -> bool:
    """Whether paging is over after this page; `seen` counts the items of every page so far.

    A server may clamp `per_page` without saying so, so the end is judged by what arrived:
    an empty page, `total` reached, or (without `total`) a page shorter than asked for.
    """
    if not page.items:
        return True
    if page.total is not None:
        return seen >= page.total
    return len(page.items) < page.per_page


def _decode(raw: bytes, status: int) -> object:
    if not raw.strip():
        if status == 204:
            return None
        raise InvalidResponseError("The server answered with an empty body.")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # bad JSON, bad UTF-8, absurd numbers or nesting
        raise InvalidResponseError(
            "The server's answer is not valid JSON (it may be cut off, or an error page "
            "from a proxy)."
        ) from None


def _too_large(limit: int) -> ApiError:
    return InvalidResponseError(
        f"The server's answer is larger than {limit // (1024 * 1024)} MB; Testdeck stopped "
        "reading it."
    )
