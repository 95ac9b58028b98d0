"""Demo mode, the README's first command: a sandbox in-process, seeded runs, data kept apart."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QListView
from pytestqt.qtbot import QtBot

from app.cli.desktop import DEMO_PROJECT_ID, demo_paths, demo_workspace
from app.config import AppPaths
from app.sandbox import DEMO_PROJECT_ID as SANDBOX_DEMO_PROJECT_ID
from app.ui.main_window import MainWindow
from app.ui.sync import SyncController
from app.ui.workspace import Workspace

DEMO_RUNS = 15
SYNC_TIMEOUT_MS = 30_000


@pytest.fixture
def demo(testdeck_home: Path) -> Iterator[Workspace]:
    with demo_workspace(AppPaths.under(testdeck_home)) as workspace:
        yield workspace


@pytest.fixture
def synced_window(qtbot: QtBot, demo: Workspace) -> Iterator[MainWindow]:
    assert demo.session_factory is not None
    sync = SyncController(demo.session_factory, interval_seconds=0)
    window = MainWindow(demo, sync)
    qtbot.addWidget(window)
    window.show()
    try:
        with qtbot.waitSignal(sync.pass_finished, timeout=SYNC_TIMEOUT_MS):
            sync.start()
        yield window
    finally:
        assert sync.shutdown(), "the sync thread outlived the test"


def test_the_demo_project_id_is_the_sandbox_one() -> None:
    assert DEMO_PROJECT_ID == SANDBOX_DEMO_PROJECT_ID


def test_demo_data_lives_apart_from_real_data(testdeck_home: Path, demo: Workspace) -> None:
    real = AppPaths.under(testdeck_home)
    assert demo.paths == demo_paths(real)
    assert demo.paths.database_file != real.database_file
    assert demo.paths.database_file.is_relative_to(real.data_dir)
    assert not real.database_file.exists()
    assert demo.demo
    assert demo.project_id == DEMO_PROJECT_ID


def test_demo_mode_shows_the_seeded_runs_once_synced(synced_window: MainWindow) -> None:
    run_list = synced_window.runs.findChild(QListView, "runList")
    assert run_list is not None
    assert run_list.model().rowCount() == DEMO_RUNS
    assert synced_window.detail.current_run_id() is not None, "the newest active run opens"
    assert "(demo)" in synced_window.windowTitle()
    assert "Acme" in synced_window.windowTitle()


def test_the_demo_command_starts_syncs_and_quits_cleanly(tmp_path: Path) -> None:
    """`python -m app --demo` as a newcomer runs it; SIGTERM closes it like Quit would."""
    home = tmp_path / "home"
    environment = {**os.environ, "TESTDECK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--demo"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        demo_cache = demo_paths(AppPaths.under(home)).database_file
        wait_for(lambda: cached_runs(demo_cache) >= DEMO_RUNS, process, timeout=60)
        process.send_signal(signal.SIGTERM)
        _, errors = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, errors
    assert (demo_paths(AppPaths.under(home)).config_dir / "window.ini").is_file()
    assert not AppPaths.under(home).database_file.exists()


def cached_runs(database: Path) -> int:
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True) as connection:
            return int(connection.execute("SELECT count(*) FROM run").fetchone()[0])
    except sqlite3.Error:
        return 0


def wait_for(condition: object, process: subprocess.Popen[str], timeout: float) -> None:
    """Poll `condition` until true; fail early if the process died, or after `timeout`."""
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"Testdeck exited early ({process.returncode}): {process.stderr.read()}")
        if time.monotonic() > deadline:
            pytest.fail("The demo did not sync its runs in time")
        time.sleep(0.2)
