"""Fixtures for the result entry pane: a real cache, a fake wall clock, a host window.

The host window puts a results table next to the pane, as the main window does, so the
window-wide single-key shortcuts are tested with the focus in the table.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QHBoxLayout, QTableView, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.domain import ResultStatus
from app.store import EditCommands, Queries
from app.ui.entry import ResultEntryPane
from tests.builders import SeededProject, seed_server_run

START = 1_764_000_000.0


class FakeClock:
    """Wall-clock seconds that only move when a test says so."""

    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Host(QWidget):
    """A window with a results table on the left and the pane on the right."""

    def __init__(self, pane: ResultEntryPane) -> None:
        super().__init__()
        self.setObjectName("host")
        self.table = QTableView(self)
        self.table.setObjectName("resultsTable")
        self.pane = pane
        layout = QHBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(pane)
        # An explicit minimum size: offscreen Qt warns ("does not support
        # propagateSizeHints") whenever a layout changes a shown window's minimum size.
        self.setMinimumSize(900, 760)


@pytest.fixture
def run_id(engine: Engine, project: SeededProject) -> int:
    return seed_server_run(engine, project, server_id="run_active")


@pytest.fixture
def closed_run_id(engine: Engine, project: SeededProject) -> int:
    statuses = [ResultStatus.PASSED] * len(project.case_ids)
    return seed_server_run(engine, project, "Done", statuses, status="closed", server_id="run_c")


@pytest.fixture
def result_ids(queries: Queries, run_id: int) -> list[int]:
    return [row.id for row in queries.results(run_id)]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def stopwatch_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "stopwatch.json"


MakePane = Callable[..., ResultEntryPane]


@pytest.fixture
def make_pane(
    qtbot: QtBot,
    queries: Queries,
    commands: EditCommands,
    stopwatch_file: Path,
    clock: FakeClock,
) -> MakePane:
    """A factory of panes over the test's cache, stopwatch file and clock."""

    def make(**options: Any) -> ResultEntryPane:
        options.setdefault("clock", clock)
        pane = ResultEntryPane(queries, commands, stopwatch_file, **options)
        qtbot.addWidget(pane)
        return pane

    return make


@pytest.fixture
def pane(make_pane: MakePane) -> ResultEntryPane:
    return make_pane()


@pytest.fixture
def host(qtbot: QtBot, pane: ResultEntryPane) -> Host:
    """The pane in an active window next to a results table that has the focus."""
    window = Host(pane)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.table.setFocus()
    return window
