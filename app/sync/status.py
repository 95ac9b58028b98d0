"""What the sync engine reports: its state, the changes a pass made, and what it did."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class SyncState(StrEnum):
    """The connection as the tester sees it in the status bar."""

    ONLINE = "online"
    OFFLINE = "offline"
    SIGNED_OUT = "signed_out"
    PAUSED = "paused"
    WAITING_SUPPORT = "waiting_support"


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """The engine's state after a pass.

    Attributes:
        state: online, offline, signed out (401), paused (403) or waiting for server
            support (every undelivered change is parked as `waiting_support`).
        pending: undelivered outbox entries (parked ones included).
        parked: entries set aside until the user retries or discards them.
        oldest_pending_at: when the oldest undelivered change was made.
        last_success_at: the end of the last pass that reached the server.
        last_error: the last problem, in words a tester can read; None after a clean pass.
    """

    state: SyncState
    pending: int = 0
    parked: int = 0
    oldest_pending_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error: str | None = None


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Local ids of the runs and results a pass changed, so the UI refreshes only those."""

    run_ids: frozenset[int] = frozenset()
    result_ids: frozenset[int] = frozenset()
    catalog_changed: bool = False  # test cases or milestones

    def __bool__(self) -> bool:
        return bool(self.run_ids or self.result_ids or self.catalog_changed)

    def merged(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            self.run_ids | other.run_ids,
            self.result_ids | other.result_ids,
            self.catalog_changed or other.catalog_changed,
        )


@dataclass(frozen=True, slots=True)
class PullReport:
    """What a pull brought in."""

    changes: ChangeSet = field(default_factory=ChangeSet)
    runs_listed: int = 0
    runs_fetched: int = 0
    runs_removed: int = 0
    conflicts: int = 0


@dataclass(frozen=True, slots=True)
class PushReport:
    """What a push delivered and what it set aside."""

    changes: ChangeSet = field(default_factory=ChangeSet)
    delivered: int = 0
    parked: int = 0
    rescheduled: int = 0


@dataclass(frozen=True, slots=True)
class PassReport:
    """One full sync pass: push, then pull, then the resulting status."""

    push: PushReport
    pull: PullReport
    status: SyncStatus

    @property
    def changes(self) -> ChangeSet:
        return self.push.changes.merged(self.pull.changes)
