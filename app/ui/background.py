"""The one way Testdeck runs a slow call off the GUI thread: with a success and a failure path.

Like Anki's `QueryOp` and Picard's `run_task`, a `BackgroundCall` runs one callable in a
worker thread and reports how it ended, on the GUI thread, as one of two signals. A call
that only reported success would hide its failures, so both paths are always wired.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


class _Worker(QThread):
    """Runs `work` once and keeps what came of it for the GUI thread to collect."""

    def __init__(self, work: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self._work = work
        self.value: object = None
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            self.value = self._work()
        except Exception as error:  # every failure is an outcome, delivered as `failed`
            self.error = error


class BackgroundCall(QObject):
    """Runs one callable in a worker thread; says on the GUI thread how it ended.

    Make it on the GUI thread, connect its signals, then `start()` it. A call runs once.
    While it runs it keeps itself alive, so dropping the last reference to it can never
    destroy a running thread (Qt would abort the process); it takes no parent for the same
    reason. Before the application exits, `wait()` for it (or `wait_for_all()`).

    Args:
        work: what to run in the worker thread. It must not touch widgets.
        cancel: asks `work` to stop early (called by `cancel()`, on the GUI thread); `work`
            then ends as it sees fit, usually by raising, and that outcome is delivered.
        name: the worker thread's name, for debuggers and logs.

    Signals:
        succeeded(object): `work` returned this value.
        failed(object): `work` raised this exception (the exception object itself).
        finished(): after `succeeded` or `failed`; the worker thread has ended.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    _running: ClassVar[set[BackgroundCall]] = set()  # keeps running calls alive

    def __init__(
        self,
        work: Callable[[], object],
        *,
        cancel: Callable[[], None] | None = None,
        name: str = "testdeck-background",
    ) -> None:
        super().__init__()
        self._cancel_hook = cancel
        self._cancel_requested = False
        self._started = False
        self._worker = _Worker(work, self)
        self._worker.setObjectName(name)
        self._worker.finished.connect(self._on_worker_finished)

    @property
    def running(self) -> bool:
        """Whether the worker thread is running."""
        return self._worker.isRunning()

    @property
    def cancel_requested(self) -> bool:
        """Whether `cancel()` was called."""
        return self._cancel_requested

    def start(self) -> None:
        """Start the worker thread.

        Raises:
            RuntimeError: the call was started before.
        """
        if self._started:
            raise RuntimeError("A BackgroundCall runs once; make a new one.")
        self._started = True
        BackgroundCall._running.add(self)
        self._worker.start()

    def cancel(self) -> None:
        """Ask the work to stop (once); how it ended is still reported."""
        if self._cancel_requested:
            return
        self._cancel_requested = True
        if self._cancel_hook is not None and self._started:
            self._cancel_hook()

    def wait(self, timeout_ms: int) -> bool:
        """Block until the worker thread has ended, at most `timeout_ms`; whether it has.

        The outcome signals follow once the GUI thread's event loop runs again.
        """
        return self._worker.wait(timeout_ms)

    @classmethod
    def wait_for_all(cls, timeout_ms: int) -> bool:
        """Cancel every running call and wait for their threads; whether all have ended.

        For the application's shutdown, after its event loop has returned; `timeout_ms`
        bounds the whole wait.
        """
        calls = list(cls._running)
        for call in calls:
            call.cancel()
        deadline = time.monotonic() + timeout_ms / 1000
        ended = [call.wait(max(0, round((deadline - time.monotonic()) * 1000))) for call in calls]
        return all(ended)

    @Slot()
    def _on_worker_finished(self) -> None:
        # `finished` comes just before the thread ends: let it end, so that whoever drops
        # this call in a slot of `finished` does not destroy a thread that still runs.
        self._worker.wait()
        BackgroundCall._running.discard(self)
        error = self._worker.error
        if error is None:
            self.succeeded.emit(self._worker.value)
        else:
            log.debug("%s ended with %s", self._worker.objectName(), type(error).__name__)
            self.failed.emit(error)
        self.finished.emit()
