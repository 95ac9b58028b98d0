"""`BackgroundCall`: work off the GUI thread, outcomes on it, and no thread left behind."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtCore import QCoreApplication, QThread
from pytestqt.qtbot import QtBot

from app.ui.background import BackgroundCall


class RefusedError(Exception):
    """A failure of a kind of its own, to see that its type survives the trip."""


class Outcomes:
    """Records every signal of a call, with whether it arrived on the GUI thread."""

    def __init__(self, call: BackgroundCall) -> None:
        self.events: list[tuple[str, object]] = []
        self.on_gui_thread: list[bool] = []
        call.succeeded.connect(lambda value: self._note("succeeded", value))
        call.failed.connect(lambda error: self._note("failed", error))
        call.finished.connect(lambda: self._note("finished", None))

    def _note(self, name: str, payload: object) -> None:
        application = QCoreApplication.instance()
        assert application is not None
        self.on_gui_thread.append(QThread.currentThread() is application.thread())
        self.events.append((name, payload))


class Gate:
    """Work that waits until it is opened (by the test or by a cancel)."""

    def __init__(self) -> None:
        self.opened = threading.Event()
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True
        self.opened.set()

    def work(self) -> str:
        self.opened.wait(10)
        if self.cancelled:
            raise RefusedError("cancelled")
        return "through"


def test_a_value_arrives_as_succeeded_on_the_gui_thread(qtbot: QtBot) -> None:
    worked_in: list[threading.Thread] = []

    def work() -> int:
        worked_in.append(threading.current_thread())
        return 42

    call = BackgroundCall(work, name="test-success")
    outcomes = Outcomes(call)
    with qtbot.waitSignal(call.finished):
        call.start()

    assert outcomes.events == [("succeeded", 42), ("finished", None)]
    assert outcomes.on_gui_thread == [True, True]
    assert worked_in
    assert worked_in[0] is not threading.main_thread()
    assert not call.running


def test_an_exception_arrives_as_failed_with_its_type_and_identity(qtbot: QtBot) -> None:
    raised = RefusedError("no")

    def work() -> None:
        raise raised

    call = BackgroundCall(work)
    outcomes = Outcomes(call)
    with qtbot.waitSignal(call.finished):
        call.start()

    assert outcomes.events == [("failed", raised), ("finished", None)]
    assert isinstance(outcomes.events[0][1], RefusedError)
    assert outcomes.on_gui_thread == [True, True]


def test_cancel_asks_the_work_to_stop_and_its_outcome_is_still_reported(qtbot: QtBot) -> None:
    gate = Gate()
    call = BackgroundCall(gate.work, cancel=gate.cancel)
    outcomes = Outcomes(call)
    call.start()
    assert call.running

    with qtbot.waitSignal(call.finished):
        call.cancel()

    assert call.cancel_requested
    assert gate.cancelled
    assert [name for name, _ in outcomes.events] == ["failed", "finished"]
    assert str(outcomes.events[0][1]) == "cancelled"


def test_cancel_before_start_does_not_call_the_hook(qtbot: QtBot) -> None:
    gate = Gate()
    call = BackgroundCall(gate.work, cancel=gate.cancel)
    call.cancel()
    assert not gate.cancelled
    gate.opened.set()
    with qtbot.waitSignal(call.succeeded) as succeeded:
        call.start()
    assert succeeded.args == ["through"]


def test_a_call_runs_once(qtbot: QtBot) -> None:
    call = BackgroundCall(lambda: None)
    with qtbot.waitSignal(call.finished):
        call.start()
    with pytest.raises(RuntimeError, match="runs once"):
        call.start()


def test_wait_says_whether_the_thread_has_ended(qtbot: QtBot) -> None:
    gate = Gate()
    call = BackgroundCall(gate.work, cancel=gate.cancel)
    call.start()

    assert call.wait(50) is False
    assert call.running
    gate.opened.set()
    assert call.wait(5000) is True
    assert not call.running
    qtbot.waitUntil(lambda: not BackgroundCall._running)  # delivered once events run


def test_a_dropped_running_call_stays_alive_until_it_has_finished(qtbot: QtBot) -> None:
    gate = Gate()
    call = BackgroundCall(gate.work, cancel=gate.cancel)
    reference = weakref.ref(call)
    call.start()
    del call
    gc.collect()
    assert reference() is not None, "a running call must not be destroyed"

    gate.opened.set()
    qtbot.waitUntil(lambda: not BackgroundCall._running)
    gc.collect()
    assert reference() is None, "a finished call must not be kept"


def test_wait_for_all_cancels_every_running_call_and_waits(qtbot: QtBot) -> None:
    gates = [Gate(), Gate()]
    calls = [BackgroundCall(gate.work, cancel=gate.cancel) for gate in gates]
    for call in calls:
        call.start()

    assert BackgroundCall.wait_for_all(5000) is True

    assert all(gate.cancelled for gate in gates)
    assert not any(call.running for call in calls)
    qtbot.waitUntil(lambda: not BackgroundCall._running)
