"""Fixtures for the sync adapter: fake sessions, controllers that are always shut down."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.ui.sync import SessionFactory, SyncController
from tests.gui.sync.fakes import FakeEngine, FakeSession, FakeSessionFactory
from tests.sandbox_server import make_sandbox, sandbox

__all__ = ["make_sandbox", "sandbox"]

MakeController = Callable[..., SyncController]

LONG_INTERVAL = 3600.0  # no periodic pass during a test unless it asks for one
SHORT_DEBOUNCE_MS = 50


@pytest.fixture
def make_controller(qtbot: QtBot) -> Iterator[MakeController]:
    """A factory of controllers; each is shut down after the test and its thread checked."""
    controllers: list[SyncController] = []

    def make(
        factory: SessionFactory,
        *,
        interval_seconds: float = LONG_INTERVAL,
        debounce_ms: int = SHORT_DEBOUNCE_MS,
    ) -> SyncController:
        controller = SyncController(
            factory, interval_seconds=interval_seconds, debounce_ms=debounce_ms
        )
        controllers.append(controller)
        return controller

    yield make
    for controller in controllers:
        assert controller.shutdown(timeout_ms=5000), "the sync thread outlived shutdown()"
        assert not controller.running


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def session(engine: FakeEngine) -> FakeSession:
    return FakeSession(engine)


@pytest.fixture
def factory(session: FakeSession) -> FakeSessionFactory:
    return FakeSessionFactory(session)


@pytest.fixture
def controller(make_controller: MakeController, factory: FakeSessionFactory) -> SyncController:
    """A controller over the fake session, not started."""
    return make_controller(factory)


@pytest.fixture
def started(qtbot: QtBot, controller: SyncController) -> SyncController:
    """The controller, started, after its first pass has finished."""
    with qtbot.waitSignal(controller.pass_finished):
        controller.start()
    return controller
