"""Shutdown ends the sync thread promptly, every time, and leaves nothing running."""

from __future__ import annotations

import time

import pytest
from pytestqt.qtbot import QtBot

from app.ui.sync import SyncController
from tests.gui.sync.conftest import MakeController
from tests.gui.sync.fakes import FakeEngine, FakeSession, FakeSessionFactory

PROMPT_SECONDS = 2.0  # far below the fake's 30 s block: only cancel() can explain it


def test_shutdown_ends_the_thread_and_closes_the_session(
    started: SyncController, session: FakeSession
) -> None:
    assert started.shutdown() is True
    assert not started.running
    assert session.cancelled.is_set()
    assert session.closed_on is not None


def test_shutdown_twice_is_fine(started: SyncController) -> None:
    assert started.shutdown() is True
    assert started.shutdown() is True
    assert not started.running


def test_shutdown_before_start_is_fine_and_final(controller: SyncController) -> None:
    assert controller.shutdown() is True
    with pytest.raises(RuntimeError, match="shut down"):
        controller.start()
    assert not controller.running


def test_requests_after_shutdown_are_ignored(qtbot: QtBot, started: SyncController) -> None:
    assert started.shutdown()
    with qtbot.assertNotEmitted(started.pass_started, wait=100):
        started.sync_now()
        started.local_change()
        started.retry(1)
        started.discard(1)
        started.set_interval(0.01)


def test_shutdown_during_a_long_pass_cancels_it_and_returns_promptly(
    qtbot: QtBot, started: SyncController, engine: FakeEngine, session: FakeSession
) -> None:
    engine.block = True
    with qtbot.waitSignal(started.pass_started):
        started.sync_now()
    assert engine.pass_entered.wait(5)

    began = time.monotonic()
    with qtbot.assertNotEmitted(started.pass_finished, wait=100):
        assert started.shutdown() is True
    assert time.monotonic() - began < PROMPT_SECONDS
    assert session.cancelled.is_set()
    assert not started.running


def test_a_pass_that_ignores_cancel_makes_shutdown_say_so_then_end(
    qtbot: QtBot, make_controller: MakeController, engine: FakeEngine
) -> None:
    session = FakeSession(engine, cancellable=False)
    controller = make_controller(FakeSessionFactory(session))
    engine.block = True
    with qtbot.waitSignal(controller.pass_started):
        controller.start()
    assert engine.pass_entered.wait(5)

    assert controller.shutdown(timeout_ms=100) is False
    assert controller.running

    engine.release.set()
    assert controller.shutdown() is True
    assert session.closed_on is not None
