"""Outbox entries that need the tester's eye, with the names that say what they are about.

An entry needs attention when it is parked (waiting for server support, rejected, in
conflict) or when delivering it has failed at least once and it is still being retried
(its `last_error` is set). The sync-issues panel lists them; retry and discard go through
the sync engine, never through this module.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Row, Select, or_, select

from app.store.outbox import PARKED_STATES, OutboxKind, OutboxState
from app.store.tables import MILESTONE, OUTBOX, RESULT, RUN


@dataclass(frozen=True, slots=True)
class SyncIssue:
    """One undelivered change that the server refused or that keeps failing.

    Attributes:
        seq: the outbox entry's sequence number (what retry and discard take).
        kind: what kind of change it carries.
        state: where it stands; parked states wait for the tester.
        run_id: the local id of the run it concerns.
        run_name: the run's name as it is here (for a rename: the new name).
        run_milestone_name: the name of the run's milestone here, if any.
        result_id: the local id of the result, for a `set_result` entry.
        test_case_title: the title of that result's test case.
        payload: the change as JSON text; `data()` reads it.
        attempts: how many times delivery was tried and failed.
        last_error: the last problem in words a tester can read.
        created_at: when the tester made the change (UTC).
        next_attempt_at: when delivery is tried again, for an entry still retried.
    """

    seq: int
    kind: OutboxKind
    state: OutboxState
    run_id: int
    run_name: str
    run_milestone_name: str | None
    result_id: int | None
    test_case_title: str | None
    payload: str
    attempts: int
    last_error: str | None
    created_at: datetime
    next_attempt_at: datetime | None

    @property
    def is_parked(self) -> bool:
        """Whether only the tester can move this entry on (retry or discard)."""
        return self.state.is_parked

    def data(self) -> dict[str, Any]:
        """The payload as a fresh dict (the record itself stays immutable)."""
        loaded: dict[str, Any] = json.loads(self.payload)
        return loaded


def fetch_sync_issues(engine: Engine, project_id: str | None = None) -> list[SyncIssue]:
    """Every entry that needs attention (of `project_id`'s runs only), in delivery order."""
    query = _ISSUES if project_id is None else _ISSUES.where(RUN.c.project_id == project_id)
    with engine.connect() as connection:
        return [_issue(row) for row in connection.execute(query)]


def _issues_query() -> Select[Any]:
    parked = [state.value for state in PARKED_STATES]
    return (
        select(
            OUTBOX.c.seq,
            OUTBOX.c.kind,
            OUTBOX.c.state,
            OUTBOX.c.run_id,
            RUN.c.name.label("run_name"),
            MILESTONE.c.name.label("run_milestone_name"),
            OUTBOX.c.result_id,
            RESULT.c.test_case_title,
            OUTBOX.c.payload,
            OUTBOX.c.attempts,
            OUTBOX.c.last_error,
            OUTBOX.c.created_at,
            OUTBOX.c.next_attempt_at,
        )
        .join(RUN, RUN.c.id == OUTBOX.c.run_id)
        .outerjoin(MILESTONE, MILESTONE.c.id == RUN.c.milestone_id)
        .outerjoin(RESULT, RESULT.c.id == OUTBOX.c.result_id)
        .where(or_(OUTBOX.c.state.in_(parked), OUTBOX.c.last_error.is_not(None)))
        .order_by(OUTBOX.c.seq)
    )


def _issue(row: Row[Any]) -> SyncIssue:
    fields = row._mapping
    return SyncIssue(
        seq=fields["seq"],
        kind=OutboxKind(fields["kind"]),
        state=OutboxState(fields["state"]),
        run_id=fields["run_id"],
        run_name=fields["run_name"],
        run_milestone_name=fields["run_milestone_name"],
        result_id=fields["result_id"],
        test_case_title=fields["test_case_title"],
        payload=fields["payload"],
        attempts=fields["attempts"],
        last_error=fields["last_error"],
        created_at=fields["created_at"],
        next_attempt_at=fields["next_attempt_at"],
    )


_ISSUES = _issues_query()

__all__: Sequence[str] = ["SyncIssue", "fetch_sync_issues"]
