"""Main windows on a real local cache; sync only where a test brings a sandbox."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.config import AppPaths, Settings
from app.ui.main_window import MainWindow
from app.ui.sync import SessionFactory, SyncController
from app.ui.workspace import Workspace
from tests.builders import SeededProject, new_database, seed_project, seed_server_run
from tests.sandbox_server import make_sandbox, sandbox

__all__ = ["make_sandbox", "sandbox"]

OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def paths(testdeck_home: Path) -> AppPaths:
    return AppPaths.under(testdeck_home).ensure()


@pytest.fixture
def database(paths: AppPaths) -> Iterator[Engine]:
    engine = new_database(paths.data_dir)
    yield engine
    engine.dispose()


@pytest.fixture
def project(database: Engine) -> SeededProject:
    return seed_project(database, cases=12)


@pytest.fixture
def run_id(database: Engine, project: SeededProject) -> int:
    return seed_server_run(database, project, name="Checkout regression", server_id="run_1")


@pytest.fixture
def saved_settings() -> list[Settings]:
    return []


@pytest.fixture
def workspace(
    paths: AppPaths, database: Engine, project: SeededProject, saved_settings: list[Settings]
) -> Workspace:
    return Workspace(
        paths=paths,
        database=database,
        project_id=project.project_id,
        settings=Settings(project_id=project.project_id, stopwatch_autostart=False),
        save_settings=saved_settings.append,
        session_factory=None,
    )


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[OpenWindow]:
    """Opens main windows (with a sync controller when given a session factory)."""
    controllers: list[SyncController] = []

    def open_(
        workspace: Workspace,
        factory: SessionFactory | None = None,
        **options: object,
    ) -> MainWindow:
        sync = None
        if factory is not None:
            sync = SyncController(factory, interval_seconds=0, debounce_ms=50)
            controllers.append(sync)
        window = MainWindow(workspace, sync, **options)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    yield open_
    for controller in controllers:
        assert controller.shutdown(), "the sync thread outlived the test"
