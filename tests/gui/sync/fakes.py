"""A fake engine and session for the sync adapter's tests: the subject is the Qt plumbing."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable

from app.sync import ChangeSet, PassReport, PullReport, PushReport, SyncState, SyncStatus

BLOCK_LIMIT_SECONDS = 30.0  # a blocked pass gives up after this, so a broken test cannot hang


def make_report(
    state: SyncState = SyncState.ONLINE,
    *,
    pending: int = 0,
    run_ids: frozenset[int] = frozenset(),
    result_ids: frozenset[int] = frozenset(),
) -> PassReport:
    status = SyncStatus(state, pending=pending)
    return PassReport(
        push=PushReport(changes=ChangeSet(result_ids=result_ids)),
        pull=PullReport(changes=ChangeSet(run_ids=run_ids)),
        status=status,
    )


class FakeEngine:
    """Returns canned reports and records which thread called each method.

    `reports` are handed out in order (then `default_report` forever); an exception in it is
    raised instead. With `block` set, `run_pass` waits until `release` is set.
    """

    def __init__(self) -> None:
        self.reports: deque[PassReport | Exception] = deque()
        self.default_report = make_report()
        self.current_status = SyncStatus(SyncState.ONLINE)
        self.calls: list[tuple[str, int]] = []
        self.retried: list[int] = []
        self.retry_now_flags: list[bool] = []  # per pass: was it asked for ("Sync now")?
        self.discarded: list[int] = []
        self.entry_error: Exception | None = None
        self.retry_finds_entry = True
        self.discard_removes: list[int] = []  # local run ids, as when a create is discarded
        self.block = False
        self.pass_entered = threading.Event()
        self.release = threading.Event()

    @property
    def passes(self) -> int:
        return sum(1 for name, _ in self.calls if name == "run_pass")

    @property
    def thread_ids(self) -> set[int]:
        return {ident for _, ident in self.calls}

    def run_pass(self, *, retry_now: bool = False) -> PassReport:
        self._record("run_pass")
        self.retry_now_flags.append(retry_now)
        if self.block:
            self.pass_entered.set()
            self.release.wait(BLOCK_LIMIT_SECONDS)
        planned = self.reports.popleft() if self.reports else self.default_report
        if isinstance(planned, Exception):
            raise planned
        self.current_status = planned.status
        return planned

    def status(self) -> SyncStatus:
        self._record("status")
        return self.current_status

    def retry(self, seq: int) -> bool:
        self._record("retry")
        self._maybe_fail()
        self.retried.append(seq)
        return self.retry_finds_entry

    def discard(self, seq: int) -> list[int]:
        self._record("discard")
        self._maybe_fail()
        self.discarded.append(seq)
        return self.discard_removes

    def _maybe_fail(self) -> None:
        if self.entry_error is not None:
            raise self.entry_error

    def _record(self, name: str) -> None:
        self.calls.append((name, threading.get_ident()))


class FakeSession:
    """A session around a `FakeEngine`; `cancel()` releases a blocked pass if `cancellable`."""

    def __init__(self, engine: FakeEngine, *, cancellable: bool = True) -> None:
        self.engine = engine
        self.cancellable = cancellable
        self.cancelled = threading.Event()
        self.closed_on: int | None = None

    def cancel(self) -> None:
        self.cancelled.set()
        if self.cancellable:
            self.engine.release.set()

    def close(self) -> None:
        self.closed_on = threading.get_ident()


class FakeSessionFactory:
    """Hands out one session; records the threads it was called on; can fail first."""

    def __init__(self, session: FakeSession, *, failures: int = 0) -> None:
        self.session = session
        self.failures = failures
        self.called_on: list[int] = []

    def __call__(self) -> FakeSession:
        self.called_on.append(threading.get_ident())
        if self.failures:
            self.failures -= 1
            raise OSError("the keyring is locked")
        return self.session


CONTROLLER_SIGNALS = (
    "status_changed",
    "data_changed",
    "pass_started",
    "pass_finished",
    "pass_failed",
    "entry_changed",
    "entry_failed",
)


class SignalLog:
    """Every signal a controller emitted, in order, as `(name, args)`."""

    def __init__(self, controller: object) -> None:
        self.events: list[tuple[str, tuple[object, ...]]] = []
        for name in CONTROLLER_SIGNALS:
            getattr(controller, name).connect(self._recorder(name))

    def names(self) -> list[str]:
        return [name for name, _ in self.events]

    def args_of(self, name: str) -> list[tuple[object, ...]]:
        return [args for event, args in self.events if event == name]

    def _recorder(self, name: str) -> Callable[..., None]:
        def record(*args: object) -> None:
            self.events.append((name, args))

        return record
