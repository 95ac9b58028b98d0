"""Sync without a token: nothing is sent, the status says why, parked entries stay manageable."""

from __future__ import annotations

from sqlalchemy import Engine

from app.store.delivery import Delivery
from app.store.sync_state import SyncMemory
from app.sync.status import PassReport, PullReport, PushReport, SyncState, SyncStatus

NO_TOKEN = (
    "No API token is saved for this server. Connect to Testably to deliver your changes; "
    "until then they stay saved on this computer."
)


class SignedOutEngine:
    """Stands in for `SyncEngine` while there is no token to talk to the server with.

    Args:
        database: the local cache.
        project_id: the project whose changes wait.
    """

    def __init__(self, database: Engine, project_id: str) -> None:
        self._project_id = project_id
        self._delivery = Delivery(database)
        self._memory = SyncMemory(database)

    def run_pass(self, *, retry_now: bool = False) -> PassReport:
        """Deliver nothing; report the signed-out status."""
        return PassReport(PushReport(), PullReport(), self.status())

    def status(self) -> SyncStatus:
        counts = self._memory.counts(self._project_id)
        return SyncStatus(
            state=SyncState.SIGNED_OUT,
            pending=counts.undelivered,
            parked=counts.parked,
            oldest_pending_at=counts.oldest_created_at,
            last_success_at=self._memory.load(self._project_id).last_success_at,
            last_error=NO_TOKEN,
        )

    def retry(self, seq: int) -> bool:
        return self._delivery.retry(seq)

    def discard(self, seq: int) -> list[int]:
        return self._delivery.discard(seq)
