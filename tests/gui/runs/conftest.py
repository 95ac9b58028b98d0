"""Fixtures for the runs pane: a real cache with a seeded project, panes shown offscreen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.store import EditCommands, Queries
from app.ui.runs import RunsPane
from app.ui.theme import apply_theme
from tests.builders import EPOCH, SeededProject, new_database, seed_project

MakePane = Callable[..., RunsPane]

NOW = EPOCH + timedelta(days=30)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Engine]:
    engine = new_database(tmp_path)
    yield engine
    engine.dispose()


@pytest.fixture
def project(database: Engine) -> SeededProject:
    return seed_project(database, cases=10, milestones=2)


@pytest.fixture
def queries(database: Engine) -> Queries:
    return Queries(database)


@pytest.fixture
def commands(database: Engine) -> EditCommands:
    """Edits with a fixed clock: a run created here is newer than every seeded one."""
    return EditCommands(database, clock=lambda: NOW)


@pytest.fixture
def make_pane(qtbot: QtBot, queries: Queries, project: SeededProject) -> MakePane:
    """Makes a pane on the seeded project (or `project_id`), shown in a host window.

    The pane always sits inside the main window. Shown as a window of its own, its layout
    would set the window's minimum size, which the offscreen platform warns about.
    """

    hosts: list[QWidget] = []  # qtbot keeps only weak references

    def make(project_id: str | None = None, *, height: int = 600) -> RunsPane:
        host = QWidget()
        hosts.append(host)
        host.setMinimumSize(200, 200)
        qtbot.addWidget(host)
        pane = RunsPane(queries, project_id or project.project_id, host)
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(pane)
        host.resize(360, height)
        with qtbot.waitActive(host):
            host.show()
            host.activateWindow()
        return pane

    return make


@pytest.fixture(params=["light", "dark"])
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """Runs the test in the light and in the dark theme, then restores the application."""
    style_name = qapp.style().name()
    palette = QPalette(qapp.palette())
    apply_theme(qapp, request.param)
    yield request.param
    qapp.setStyle(style_name)
    qapp.setPalette(palette)
