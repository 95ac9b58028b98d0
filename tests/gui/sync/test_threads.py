"""Where things run: the engine in the sync thread, every controller signal on the GUI's."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.sync import SyncController
from tests.gui.sync.fakes import (
    CONTROLLER_SIGNALS,
    FakeEngine,
    FakeSession,
    FakeSessionFactory,
    make_report,
)

_DIRECT = Qt.ConnectionType.DirectConnection


def test_every_controller_signal_is_emitted_on_the_gui_thread(
    qtbot: QtBot, qapp: QApplication, controller: SyncController, engine: FakeEngine
) -> None:
    # Direct connections run the recorder in the emitting thread, whatever PySide6 would do
    # with an auto connection, so they show where each signal was really emitted.
    seen: dict[str, list[tuple[int, bool]]] = {name: [] for name in CONTROLLER_SIGNALS}
    for name in CONTROLLER_SIGNALS:
        getattr(controller, name).connect(_recorder(seen[name], qapp), _DIRECT)
    engine.reports.extend([make_report(pending=2, run_ids=frozenset({4})), RuntimeError("bug")])

    with qtbot.waitSignal(controller.pass_finished):
        controller.start()
    with qtbot.waitSignal(controller.pass_failed):
        controller.sync_now()
    with qtbot.waitSignals([controller.entry_changed, controller.pass_finished]):
        controller.retry(3)
    engine.entry_error = KeyError(8)
    with qtbot.waitSignal(controller.entry_failed):
        controller.discard(8)

    main = threading.get_ident()
    for name, calls in seen.items():
        assert calls, f"{name} was never emitted"
        assert calls == [(main, True)] * len(calls), f"{name} was emitted off the GUI thread"


def test_the_factory_the_engine_and_close_run_in_one_other_thread(
    qtbot: QtBot,
    controller: SyncController,
    engine: FakeEngine,
    session: FakeSession,
    factory: FakeSessionFactory,
) -> None:
    with qtbot.waitSignal(controller.pass_finished):
        controller.start()
    with qtbot.waitSignals([controller.entry_changed, controller.pass_finished]):
        controller.retry(1)
    with qtbot.waitSignal(controller.entry_changed):
        controller.discard(2)
    assert controller.shutdown()

    main = threading.get_ident()
    assert len(factory.called_on) == 1
    worker = factory.called_on[0]
    assert worker != main
    assert {name for name, _ in engine.calls} == {"status", "run_pass", "retry", "discard"}
    assert engine.thread_ids == {worker}
    assert session.closed_on == worker


def _recorder(calls: list[tuple[int, bool]], qapp: QApplication) -> Callable[..., None]:
    def record(*_args: object) -> None:
        calls.append((threading.get_ident(), QThread.currentThread() == qapp.thread()))

    return record
