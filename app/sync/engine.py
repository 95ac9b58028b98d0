"""One sync pass: push the outbox, pull the server's changes, report the status."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import Engine

from app.api import ApiError, AuthFailedError, ForbiddenError, TestablyClient
from app.store import Clock, utc_now
from app.store.delivery import Delivery
from app.store.sync_state import PassMemory, SyncMemory
from app.sync.backoff import Backoff
from app.sync.pull import Puller
from app.sync.push import PassInterruptedError, Pusher
from app.sync.status import PassReport, PullReport, PushReport, SyncState, SyncStatus

log = logging.getLogger(__name__)


class SyncEngine:
    """Drives delivery and reconciliation for one project. Synchronous and Qt-free.

    Args:
        database: the local cache.
        client: the Testably client (owned by the caller, who closes it).
        project_id: the project being synced.
        clock: where "now" comes from.
        backoff: when failed deliveries are tried again.
    """

    def __init__(
        self,
        database: Engine,
        client: TestablyClient,
        project_id: str,
        clock: Clock = utc_now,
        backoff: Backoff | None = None,
    ) -> None:
        self._project_id = project_id
        self._clock = clock
        self._delivery = Delivery(database)
        self._memory = SyncMemory(database)
        self._pusher = Pusher(self._delivery, client, project_id, clock, backoff or Backoff())
        self._puller = Puller(database, client, project_id, clock)
        self._started = False

    def run_pass(self, *, retry_now: bool = False) -> PassReport:
        """Push every deliverable entry, then pull. Server trouble is reported, not raised.

        The first pass of an engine (the app or a `testdeck sync` starting) also tries again
        the changes that were waiting for server support, as API.md decides.

        Args:
            retry_now: the user asked for this pass ("Sync now"): changes waiting out a
                retry delay after a failure are sent now too.
        """
        started = self._clock()
        push, pull, error = PushReport(), PullReport(), None
        if not self._started:
            self._started = True
            self._delivery.requeue_waiting_support(self._project_id)
        if retry_now:
            self._delivery.make_due(self._project_id)
        try:
            push = self._pusher.push()
            pull = self._puller.pull()
        except PassInterruptedError as stopped:
            push, error = stopped.report, stopped.error
        except ApiError as failed:
            error = failed
        self._remember(started, error)
        return PassReport(push, pull, self.status())

    def push(self) -> PushReport:
        """Deliver what can be delivered now (no pull).

        Raises:
            PassInterruptedError: the server can't be reached or refuses the token.
        """
        return self._pusher.push()

    def pull(self) -> PullReport:
        return self._puller.pull()

    def status(self) -> SyncStatus:
        memory = self._memory.load(self._project_id)
        counts = self._memory.counts(self._project_id)
        state = SyncState(memory.connection_state or SyncState.OFFLINE)
        only_waiting = counts.undelivered > 0 and counts.waiting_support == counts.undelivered
        if state is SyncState.ONLINE and only_waiting:
            state = SyncState.WAITING_SUPPORT
        return SyncStatus(
            state=state,
            pending=counts.undelivered,
            parked=counts.parked,
            oldest_pending_at=counts.oldest_created_at,
            last_success_at=memory.last_success_at,
            last_error=memory.last_error,
        )

    def retry(self, seq: int) -> bool:
        """Put a parked entry back in the queue, to be sent on the next pass."""
        return self._delivery.retry(seq)

    def discard(self, seq: int) -> list[int]:
        """Drop an undelivered entry for good (the user asked); returns removed run ids."""
        return self._delivery.discard(seq)

    def _remember(self, started_at: datetime, error: ApiError | None) -> None:
        previous = self._memory.load(self._project_id)
        now = self._clock()
        if error is None:
            memory = PassMemory(started_at, now, None, SyncState.ONLINE.value)
        else:
            log.warning("Sync pass for %s stopped: %s", self._project_id, error.message)
            state = _state_after(error)
            memory = PassMemory(now, previous.last_success_at, error.message, state.value)
        self._memory.record(self._project_id, memory)


def _state_after(error: ApiError) -> SyncState:
    if isinstance(error, AuthFailedError):
        return SyncState.SIGNED_OUT
    if isinstance(error, ForbiddenError):
        return SyncState.PAUSED
    if error.retryable:
        return SyncState.OFFLINE
    return SyncState.ONLINE  # the server answered; the problem was the request
