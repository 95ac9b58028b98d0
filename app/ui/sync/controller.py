"""The GUI-thread face of sync: owns the sync thread and relays its worker's events."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from app.sync import ChangeSet, PassReport, SyncStatus
from app.ui.sync.worker import (
    DEFAULT_DEBOUNCE_MS,
    DEFAULT_INTERVAL_SECONDS,
    SessionFactory,
    SyncWorker,
)

log = logging.getLogger(__name__)

_QUEUED = Qt.ConnectionType.QueuedConnection


class SyncController(QObject):
    """Runs a `SyncWorker` in one long-lived QThread; lives in the GUI thread.

    Requests go to the worker through this object's private signals (queued); the worker's
    signals come back to this object's slots (queued) and are re-emitted, so every slot
    connected here runs on the GUI thread. Call `shutdown()` before the application quits.

    Args:
        session_factory: makes the engine and its client; called in the sync thread.
        interval_seconds: time between passes; 0 turns periodic passes off.
        debounce_ms: quiet time after the last local change before a pass.
        parent: the owning QObject, if any.

    Signals:
        status_changed(SyncStatus): the sync status changed (also kept in `status`).
        data_changed(ChangeSet): a pass changed these runs or results (never empty).
        pass_started(): a pass began; it ends with `pass_finished` or `pass_failed`.
        pass_finished(PassReport): a pass ended; server trouble is in its status.
        pass_failed(str): a pass hit a bug (logged with its traceback); the message is for
            the tester. Sync carries on.
        entry_changed(int): the outbox entry with this seq was retried or discarded (or was
            no longer there to retry); a discard that removed runs (an unsent run's
            create) also sends `data_changed` with their ids.
        entry_failed(int, str): retrying or discarding that entry failed; the message is
            for the tester.
    """

    status_changed = Signal(object)
    data_changed = Signal(object)
    pass_started = Signal()
    pass_finished = Signal(object)
    pass_failed = Signal(str)
    entry_changed = Signal(int)
    entry_failed = Signal(int, str)

    _start_requested = Signal()
    _sync_requested = Signal()
    _local_change_noted = Signal()
    _interval_requested = Signal(float)
    _retry_requested = Signal(int)
    _discard_requested = Signal(int)
    _stop_requested = Signal()

    def __init__(
        self,
        session_factory: SessionFactory,
        *,
        interval_seconds: float = DEFAULT_INTERVAL_SECONDS,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._status: SyncStatus | None = None
        self._started = False
        self._stop_sent = False
        self._closed = False
        self._thread = QThread()
        self._thread.setObjectName("testdeck-sync")
        self._worker = SyncWorker(
            session_factory, interval_seconds=interval_seconds, debounce_ms=debounce_ms
        )
        self._worker.moveToThread(self._thread)
        self._connect_requests()
        self._connect_events()

    @property
    def status(self) -> SyncStatus | None:
        """The last status the engine reported; None before the first one."""
        return self._status

    @property
    def running(self) -> bool:
        """Whether the sync thread is running."""
        return self._thread.isRunning()

    def start(self) -> None:
        """Start the sync thread; the worker reports the status and runs a first pass.

        Raises:
            RuntimeError: the controller was shut down (make a new one).
        """
        if self._closed:
            raise RuntimeError("This sync controller was shut down; make a new one.")
        if self._started:
            return
        self._started = True
        self._thread.start()
        self._start_requested.emit()

    def sync_now(self) -> None:
        """Run a pass as soon as the sync thread is free."""
        if self._accepting():
            self._sync_requested.emit()

    def local_change(self) -> None:
        """Note a saved local change; a pass follows once changes pause (debounced)."""
        if self._accepting():
            self._local_change_noted.emit()

    def set_interval(self, seconds: float) -> None:
        """Change the time between passes; 0 turns periodic passes off."""
        if seconds < 0:
            raise ValueError("The sync interval cannot be negative.")
        if self._accepting():
            self._interval_requested.emit(float(seconds))

    def retry(self, seq: int) -> None:
        """Put the parked outbox entry `seq` back in the queue; a pass follows if it was."""
        if self._accepting():
            self._retry_requested.emit(seq)

    def discard(self, seq: int) -> None:
        """Drop the undelivered outbox entry `seq` for good (the tester asked)."""
        if self._accepting():
            self._discard_requested.emit(seq)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop sync and end the thread; safe to call more than once.

        Cancels the session first, so a pass waiting on the network or a rate limit ends at
        once; then the worker closes its session and quits its thread, which this waits for.

        Returns:
            Whether the thread has ended. If not (a pass stuck beyond cancelling), the thread
            is told to quit after that pass, and a later call can wait again.
        """
        self._closed = True
        if not self._started:
            return True
        if not self._stop_sent:
            self._stop_sent = True
            self._worker.cancel()
            self._stop_requested.emit()
        if self._thread.wait(timeout_ms):
            return True
        log.error("The sync thread did not stop within %d ms", timeout_ms)
        # Ends the loop after the current slot; the `finished` hook still closes the session.
        self._thread.quit()
        return False

    def _accepting(self) -> bool:
        return self._started and not self._closed

    def _connect_requests(self) -> None:
        worker = self._worker
        self._start_requested.connect(worker.start, _QUEUED)
        self._sync_requested.connect(worker.request_sync, _QUEUED)
        self._local_change_noted.connect(worker.notify_local_change, _QUEUED)
        self._interval_requested.connect(worker.set_interval, _QUEUED)
        self._retry_requested.connect(worker.retry_entry, _QUEUED)
        self._discard_requested.connect(worker.discard_entry, _QUEUED)
        self._stop_requested.connect(worker.stop, _QUEUED)
        # Emitted in the sync thread just before it ends: a direct call, still in that thread.
        self._thread.finished.connect(worker.release, Qt.ConnectionType.DirectConnection)

    def _connect_events(self) -> None:
        worker = self._worker
        worker.status_changed.connect(self._on_worker_status_changed, _QUEUED)
        worker.data_changed.connect(self._on_worker_data_changed, _QUEUED)
        worker.pass_started.connect(self._on_worker_pass_started, _QUEUED)
        worker.pass_finished.connect(self._on_worker_pass_finished, _QUEUED)
        worker.pass_failed.connect(self._on_worker_pass_failed, _QUEUED)
        worker.entry_changed.connect(self._on_worker_entry_changed, _QUEUED)
        worker.entry_failed.connect(self._on_worker_entry_failed, _QUEUED)

    @Slot(object)
    def _on_worker_status_changed(self, status: SyncStatus) -> None:
        self._status = status
        self.status_changed.emit(status)

    @Slot(object)
    def _on_worker_data_changed(self, changes: ChangeSet) -> None:
        self.data_changed.emit(changes)

    @Slot()
    def _on_worker_pass_started(self) -> None:
        self.pass_started.emit()

    @Slot(object)
    def _on_worker_pass_finished(self, report: PassReport) -> None:
        self.pass_finished.emit(report)

    @Slot(str)
    def _on_worker_pass_failed(self, message: str) -> None:
        self.pass_failed.emit(message)

    @Slot(int)
    def _on_worker_entry_changed(self, seq: int) -> None:
        self.entry_changed.emit(seq)

    @Slot(int, str)
    def _on_worker_entry_failed(self, seq: int, message: str) -> None:
        self.entry_failed.emit(seq, message)
