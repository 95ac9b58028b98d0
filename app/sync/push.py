"""Delivering the outbox, run by run, under DESIGN.md's push rules.

Per run, entries go in `seq` order: the create first (nothing else about a run can go
before it has a server id), then its updates and its results (several unsent results for
the same result collapse to the newest, sent in bulk batches of up to 100, or one PUT each
where bulk is not offered), and the close only once every earlier entry of the run is gone.
A parked entry never blocks unrelated entries; a failure that says the server cannot be
reached ends the whole push (`PassInterruptedError`), leaving the rest for the next pass.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial

from app.api import (
    ApiError,
    AuthFailedError,
    CancelledError,
    ConflictError,
    ForbiddenError,
    RateLimitedError,
    RejectedError,
    Run,
    TestablyClient,
    TransientError,
    UnsupportedEndpointError,
)
from app.domain import ResultStatus
from app.store.delivery import Delivery, Outcome, PushEntry, ResultTarget, RunTarget
from app.store.outbox import OutboxKind, OutboxState
from app.store.reconcile import CLOSED_ON_SERVER
from app.sync.backoff import Backoff
from app.sync.status import ChangeSet, PushReport

log = logging.getLogger(__name__)

BULK_LIMIT = 100
ADOPTION_SKEW = timedelta(minutes=10)
_STOPPING = (TransientError, RateLimitedError, AuthFailedError, ForbiddenError, CancelledError)


class PassInterruptedError(Exception):
    """The server cannot take anything now (offline, signed out); the pass ends here."""

    def __init__(self, error: ApiError, report: PushReport) -> None:
        super().__init__(error.message)
        self.error = error
        self.report = report


@dataclass
class _Tally:
    delivered: int = 0
    parked: int = 0
    rescheduled: int = 0
    run_ids: set[int] = field(default_factory=set)
    result_ids: set[int] = field(default_factory=set)

    def report(self) -> PushReport:
        changes = ChangeSet(frozenset(self.run_ids), frozenset(self.result_ids))
        return PushReport(changes, self.delivered, self.parked, self.rescheduled)


class Pusher:
    """Sends a project's outbox to the server.

    Args:
        delivery: the store's outbox operations.
        client: the Testably client.
        project_id: the project whose runs are delivered.
        clock: where "now" comes from.
        backoff: when failed entries are tried again.
    """

    def __init__(
        self,
        delivery: Delivery,
        client: TestablyClient,
        project_id: str,
        clock: Callable[[], datetime],
        backoff: Backoff,
    ) -> None:
        self._delivery = delivery
        self._client = client
        self._project_id = project_id
        self._clock = clock
        self._backoff = backoff
        self._bulk_supported = True
        self._tally = _Tally()
        self._acknowledged: list[int] = []

    def push(self) -> PushReport:
        """Deliver what can be delivered now.

        The entries of acknowledged result batches are forgotten together when the pass ends,
        however it ends (or earlier, before anything that reads what is left of a run), not
        between two requests. A result write replaces the server's values, so a batch sent
        again after a crash changes nothing; creates, updates and closes are still forgotten
        the moment they are acknowledged.

        Raises:
            PassInterruptedError: the server is unreachable, rate limits us, or refuses the token.
        """
        self._tally = _Tally()
        try:
            for run, entries in self._delivery.queue(self._project_id, self._clock()):
                self._push_run(run, entries)
        finally:
            self._forget_acknowledged()
        return self._tally.report()

    def _forget_acknowledged(self) -> None:
        """Delete the entries of the result writes the server has acknowledged so far."""
        if self._acknowledged:
            seqs, self._acknowledged = self._acknowledged, []
            self._delivery.delivered(seqs)

    # One run -------------------------------------------------------------------------

    def _push_run(self, run: RunTarget, entries: list[PushEntry]) -> None:
        """Deliver what is due of one run's entries (as read at the start of the pass)."""
        if run.server_id is None:
            run = self._push_create(run, entries)
            if run.server_id is None:
                return
            entries = self._delivery.entries_of_run(run.id, self._clock())
        sendable = self._sendable(entries)
        for entry in (e for e in sendable if e.kind is OutboxKind.UPDATE_RUN):
            self._attempt(entry, partial(self._update, run, entry))
        results = [entry for entry in sendable if entry.kind is OutboxKind.SET_RESULT]
        if results:
            self._push_results(run, results, entries)
        close = next((e for e in sendable if e.kind is OutboxKind.CLOSE_RUN), None)
        if close is not None and self._nothing_before(run, close):
            self._attempt(close, partial(self._close, run, close))

    def _sendable(self, entries: Sequence[PushEntry]) -> list[PushEntry]:
        """Unparked entries that are due, up to the first one that is not due yet."""
        sendable = []
        for entry in entries:
            if entry.state.is_parked:
                continue
            if not entry.due:
                break
            sendable.append(entry)
        return sendable

    def _nothing_before(self, run: RunTarget, close: PushEntry) -> bool:
        self._forget_acknowledged()
        return all(seq >= close.seq for seq in self._delivery.seqs_of_run(run.id))

    # Create --------------------------------------------------------------------------

    def _push_create(self, run: RunTarget, entries: Sequence[PushEntry]) -> RunTarget:
        create = entries[0] if entries else None
        if create is None or create.kind is not OutboxKind.CREATE_RUN:
            return run  # its create was delivered, or discarded with the run: nothing to do
        if not self._sendable([create]):
            return run
        self._attempt(create, partial(self._create, run, create))
        return self._delivery.run(run.id)

    def _create(self, run: RunTarget, entry: PushEntry) -> None:
        payload = entry.data()
        if entry.state is OutboxState.IN_FLIGHT:
            adopted = self._find_own_run(entry, payload)
            if adopted is not None:
                log.info("Adopted run %s for the ambiguous create of %s", adopted, run.name)
                self._finish_create(run, entry, adopted)
                return
        self._delivery.mark_in_flight([entry.seq])
        created = self._client.create_run(
            self._project_id,
            payload["name"],
            payload["test_case_ids"],
            payload.get("milestone_id"),
            idempotency_key=entry.idempotency_key,
        )
        self._finish_create(run, entry, created.id)

    def _finish_create(self, run: RunTarget, entry: PushEntry, server_id: str) -> None:
        self._delivery.created(entry.seq, run.id, server_id)
        self._count_delivered([entry], run)
        self._learn_result_ids(run.id, server_id)

    def _find_own_run(self, entry: PushEntry, payload: dict[str, object]) -> str | None:
        """After an ambiguous create: the server's run that this create made, if any."""
        saved_at = self._delivery.created_at(entry.seq)
        if saved_at is None:
            return None
        known = self._delivery.known_server_run_ids(self._project_id)
        case_ids = set(payload["test_case_ids"])  # type: ignore[call-overload]
        since = saved_at - ADOPTION_SKEW
        for candidate in sorted(self._client.iter_runs(self._project_id), key=_created):
            if candidate.id in known or candidate.name != payload["name"]:
                continue
            if candidate.total != len(case_ids) or _created(candidate) < since:
                continue
            detail = self._client.run(self._project_id, candidate.id)
            if {result.test_case_id for result in detail.results} == case_ids:
                return candidate.id
        return None

    def _learn_result_ids(self, run_id: int, server_run_id: str) -> None:
        detail = self._client.run(self._project_id, server_run_id)
        ids = {result.test_case_id: result.id for result in detail.results}
        self._delivery.learn_result_ids(run_id, ids)

    # Update and close ----------------------------------------------------------------

    def _update(self, run: RunTarget, entry: PushEntry) -> None:
        assert run.server_id is not None
        self._client.update_run(self._project_id, run.server_id, **entry.data())
        self._delivery.delivered([entry.seq])
        self._count_delivered([entry], run)

    def _close(self, run: RunTarget, entry: PushEntry) -> None:
        assert run.server_id is not None
        self._delivery.mark_in_flight([entry.seq])
        try:
            closed = self._client.close_run(
                self._project_id, run.server_id, idempotency_key=entry.idempotency_key
            )
        except ConflictError as conflict:
            if conflict.code != "run_closed":
                raise
            outcome = Outcome("closed", None, None, None)  # closed already: the goal is met
        else:
            outcome = Outcome(closed.status, closed.pass_rate, closed.closed_at, closed.updated_at)
        self._delivery.closed(entry.seq, run.id, outcome)
        self._count_delivered([entry], run)

    # Results -------------------------------------------------------------------------

    def _push_results(
        self, run: RunTarget, sendable: list[PushEntry], every: Sequence[PushEntry]
    ) -> None:
        """Send the newest value of each result, if that newest value is due.

        Newest-wins is judged over all of the run's entries: an older value is never sent
        while a newer one waits out a backoff or waits for the user (parked).
        """
        newest, superseded = _collapse([e for e in every if e.kind is OutboxKind.SET_RESULT])
        due = {entry.seq for entry in sendable}
        newest = [entry for entry in newest if entry.seq in due]
        for start in range(0, len(newest), BULK_LIMIT):
            self._send_batch(run, newest[start : start + BULK_LIMIT], superseded)

    def _result_targets(self, run: RunTarget, entries: list[PushEntry]) -> dict[int, ResultTarget]:
        ids = [entry.result_id for entry in entries if entry.result_id is not None]
        targets = self._delivery.results(ids)
        if any(target.server_id is None for target in targets.values()):
            assert run.server_id is not None
            self._attempt_quietly(partial(self._learn_result_ids, run.id, run.server_id))
            targets = self._delivery.results(ids)
        return targets

    def _send_batch(
        self,
        run: RunTarget,
        batch: list[PushEntry],
        superseded: dict[int, list[PushEntry]],
    ) -> None:
        """Bulk addresses results by test case; only one-by-one PUTs need result ids."""
        while batch:
            try:
                if self._bulk_supported:
                    self._send_bulk(run, batch)
                else:
                    self._send_each(run, batch, superseded)
                    return
            except UnsupportedEndpointError:
                log.info("Bulk results are not offered here; sending one result at a time")
                self._bulk_supported = False
                continue
            except RejectedError as rejected:
                batch = self._set_aside_rejected(batch, rejected)
                continue
            except ConflictError as conflict:
                self._conflicted(run, conflict)
                return
            except _STOPPING as error:
                self._stop(batch[0], error)
            self._results_delivered(run, batch, superseded)
            return

    def _send_bulk(self, run: RunTarget, batch: list[PushEntry]) -> None:
        """A `set_result` payload is a bulk item already: sent as saved, not re-encoded."""
        assert run.server_id is not None
        items = [entry.payload for entry in batch]
        key = _batch_key(batch)
        self._client.bulk_set_encoded_results(run.server_id, items, idempotency_key=key)

    def _send_each(
        self,
        run: RunTarget,
        batch: list[PushEntry],
        superseded: dict[int, list[PushEntry]],
    ) -> None:
        targets = self._result_targets(run, batch)
        for entry in self._park_unaddressable(batch, targets):
            target = targets[entry.result_id or 0]
            self._attempt(entry, partial(self._put, run, entry, target))
            self._results_delivered(run, [entry], superseded, only_if_gone=True)

    def _put(self, run: RunTarget, entry: PushEntry, target: ResultTarget) -> None:
        assert run.server_id is not None
        assert target.server_id is not None
        data = entry.data()
        status = ResultStatus.parse(data["status"])
        self._client.set_result(
            run.server_id, target.server_id, status, data["note"], data["elapsed"]
        )
        self._delivery.delivered([entry.seq])

    def _results_delivered(
        self,
        run: RunTarget,
        batch: list[PushEntry],
        superseded: dict[int, list[PushEntry]],
        *,
        only_if_gone: bool = False,
    ) -> None:
        if only_if_gone:
            still_there = set(self._delivery.seqs_of_run(run.id))
            batch = [entry for entry in batch if entry.seq not in still_there]
        older = [old for entry in batch for old in superseded.get(entry.result_id or 0, [])]
        self._acknowledged.extend(entry.seq for entry in batch + older)
        self._count_delivered(batch + older, run)

    def _park_unaddressable(
        self, batch: list[PushEntry], targets: dict[int, ResultTarget]
    ) -> list[PushEntry]:
        missing = [entry for entry in batch if not _server_id_of(entry, targets)]
        if missing:
            reason = "The server's run has no result for this test case."
            self._park(missing, OutboxState.REJECTED, reason)
        return [entry for entry in batch if entry not in missing]

    def _set_aside_rejected(
        self, batch: list[PushEntry], rejected: RejectedError
    ) -> list[PushEntry]:
        reasons = {item.subject: item.error for item in rejected.details}
        named = [entry for entry in batch if entry.data()["test_case_id"] in reasons]
        if not named:  # the server did not say which: find out one by one
            self._bulk_supported = False
            return batch
        for entry in named:
            reason = reasons[entry.data()["test_case_id"]]
            self._park([entry], OutboxState.REJECTED, f"{rejected.message} ({reason})")
        return [entry for entry in batch if entry not in named]

    def _conflicted(self, run: RunTarget, conflict: ConflictError) -> None:
        self._forget_acknowledged()  # delivered entries are not among the run's unsent ones
        reason = conflict.message
        if conflict.code == "run_closed":
            reason = CLOSED_ON_SERVER
        parked = self._delivery.park_unsent_of_run(run.id, OutboxState.CONFLICT, reason)
        self._tally.parked += len(parked.seqs)
        self._tally.run_ids.add(run.id)
        self._tally.result_ids |= parked.result_ids  # their rows now need attention

    # Outcomes ------------------------------------------------------------------------

    def _attempt(self, entry: PushEntry, send: Callable[[], None]) -> None:
        """Send one entry, recording any failure on it; stop the pass when the server is out."""
        try:
            send()
        except _STOPPING as error:
            self._stop(entry, error)
        except UnsupportedEndpointError as error:
            self._park([entry], OutboxState.WAITING_SUPPORT, error.message)
        except RejectedError as error:
            self._park([entry], OutboxState.REJECTED, error.message)
        except ConflictError as error:
            self._conflicted(self._delivery.run(entry.run_id), error)

    def _attempt_quietly(self, send: Callable[[], None]) -> None:
        try:
            send()
        except _STOPPING as error:
            raise PassInterruptedError(error, self._tally.report()) from error

    def _stop(self, entry: PushEntry, error: ApiError) -> None:
        if isinstance(error, TransientError | RateLimitedError):
            wait = error.retry_after if isinstance(error, RateLimitedError) else 0.0
            ambiguous = entry.kind is OutboxKind.CREATE_RUN and (
                not isinstance(error, TransientError) or error.may_have_reached_server
            )
            next_at = self._backoff.next_attempt(self._clock(), entry.attempts + 1, wait)
            self._delivery.reschedule(entry.seq, error.message, next_at, keep_in_flight=ambiguous)
            self._tally.rescheduled += 1
        else:
            self._delivery.release([entry.seq])
        raise PassInterruptedError(error, self._tally.report())

    def _park(self, entries: list[PushEntry], state: OutboxState, reason: str) -> None:
        self._delivery.park([entry.seq for entry in entries], state, reason)
        self._tally.parked += len(entries)
        for entry in entries:
            self._tally.run_ids.add(entry.run_id)
            if entry.result_id is not None:
                self._tally.result_ids.add(entry.result_id)

    def _count_delivered(self, entries: Sequence[PushEntry], run: RunTarget) -> None:
        self._tally.delivered += len(entries)
        self._tally.run_ids.add(run.id)
        self._tally.result_ids.update(e.result_id for e in entries if e.result_id is not None)


def _collapse(
    entries: list[PushEntry],
) -> tuple[list[PushEntry], dict[int, list[PushEntry]]]:
    """The newest entry per result, and for each result the older entries it replaces."""
    newest: dict[int, PushEntry] = {}
    superseded: dict[int, list[PushEntry]] = {}
    for entry in entries:
        key = entry.result_id or 0
        if key in newest:
            superseded.setdefault(key, []).append(newest[key])
        newest[key] = entry
    return sorted(newest.values(), key=lambda entry: entry.seq), superseded


def _batch_key(batch: list[PushEntry]) -> str:
    """The same batch always gets the same key, so a retried batch is replayed, not redone."""
    joined = ",".join(entry.idempotency_key for entry in batch)
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"testdeck:bulk:{joined}"))


def _created(run: Run) -> datetime:
    return run.created_at or datetime.min.replace(tzinfo=UTC)


def _server_id_of(entry: PushEntry, targets: dict[int, ResultTarget]) -> str | None:
    target = targets.get(entry.result_id or 0)
    return target.server_id if target else None
