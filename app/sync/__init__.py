"""The sync engine: delivers the outbox to Testably and pulls what others changed. No Qt."""

from app.sync.status import (
    ChangeSet,
    PassReport,
    PullReport,
    PushReport,
    SyncState,
    SyncStatus,
)

__all__ = [
    "ChangeSet",
    "PassReport",
    "PullReport",
    "PushReport",
    "SyncState",
    "SyncStatus",
]
