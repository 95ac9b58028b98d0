"""Typed answers of the Testably API: frozen, fully parsed, never half-built."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from app.domain import ResultStatus, RunSummary

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list, with the paging facts the server reported."""

    items: tuple[T, ...]
    page: int
    per_page: int
    total: int | None


@dataclass(frozen=True, slots=True)
class Project:
    id: str
    name: str
    prefix: str | None
    test_case_count: int | None
    run_count: int | None
    created_at: datetime | None
    updated_at: datetime | None
    description: str | None = None
    member_count: int | None = None


@dataclass(frozen=True, slots=True)
class Step:
    position: int
    action: str
    expected: str | None


@dataclass(frozen=True, slots=True)
class TestCase:
    id: str
    title: str
    folder_id: str | None
    priority: str | None
    type: str | None
    precondition: str | None
    expected_result: str | None
    steps: tuple[Step, ...]
    created_at: datetime | None
    updated_at: datetime | None
    tags: tuple[str, ...] = ()
    created_by: str | None = None


@dataclass(frozen=True, slots=True)
class Milestone:
    id: str
    name: str
    description: str | None
    status: str | None
    start_date: str | None
    due_date: str | None
    parent_id: str | None
    progress: float | None
    created_at: datetime | None
    updated_at: datetime | None


@dataclass(frozen=True, slots=True)
class Run:
    """A run as the server reports it. Its status is kept as sent (API.md)."""

    id: str
    name: str
    status: str
    summary: RunSummary
    milestone_id: str | None
    created_by: str | None
    created_at: datetime | None
    updated_at: datetime | None
    pass_rate: float | None = None
    closed_at: datetime | None = None

    @property
    def total(self) -> int:
        return self.summary.total


@dataclass(frozen=True, slots=True)
class Result:
    id: str
    test_case_id: str
    test_case_title: str
    status: ResultStatus
    note: str | None
    elapsed: int | None
    tested_by: str | None
    tested_at: datetime | None


@dataclass(frozen=True, slots=True)
class RunDetail:
    """A run with every one of its results."""

    run: Run
    results: tuple[Result, ...]


@dataclass(frozen=True, slots=True)
class RunUpdate:
    """The answer to a run update, which may be partial: absent fields are None."""

    id: str
    name: str | None
    status: str | None
    updated_at: datetime | None


@dataclass(frozen=True, slots=True)
class ResultWrite:
    """One result to record: always all three values, as API.md decides for PUT."""

    test_case_id: str
    status: ResultStatus
    note: str | None
    elapsed: int | None

    def body(self) -> dict[str, object]:
        return {
            "test_case_id": self.test_case_id,
            "status": self.status.value,
            "note": self.note,
            "elapsed": self.elapsed,
        }


@dataclass(frozen=True, slots=True)
class BulkOutcome:
    """What a bulk write changed: how many results, and their statuses by test case."""

    updated: int
    statuses: tuple[tuple[str, ResultStatus], ...]
