"""Starting the desktop application."""

from __future__ import annotations

import gc
import logging
import sys

from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import Engine

from app import __version__
from app.config import AppPaths
from app.store import Queries, StoreError, open_database
from app.ui.start_window import CacheOverview, StartWindow

log = logging.getLogger(__name__)


def run_gui(paths: AppPaths, argv: list[str]) -> int:
    """Open the local cache and show the main window; returns the exit code."""
    application = QApplication([sys.argv[0], *argv])
    application.setApplicationName("Testdeck")
    application.setApplicationVersion(__version__)
    application.setDesktopFileName("testdeck")
    try:
        engine = open_database(paths.database_file, paths.backup_dir)
    except StoreError as error:
        log.error("Could not open the local cache: %s", error)
        QMessageBox.critical(None, "Testdeck cannot start", str(error))
        return 1
    window = StartWindow(cache_overview(engine, paths))
    window.show()
    freeze_startup_objects()
    try:
        return application.exec()
    finally:
        engine.dispose()


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
