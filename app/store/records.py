"""Plain, frozen records the store hands out: safe to pass between threads and layers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.domain import ResultStatus, RunSummary, is_read_only_run_status
from app.store.outbox import OutboxKind, OutboxState


@dataclass(frozen=True, slots=True)
class ProjectRecord:
    id: str
    name: str
    prefix: str | None


@dataclass(frozen=True, slots=True)
class MilestoneRecord:
    id: str
    project_id: str
    name: str
    status: str | None
    due_date: str | None


@dataclass(frozen=True, slots=True)
class TestCaseRow:
    """A test case as lists and pickers show it."""

    id: str
    title: str
    folder_id: str | None
    priority: str | None
    type: str | None


@dataclass(frozen=True, slots=True)
class StepRecord:
    position: int
    action: str
    expected: str | None


@dataclass(frozen=True, slots=True)
class TestCaseDetail:
    """A test case with everything a tester reads while executing it."""

    id: str
    project_id: str
    title: str
    folder_id: str | None
    priority: str | None
    type: str | None
    precondition: str | None
    expected_result: str | None
    steps: tuple[StepRecord, ...]


@dataclass(frozen=True, slots=True)
class RunRow:
    """A run with its counts and the state of its undelivered changes.

    Attributes:
        undelivered: outbox entries about this run still waiting for delivery.
        parked: those of them set aside until the user retries or discards them.
    """

    id: int
    server_id: str | None
    project_id: str
    name: str
    milestone_id: str | None
    milestone_name: str | None
    status: str
    created_by: str | None
    created_at: datetime
    closed_at: datetime | None
    final_pass_rate: float | None
    summary: RunSummary
    missing_on_server: bool
    undelivered: int
    parked: int

    @property
    def is_read_only(self) -> bool:
        return is_read_only_run_status(self.status)

    @property
    def pass_rate(self) -> float:
        """The server's final pass rate once closed, else the live one from the counts."""
        if self.final_pass_rate is not None:
            return self.final_pass_rate
        return self.summary.pass_rate

    @property
    def key(self) -> str:
        """How people refer to the run: its server id, or `local:<id>` before it has one."""
        return self.server_id or f"local:{self.id}"


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One result of a run, with the state of its undelivered changes."""

    id: int
    server_id: str | None
    run_id: int
    test_case_id: str
    test_case_title: str
    position: int
    status: ResultStatus
    note: str | None
    elapsed: int | None
    tested_by: str | None
    tested_at: datetime | None
    executed_at: datetime | None
    undelivered: int
    parked_state: OutboxState | None

    @property
    def is_delivered(self) -> bool:
        return self.undelivered == 0


@dataclass(frozen=True, slots=True)
class OutboxRecord:
    """One undelivered change, as the sync engine and the sync-issues panel see it."""

    seq: int
    kind: OutboxKind
    run_id: int
    result_id: int | None
    payload: str
    idempotency_key: str
    state: OutboxState
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    created_at: datetime

    def data(self) -> dict[str, Any]:
        """The payload as a fresh dict (the record itself stays immutable)."""
        loaded: dict[str, Any] = json.loads(self.payload)
        return loaded
