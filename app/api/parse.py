"""Reading the server's JSON into typed answers, tolerantly but never half-way.

Tolerant: a `data` envelope or a bare object, unknown extra fields ignored, `untested` read
as `not_tested`, nullable fields null or absent. Strict: a missing required field, a wrong
type, a negative count or an unknown result status raises `InvalidResponseError` naming the
object and the field, and no partly filled object ever escapes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

from app.api.errors import InvalidResponseError
from app.api.models import (
    BulkOutcome,
    Milestone,
    Page,
    Project,
    Result,
    Run,
    RunDetail,
    RunUpdate,
    Step,
    TestCase,
)
from app.domain import ResultStatus, RunSummary

T = TypeVar("T")

_STATUSES: dict[str, ResultStatus] = {status.value: status for status in ResultStatus}


class Fields:
    """Typed access to one JSON object, with errors that say which object and field."""

    def __init__(self, value: object, what: str) -> None:
        if not isinstance(value, Mapping):
            raise InvalidResponseError(f"The server sent {_kind(value)} where {what} belongs.")
        self._data: Mapping[str, Any] = value
        self._what = what

    def text(self, name: str) -> str:
        value = self._data.get(name)
        if not isinstance(value, str):
            raise self._wrong(name, value, "text")
        return value

    def optional_text(self, name: str) -> str | None:
        value = self._data.get(name)
        if value is not None and not isinstance(value, str):
            raise self._wrong(name, value, "text or null")
        return value

    def count(self, name: str) -> int:
        value = self._data.get(name)
        if not isinstance(value, int | float) or not _is_int(value) or value < 0:
            raise self._wrong(name, value, "a whole number of zero or more")
        return int(value)

    def optional_count(self, name: str) -> int | None:
        return None if self._data.get(name) is None else self.count(name)

    def optional_number(self, name: str) -> float | None:
        value = self._data.get(name)
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise self._wrong(name, value, "a number or null")
        return float(value)

    def optional_time(self, name: str) -> datetime | None:
        value = self._data.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self._wrong(name, value, "an ISO-8601 timestamp")
        try:
            moment = datetime.fromisoformat(value)
            return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
        except (ValueError, OverflowError):
            raise self._wrong(name, value, "an ISO-8601 timestamp") from None

    def result_status(self, name: str) -> ResultStatus:
        value = self._data.get(name)
        if isinstance(value, str) and value in _STATUSES:  # the common case: spelt as we write
            return _STATUSES[value]
        value = self.text(name)
        try:
            return ResultStatus.parse(value)
        except ValueError:
            raise self._wrong(name, value, "a result status") from None

    def items(self, name: str) -> list[Any]:
        value = self._data.get(name)
        if not isinstance(value, list):
            raise self._wrong(name, value, "a list")
        return value

    def optional_items(self, name: str) -> list[Any]:
        return [] if self._data.get(name) is None else self.items(name)

    def optional_object(self, name: str, what: str) -> Fields:
        value = self._data.get(name)
        return Fields({} if value is None else value, what)

    def has(self, name: str) -> bool:
        return name in self._data

    def _wrong(self, name: str, value: object, expected: str) -> InvalidResponseError:
        if value is None:
            found = "nothing" if name not in self._data else "null"
        else:
            found = _preview(value)
        return InvalidResponseError(
            f"The server sent {self._what} whose “{name}” is {found}; expected {expected}."
        )


def unwrap(body: object) -> object:
    """The object inside a `{"data": ...}` envelope, or the body itself when bare."""
    if isinstance(body, Mapping) and "data" in body:
        return body["data"]
    return body


def page_of(body: object, parse: Callable[[object], T], what: str, asked: int) -> Page[T]:
    """A list answer: `{"data": [...], "meta": {...}}`, every item parsed.

    `asked` is the page size requested, assumed when the server does not report one.
    """
    envelope = Fields(body, f"a list of {what}")
    raw_items = envelope.items("data")
    meta = envelope.optional_object("meta", "paging information")
    return Page(
        items=tuple(parse(item) for item in raw_items),
        page=meta.optional_count("page") or 1,
        per_page=meta.optional_count("per_page") or asked,
        total=meta.optional_count("total"),
    )


def project(value: object) -> Project:
    f = Fields(value, "a project")
    return Project(
        id=f.text("id"),
        name=f.text("name"),
        prefix=f.optional_text("prefix"),
        test_case_count=f.optional_count("test_case_count"),
        run_count=f.optional_count("run_count"),
        created_at=f.optional_time("created_at"),
        updated_at=f.optional_time("updated_at"),
        description=f.optional_text("description"),
        member_count=f.optional_count("member_count"),
    )


def step(value: object) -> Step:
    f = Fields(value, "a test step")
    return Step(
        position=f.count("position"),
        action=f.text("action"),
        expected=f.optional_text("expected"),
    )


def test_case(value: object) -> TestCase:
    f = Fields(value, "a test case")
    tags = f.optional_items("tags")
    if not all(isinstance(tag, str) for tag in tags):
        raise InvalidResponseError("The server sent a test case whose tags are not all text.")
    return TestCase(
        id=f.text("id"),
        title=f.text("title"),
        folder_id=f.optional_text("folder_id"),
        priority=f.optional_text("priority"),
        type=f.optional_text("type"),
        precondition=f.optional_text("precondition"),
        expected_result=f.optional_text("expected_result"),
        steps=tuple(step(item) for item in f.optional_items("steps")),
        created_at=f.optional_time("created_at"),
        updated_at=f.optional_time("updated_at"),
        tags=tuple(tags),
        created_by=f.optional_text("created_by"),
    )


def milestone(value: object) -> Milestone:
    f = Fields(value, "a milestone")
    return Milestone(
        id=f.text("id"),
        name=f.text("name"),
        description=f.optional_text("description"),
        status=f.optional_text("status"),
        start_date=f.optional_text("start_date"),
        due_date=f.optional_text("due_date"),
        parent_id=f.optional_text("parent_id"),
        progress=f.optional_number("progress"),
        created_at=f.optional_time("created_at"),
        updated_at=f.optional_time("updated_at"),
    )


def run(value: object) -> Run:
    f = Fields(value, "a run")
    summary = RunSummary(
        passed=f.count("passed"),
        failed=f.count("failed"),
        blocked=f.count("blocked"),
        retest=f.count("retest"),
        not_tested=f.count("not_tested"),
    )
    if f.has("total") and f.count("total") != summary.total:
        raise InvalidResponseError(
            f"The server sent a run whose total ({f.count('total')}) is not the sum of its "
            f"status counts ({summary.total})."
        )
    return Run(
        id=f.text("id"),
        name=f.text("name"),
        status=f.text("status"),
        summary=summary,
        milestone_id=f.optional_text("milestone_id"),
        created_by=f.optional_text("created_by"),
        created_at=f.optional_time("created_at"),
        updated_at=f.optional_time("updated_at"),
        pass_rate=f.optional_number("pass_rate"),
        closed_at=f.optional_time("closed_at"),
    )


def result(value: object) -> Result:
    f = Fields(value, "a result")
    return Result(
        id=f.text("id"),
        test_case_id=f.text("test_case_id"),
        test_case_title=f.optional_text("test_case_title") or "",
        status=f.result_status("status"),
        note=f.optional_text("note"),
        elapsed=f.optional_count("elapsed"),
        tested_by=f.optional_text("tested_by"),
        tested_at=f.optional_time("tested_at"),
    )


def run_detail(value: object) -> RunDetail:
    f = Fields(value, "a run")
    return RunDetail(run=run(value), results=tuple(result(item) for item in f.items("results")))


def run_update(value: object) -> RunUpdate:
    f = Fields(value, "an updated run")
    return RunUpdate(
        id=f.text("id"),
        name=f.optional_text("name"),
        status=f.optional_text("status"),
        updated_at=f.optional_time("updated_at"),
    )


def bulk_outcome(value: object) -> BulkOutcome:
    f = Fields(value, "a bulk result answer")
    statuses = []
    for item in f.optional_items("results"):
        entry = Fields(item, "a bulk result item")
        statuses.append((entry.text("test_case_id"), entry.result_status("status")))
    return BulkOutcome(updated=f.count("updated"), statuses=tuple(statuses))


def _is_int(value: object) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {_preview(value)}"
    return f"{type(value).__name__} {_preview(value)}"


def _preview(value: object) -> str:
    shown = repr(value) if not isinstance(value, str) else f"“{value}”"
    return shown if len(shown) <= 60 else shown[:57] + "…"
