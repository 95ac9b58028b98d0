"""Main windows on a real local cache; sync only where a test brings a sandbox."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text

from app.config import AppPaths, Settings
from app.sandbox import DEMO_PROJECT_ID, SandboxServer
from app.ui.main_window import MainWindow
from app.ui.sync import SessionFactory, SyncController
from app.ui.workspace import Workspace
from tests.builders import SeededProject, new_database, seed_project, seed_server_run
from tests.gui.main_window.sandbox_helpers import (
    QUICK_DEBOUNCE_MS,
    OpenSynced,
    Synced,
    settled,
    waiting_for_pass,
)
from tests.sandbox_server import MakeSandbox, make_sandbox, sandbox

__all__ = ["make_sandbox", "sandbox"]

OpenWindow = Callable[..., MainWindow]


def park_one_change(workspace: Workspace, run_id: int) -> None:
    """A change the server refused, so the sync-issues panel shows its table and buttons."""
    result = workspace.queries.results(run_id)[1]
    workspace.commands.record_result(result.id, "failed", note="Refused")
    with workspace.database.begin() as connection:
        connection.execute(
            text("UPDATE outbox SET state = 'rejected', last_error = 'The note is too long.'")
        )


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


# Against a sandbox ------------------------------------------------------------------------


@pytest.fixture
def demo_workspace(paths: AppPaths, database: Engine) -> Workspace:
    """An empty cache for the sandbox's demo project; the stopwatch stays off."""
    return Workspace(
        paths=paths,
        database=database,
        project_id=DEMO_PROJECT_ID,
        settings=Settings(project_id=DEMO_PROJECT_ID, stopwatch_autostart=False),
        save_settings=lambda settings: None,
        session_factory=None,
    )


@pytest.fixture
def server(make_sandbox: MakeSandbox, tmp_path: Path) -> SandboxServer:
    """A demo sandbox keeping its data in a file, so a restart finds it again."""
    return make_sandbox(database=tmp_path / "server.sqlite3", rate_limit_per_minute=0)


@pytest.fixture
def open_synced(qtbot: QtBot, database: Engine, make_sandbox: MakeSandbox) -> Iterator[OpenSynced]:
    """Shows a main window with a started sync controller, after its first pass.

    Depends on the cache and the sandboxes so that sync is shut down before either goes.
    """
    controllers: list[SyncController] = []

    def open_(
        workspace: Workspace,
        factory: SessionFactory,
        *,
        debounce_ms: int = QUICK_DEBOUNCE_MS,
        **options: object,
    ) -> Synced:
        sync = SyncController(factory, interval_seconds=0, debounce_ms=debounce_ms)
        controllers.append(sync)
        window = MainWindow(workspace, sync, **options)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        with waiting_for_pass(qtbot, sync, settled):
            sync.start()
        return Synced(window, sync)

    yield open_
    for controller in controllers:
        assert controller.shutdown(), "the sync thread outlived the test"
