"""The desktop application's life: the QApplication, the main window, sync, and quitting."""

from __future__ import annotations

import gc
import logging
import signal
import sys
from types import FrameType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import Engine

from app import __version__
from app.config import AppPaths
from app.store import Queries, StoreError
from app.ui.main_window import MainWindow
from app.ui.start_window import CacheOverview, StartWindow
from app.ui.sync import SyncController
from app.ui.theme import apply_theme
from app.ui.workspace import Workspace

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Testdeck's names, made once per process."""
    application = QApplication([sys.argv[0], *(argv or [])])
    application.setApplicationName("Testdeck")
    application.setApplicationDisplayName("Testdeck")
    application.setApplicationVersion(__version__)
    application.setDesktopFileName("testdeck")
    application.setOrganizationName("Testdeck")
    return application


def run_workspace(application: QApplication, workspace: Workspace) -> int:
    """Show the main window on `workspace`, sync in the background, until the user quits."""
    apply_theme(application, workspace.settings.theme)
    sync = _sync_controller(workspace)
    window = MainWindow(workspace, sync)
    application.aboutToQuit.connect(window.save_state)
    # After the first paint: the sync thread's imports would compete for the GIL, and a
    # full garbage collection takes ~50 ms.
    if sync is not None:
        window.first_painted.connect(sync.start)
    window.first_painted.connect(freeze_startup_objects)
    window.show()
    wake_timer = close_on_termination_signals(application)
    try:
        return application.exec()
    finally:
        wake_timer.stop()
        _stop_sync(sync)
        workspace.database.dispose()


def close_on_termination_signals(application: QApplication) -> QTimer:
    """Close the windows (saving their state) on Ctrl+C in a terminal or a SIGTERM.

    Python runs signal handlers only between bytecodes, never while Qt's event loop waits,
    so the returned timer wakes the interpreter a few times a second; stop it after exec().
    """

    def close_windows(signum: int, frame: FrameType | None) -> None:
        log.info("Received signal %d; closing Testdeck", signum)
        application.closeAllWindows()

    signal.signal(signal.SIGINT, close_windows)
    signal.signal(signal.SIGTERM, close_windows)
    timer = QTimer(application)
    timer.timeout.connect(_let_python_run)
    timer.start(250)
    return timer


def _let_python_run() -> None:
    """Nothing: returning to Python is the point (see close_on_termination_signals)."""


def run_start_window(application: QApplication, database: Engine, paths: AppPaths) -> int:
    """No project yet: show what the cache holds and how to connect, until the user quits."""
    try:
        overview = cache_overview(database, paths)
    except StoreError as error:
        return show_fatal_error("Testdeck cannot start", str(error))
    window = StartWindow(overview)
    window.show()
    try:
        return application.exec()
    finally:
        database.dispose()


def show_fatal_error(title: str, text: str) -> int:
    """Tell the user why Testdeck cannot go on; returns the exit code 1."""
    QMessageBox.critical(None, title, text)
    return 1


def freeze_startup_objects() -> None:
    """Keep the garbage collector away from everything alive after start-up.

    A full collection scans every tracked object while holding the GIL; with Qt, SQLAlchemy
    and a big cache loaded that took 70-110 ms and froze the GUI while sync pulled a
    10,000-result run. Objects made at start-up live as long as the app, so they are moved
    out of the collector's sight once (see tests/benchmarks/bench_gui_heartbeat.py).
    """
    gc.collect()
    gc.freeze()


def cache_overview(engine: Engine, paths: AppPaths) -> CacheOverview:
    queries = Queries(engine)
    projects = queries.projects()
    runs = sum(len(queries.runs(project.id)) for project in projects)
    return CacheOverview(
        database=paths.database_file,
        projects=len(projects),
        runs=runs,
        undelivered=queries.undelivered_count(),
    )


def _sync_controller(workspace: Workspace) -> SyncController | None:
    if workspace.session_factory is None:
        return None
    return SyncController(
        workspace.session_factory,
        interval_seconds=workspace.settings.sync_interval_seconds,
    )


def _stop_sync(sync: SyncController | None) -> None:
    if sync is not None and not sync.shutdown():
        log.error("Sync was still busy when Testdeck quit; unsent changes stay saved locally.")
