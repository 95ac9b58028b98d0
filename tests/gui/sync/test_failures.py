"""Bugs in the engine are reported, logged with their traceback, and survived."""

from __future__ import annotations

import logging

import pytest
from pytestqt.qtbot import QtBot

from app.ui.sync import SyncController
from tests.gui.sync.conftest import MakeController
from tests.gui.sync.fakes import FakeEngine, FakeSession, FakeSessionFactory, SignalLog


def test_a_pass_that_raises_is_reported_and_the_worker_carries_on(
    qtbot: QtBot, controller: SyncController, engine: FakeEngine, caplog: pytest.LogCaptureFixture
) -> None:
    engine.reports.append(RuntimeError("cursor closed"))
    log = SignalLog(controller)

    with qtbot.waitSignal(controller.pass_failed) as blocker:
        controller.start()

    assert log.names() == ["pass_started", "status_changed", "pass_failed"]
    message = blocker.args[0]
    assert "RuntimeError: cursor closed" in message
    assert "saved work is safe" in message
    logged = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert logged, "the failure was not logged"
    assert logged[0].exc_info is not None, "the traceback was not logged"

    with qtbot.waitSignal(controller.pass_finished):
        controller.sync_now()
    assert engine.passes == 2


def test_a_session_that_cannot_be_made_is_tried_again(
    qtbot: QtBot, make_controller: MakeController, session: FakeSession, engine: FakeEngine
) -> None:
    factory = FakeSessionFactory(session, failures=1)
    controller = make_controller(factory)

    with qtbot.waitSignal(controller.pass_failed) as blocker:
        controller.start()
    assert "the keyring is locked" in blocker.args[0]

    with qtbot.waitSignal(controller.pass_finished):
        controller.sync_now()
    assert len(factory.called_on) == 2
    assert engine.passes == 1


def test_a_retry_that_raises_is_reported_for_that_entry(
    qtbot: QtBot, started: SyncController, engine: FakeEngine
) -> None:
    engine.entry_error = LookupError("no outbox entry 12")

    with (
        qtbot.assertNotEmitted(started.entry_changed),
        qtbot.waitSignal(started.entry_failed) as blocker,
    ):
        started.retry(12)

    seq, message = blocker.args
    assert seq == 12
    assert "Could not retry this change" in message
    assert "no outbox entry 12" in message
    with qtbot.waitSignal(started.pass_finished):
        started.sync_now()
