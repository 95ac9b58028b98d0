"""The sync worker: drives the Qt-free sync engine from the long-lived sync thread.

Everything here runs in the sync thread except `SyncWorker.cancel()`, which the GUI thread
calls to interrupt a pass that is waiting on the network.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.sync import ChangeSet, PassReport, SyncStatus

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_INTERVAL_SECONDS = 60.0
DEFAULT_DEBOUNCE_MS = 750


class EngineLike(Protocol):
    """What the worker needs of `app.sync.engine.SyncEngine`."""

    def run_pass(self, *, retry_now: bool = False) -> PassReport:
        """`retry_now`: the user asked; changes waiting out a retry delay go now too."""
        ...

    def status(self) -> SyncStatus: ...

    def retry(self, seq: int) -> bool:
        """False when there is no such parked entry."""
        ...

    def discard(self, seq: int) -> Collection[int]:
        """The local ids of the runs the discard removed (an unsent run's create)."""
        ...


class SyncSession(Protocol):
    """An engine and the connection it talks through, made and used in the sync thread.

    `cancel()` is called from the GUI thread, so it must be thread-safe and end network
    waits at once (`TestablyClient.cancel()` is). `close()` runs in the sync thread.
    """

    @property
    def engine(self) -> EngineLike: ...

    def cancel(self) -> None: ...

    def close(self) -> None: ...


SessionFactory = Callable[[], SyncSession]
"""Called once, in the sync thread, when the worker first needs the engine."""


class Connection(Protocol):
    """What a `ClientSession` needs of its client (`TestablyClient` fits)."""

    def cancel(self) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class ClientSession:
    """The usual session: a sync engine and the client it was given, which this closes."""

    engine: EngineLike
    client: Connection

    def cancel(self) -> None:
        self.client.cancel()

    def close(self) -> None:
        self.client.close()


class SyncWorker(QObject):
    """Runs sync passes in the sync thread when asked, after local changes and on a timer.

    Passes run one at a time; triggers that arrive during a pass coalesce into one more.
    Every pass starts with `pass_started` and ends with `pass_finished` or `pass_failed`,
    except a pass cut short by `cancel()`, which reports nothing (the app is quitting).

    Args:
        session_factory: makes the engine and its client; called in the sync thread.
        interval_seconds: time from the end of one pass to the next; 0 turns periodic
            passes off. The timer keeps running offline: backoff is the engine's business.
        debounce_ms: quiet time after the last local change before a pass.

    Signals:
        status_changed(SyncStatus): the engine's status differs from the last one sent.
        data_changed(ChangeSet): a pass changed these runs or results (never empty).
        pass_started(): a pass began.
        pass_finished(PassReport): a pass ended; server trouble is in its status.
        pass_failed(str): a pass raised (a bug, logged with its traceback); the message is
            for the tester. The worker keeps working.
        entry_changed(int): the outbox entry with this seq was retried or discarded (or was
            no longer there to retry); a discard that removed runs also sends
            `data_changed` with their ids.
        entry_failed(int, str): retrying or discarding that entry raised; the message is
            for the tester.
    """

    status_changed = Signal(object)
    data_changed = Signal(object)
    pass_started = Signal()
    pass_finished = Signal(object)
    pass_failed = Signal(str)
    entry_changed = Signal(int)
    entry_failed = Signal(int, str)

    def __init__(
        self,
        session_factory: SessionFactory,
        *,
        interval_seconds: float = DEFAULT_INTERVAL_SECONDS,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
    ) -> None:
        super().__init__()
        self._factory = session_factory
        self._interval_ms = _interval_ms(interval_seconds)
        self._debounce_ms = debounce_ms
        self._session: SyncSession | None = None
        self._session_lock = threading.Lock()  # `cancel()` reads the session from the GUI
        self._cancelled = threading.Event()
        self._timers: _Timers | None = None  # made in the sync thread by `start()`
        self._last_status: SyncStatus | None = None
        self._stopped = False
        self._retry_now = False  # the next pass was asked for by the user

    # Called from the GUI thread ------------------------------------------------------

    def cancel(self) -> None:
        """End the session's network waits now; for shutdown only, it cannot be undone.

        Thread-safe and not a slot: the GUI thread calls it directly, because a queued call
        would wait behind the very pass it is meant to interrupt.
        """
        self._cancelled.set()
        with self._session_lock:
            session = self._session
        if session is not None:
            session.cancel()

    # Slots, run in the sync thread ---------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Make the session, report the status, run a first pass."""
        if self._stopped or self._timers is not None:
            return
        self._timers = _Timers(self._on_timer_timeout, self._debounce_ms)
        self._run_pass(announce_status=True)

    @Slot()
    def request_sync(self) -> None:
        """Run a pass as soon as the thread is free ("Sync now"), retry delays or not."""
        if self._timers is not None:
            self._retry_now = True
            self._timers.soon.start()

    @Slot()
    def notify_local_change(self) -> None:
        """Run a pass once local changes have stopped for the debounce time."""
        if self._timers is not None:
            self._timers.debounce.start()

    @Slot(float)
    def set_interval(self, seconds: float) -> None:
        """Change the time between passes, counted from now; 0 turns periodic passes off."""
        self._interval_ms = _interval_ms(seconds)
        if self._timers is not None:
            self._arm_interval()

    @Slot(int)
    def retry_entry(self, seq: int) -> None:
        """Put a parked entry back in the queue and run a pass soon."""
        if self._entry_action(seq, "retry", lambda engine: engine.retry(seq)):
            self.request_sync()

    @Slot(int)
    def discard_entry(self, seq: int) -> None:
        """Drop an undelivered entry for good (the tester asked)."""
        removed = self._entry_action(seq, "discard", lambda engine: engine.discard(seq))
        if removed:
            self.data_changed.emit(ChangeSet(run_ids=frozenset(removed)))

    @Slot()
    def stop(self) -> None:
        """Stop the timers, close the session and end the sync thread's event loop.

        The worker quits its own thread: a `quit()` from the GUI thread could end the loop
        before a queued `stop` is delivered, leaving the session open.
        """
        self.release()
        thread = self.thread()
        if thread is not None:
            thread.quit()

    @Slot()
    def release(self) -> None:
        """Stop the timers and close the session; later triggers do nothing. Idempotent.

        Also connected to the thread's `finished`, so resources go even if `stop` never ran.
        """
        self._stopped = True
        if self._timers is not None:
            self._timers.stop()
            self._timers = None  # the timers are deleted here, in the thread they live in
        with self._session_lock:
            session, self._session = self._session, None
        if session is not None:
            try:
                session.close()
            except Exception:
                log.exception("Closing the sync session failed")

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._run_pass()

    # Plumbing ------------------------------------------------------------------------

    def _run_pass(self, *, announce_status: bool = False) -> None:
        if self._stopped or self._timers is None or self._cancelled.is_set():
            return  # a timer may fire between `cancel()` and the queued `stop`
        # This pass covers every change saved so far: drop the triggers it satisfies.
        self._timers.soon.stop()
        self._timers.debounce.stop()
        self.pass_started.emit()
        try:
            engine = self._engine()
            if announce_status:
                self._publish_status(engine.status())
            retry_now, self._retry_now = self._retry_now, False
            report = engine.run_pass(retry_now=retry_now)
        except Exception as error:
            self._report_pass_failure(error)
        else:
            self._publish_report(report)
        self._arm_interval()

    def _entry_action(self, seq: int, verb: str, action: Callable[[EngineLike], T]) -> T | None:
        """The engine's answer to `action`, or None if it raised (reported as entry_failed)."""
        if self._stopped or self._timers is None:
            return None
        try:
            engine = self._engine()
            outcome = action(engine)
            status = engine.status()
        except Exception as error:
            log.exception("Could not %s outbox entry %d", verb, seq)
            if not self._cancelled.is_set():
                self.entry_failed.emit(seq, f"Could not {verb} this change: {_describe(error)}")
            return None
        self.entry_changed.emit(seq)
        self._publish_status(status)
        return outcome

    def _engine(self) -> EngineLike:
        with self._session_lock:
            session = self._session
        if session is None:
            session = self._factory()
            with self._session_lock:
                self._session = session
            if self._cancelled.is_set():  # cancelled while the session was being made
                session.cancel()
        return session.engine

    def _publish_report(self, report: PassReport) -> None:
        if self._cancelled.is_set():
            log.debug("Sync pass ended after cancel; not reported")
            return
        changes = report.changes
        if changes:
            self.data_changed.emit(changes)
        self._publish_status(report.status)
        self.pass_finished.emit(report)

    def _publish_status(self, status: SyncStatus) -> None:
        if status != self._last_status and not self._cancelled.is_set():
            self._last_status = status
            self.status_changed.emit(status)

    def _report_pass_failure(self, error: Exception) -> None:
        if self._cancelled.is_set():
            log.debug("Sync pass ended by cancel: %s", error)
            return
        log.exception("A sync pass failed")
        self.pass_failed.emit(
            f"Sync stopped on an internal error ({_describe(error)}). Your saved work is "
            "safe here; Testdeck will try again."
        )

    def _arm_interval(self) -> None:
        assert self._timers is not None
        if self._interval_ms > 0:
            self._timers.interval.start(self._interval_ms)
        else:
            self._timers.interval.stop()


class _Timers:
    """The worker's single-shot triggers; made, used and deleted in the sync thread."""

    def __init__(self, fire: Callable[[], None], debounce_ms: int) -> None:
        self.soon = _single_shot(0, fire)
        self.debounce = _single_shot(debounce_ms, fire)
        self.interval = _single_shot(0, fire)  # armed with the interval after each pass

    def stop(self) -> None:
        for timer in (self.soon, self.debounce, self.interval):
            timer.stop()


def _single_shot(interval_ms: int, fire: Callable[[], None]) -> QTimer:
    timer = QTimer()
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(fire)
    return timer


def _interval_ms(seconds: float) -> int:
    if seconds < 0:
        raise ValueError("The sync interval cannot be negative.")
    return round(seconds * 1000)


def _describe(error: Exception) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
