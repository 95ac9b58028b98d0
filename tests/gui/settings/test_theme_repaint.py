"""A theme chosen in Settings repaints every custom-painted widget, on its own and at once.

The run cards (runs pane), the run's progress bar and legend, the results table's status
chips, and the status buttons paint themselves from the palette; switching the application
to dark must repaint each of them in the dark colours without anything else happening.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QApplication, QHBoxLayout, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.domain import ResultStatus
from app.store import Queries
from app.ui.entry.status_buttons import StatusButtonRow
from app.ui.run_detail import RunDetailPane
from app.ui.runs import RunsPane
from app.ui.runs.widgets import RunListView
from app.ui.theme import apply_theme, dark_palette, is_dark, light_palette, status_colour
from tests.builders import SeededProject, seed_server_run
from tests.gui.settings.conftest import child

P, F, B, R, N = (
    ResultStatus.PASSED,
    ResultStatus.FAILED,
    ResultStatus.BLOCKED,
    ResultStatus.RETEST,
    ResultStatus.NOT_TESTED,
)
VERDICTS = [P, F, N, B, N, R, P, N, N, F, P, N]


class PaintCounter(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


@dataclass
class Painted:
    """The custom-painted widgets, side by side in `host` (kept here: qtbot holds weakly)."""

    host: QWidget
    cards: QWidget
    progress: QWidget
    legend: QWidget
    table: QWidget
    buttons: StatusButtonRow

    def all(self) -> dict[str, QWidget]:
        return {
            "run cards": self.cards,
            "progress bar": self.progress,
            "status legend": self.legend,
            "results table": self.table,
            "status buttons": self.buttons,
        }


@pytest.fixture
def light_app(restore_theme: QApplication) -> QApplication:
    """The application in the light theme; its own style and palette come back afterwards."""
    apply_theme(restore_theme, "light")
    return restore_theme


@pytest.fixture
def painted(
    qtbot: QtBot, light_app: QApplication, engine: Engine, project: SeededProject
) -> Painted:
    run_id = seed_server_run(engine, project, "Checkout regression", VERDICTS, server_id="run_1")
    queries = Queries(engine)
    host = QWidget()
    qtbot.addWidget(host)
    # Fixed: offscreen Qt warns when a shown window's minimum size changes.
    host.setMinimumSize(1400, 700)
    runs = RunsPane(queries, project.project_id)
    detail = RunDetailPane(queries, engine)
    buttons = StatusButtonRow()
    buttons.set_current(ResultStatus.PASSED)
    side = QVBoxLayout()
    side.addWidget(buttons)
    side.addStretch(1)
    layout = QHBoxLayout(host)
    layout.addWidget(runs)
    layout.addWidget(detail, 1)
    layout.addLayout(side)
    detail.show_run(run_id)
    with qtbot.waitExposed(host):
        host.show()
    cards = child(runs, RunListView, "runList")
    return Painted(
        host,
        cards.viewport(),
        detail.header.progress,
        detail.header.counts,
        detail.table.viewport(),
        buttons,
    )


def colours(image: QImage) -> set[str]:
    """Every colour in `image`, as "#rrggbb" (read from the raw pixels: a Python loop over
    each pixel takes seconds for a table)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = memoryview(rgb.constBits()).cast("I")
    return {f"#{pixel & 0xFFFFFF:06x}" for pixel in set(pixels)}


def test_switching_to_dark_repaints_every_custom_widget(
    qtbot: QtBot, light_app: QApplication, painted: Painted
) -> None:
    widgets = painted.all()
    before = {name: colours(widget.grab().toImage()) for name, widget in widgets.items()}
    counters = {name: PaintCounter(widget) for name, widget in widgets.items()}

    apply_theme(light_app, "dark")

    # Each widget repaints by itself: nothing but the palette change asks it to.
    qtbot.waitUntil(lambda: all(counter.paints > 0 for counter in counters.values()))
    after = {name: colours(widget.grab().toImage()) for name, widget in widgets.items()}
    dark, light = dark_palette(), light_palette()
    for name in widgets:
        assert after[name] != before[name], f"the {name} look the same in dark"
    passed_dark, passed_light = status_colour(P, dark).name(), status_colour(P, light).name()
    for name in ("run cards", "progress bar", "status legend", "status buttons"):
        assert passed_light in before[name], name
        assert passed_dark in after[name], name
        assert passed_light not in after[name], name
    # "Not tested" is a colour of its own in the cards' bars and the legend.
    for name in ("run cards", "status legend"):
        assert status_colour(N, light).name() in before[name], name
        assert status_colour(N, dark).name() in after[name], name
    # The views' backgrounds follow the palette's base colour.
    base_dark = dark.color(QPalette.ColorRole.Base).name()
    for name in ("run cards", "results table"):
        assert base_dark in after[name], name
        assert base_dark not in before[name], name


def test_switching_back_to_light_repaints_them_in_light(
    qtbot: QtBot, light_app: QApplication, painted: Painted
) -> None:
    widgets = painted.all()
    light_look = {name: colours(widget.grab().toImage()) for name, widget in widgets.items()}
    apply_theme(light_app, "dark")
    qtbot.waitUntil(lambda: is_dark(painted.progress.palette()))
    counters = {name: PaintCounter(widget) for name, widget in widgets.items()}

    apply_theme(light_app, "light")

    qtbot.waitUntil(lambda: all(counter.paints > 0 for counter in counters.values()))
    again = {name: colours(widget.grab().toImage()) for name, widget in widgets.items()}
    assert again == light_look
