"""Fixtures for the run detail pane: a real cache, a seeded run, the pane on top of it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.domain import ResultStatus
from app.store import Queries
from app.ui.run_detail import RunDetailPane
from app.ui.theme import apply_theme, dark_palette, light_palette
from tests.builders import SeededProject, seed_server_run

P, F, B, R, N = (
    ResultStatus.PASSED,
    ResultStatus.FAILED,
    ResultStatus.BLOCKED,
    ResultStatus.RETEST,
    ResultStatus.NOT_TESTED,
)
VERDICTS = [P, F, N, B, N, R, P, N, N, F, P, N]
"""The seeded run's statuses by position: five of its twelve results are not tested."""


@pytest.fixture
def run_id(engine: Engine, project: SeededProject) -> int:
    return seed_server_run(engine, project, "Checkout regression", VERDICTS, server_id="run_1")


@pytest.fixture
def result_ids(queries: Queries, run_id: int) -> list[int]:
    """The seeded run's result ids in position order."""
    return [row.id for row in queries.results(run_id)]


@pytest.fixture
def pane(qtbot: QtBot, queries: Queries, engine: Engine) -> RunDetailPane:
    widget = RunDetailPane(queries, engine)
    qtbot.addWidget(widget)
    # An explicit minimum size: offscreen Qt warns ("does not support propagateSizeHints")
    # whenever a layout changes a shown window's minimum size.
    widget.setMinimumSize(1000, 640)
    widget.resize(1000, 640)
    return widget


@pytest.fixture
def theme(qapp: QApplication) -> Iterator[str]:
    """Lets a test switch themes; the application's style and palette come back after it."""
    style_name = qapp.style().name()
    palette = qapp.palette()
    yield "light"
    qapp.setStyle(QStyleFactory.create(style_name))
    qapp.setPalette(palette)


def switch_theme(qtbot: QtBot, application: QApplication, widget: QWidget, name: str) -> None:
    """Apply theme `name` and wait until `widget` paints with it."""
    apply_theme(application, name)
    wanted = dark_palette() if name == "dark" else light_palette()
    roles = (QPalette.ColorRole.Window, QPalette.ColorRole.Highlight)

    def applied() -> bool:
        palette = widget.palette()
        return all(palette.color(role).name() == wanted.color(role).name() for role in roles)

    qtbot.waitUntil(applied)
