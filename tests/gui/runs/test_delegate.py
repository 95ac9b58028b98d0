"""RunItemDelegate: cards of one height, painted from the palette in light and dark."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from sqlalchemy import Engine

from app.domain import ResultStatus
from app.store import EditCommands, Queries
from app.ui.runs import READ_ONLY_ROLE
from app.ui.runs.delegate import RunItemDelegate
from app.ui.runs.painting import BAR_HEIGHT
from app.ui.runs.widgets import RunListView
from app.ui.theme import apply_theme, status_colour
from tests.builders import SeededProject
from tests.gui.runs.conftest import MakePane
from tests.gui.runs.helpers import add_run, park_changes, set_run_fields


def _view(make_pane: MakePane) -> RunListView:
    pane = make_pane()
    view = pane.findChild(RunListView, "runList")
    assert view is not None
    return view


def _colours_in(image: QImage, rect: QRect) -> set[str]:
    return {
        image.pixelColor(x, y).name()
        for y in range(rect.top(), rect.bottom() + 1)
        for x in range(rect.left(), rect.right() + 1)
    }


def _card_image(view: RunListView, row: int) -> tuple[QImage, QRect]:
    rect = view.visualRect(view.model().index(row, 0))
    return view.viewport().grab().toImage(), rect


def test_every_card_has_the_same_height_with_room_for_the_bar(
    database: Engine, project: SeededProject, make_pane: MakePane
) -> None:
    add_run(database, project, "Short")
    add_run(database, project, "A much longer run name " * 5, days=1, status="closed")
    view = _view(make_pane)
    delegate = view.itemDelegate()
    assert isinstance(delegate, RunItemDelegate)
    option = QStyleOptionViewItem()
    option.initFrom(view)

    heights = {delegate.sizeHint(option, view.model().index(row, 0)).height() for row in (0, 1)}

    assert len(heights) == 1
    assert heights.pop() >= 2 * view.fontMetrics().height() + BAR_HEIGHT
    assert (
        view.visualRect(view.model().index(1, 0)).height()
        == view.visualRect(view.model().index(0, 0)).height()
    )


def test_cards_paint_their_status_bar_in_the_theme_colours(
    theme: str, qapp: QApplication, database: Engine, project: SeededProject, make_pane: MakePane
) -> None:
    add_run(database, project, "All passed", passed=10)
    add_run(database, project, "Half failed", days=-1, passed=5, failed=5)
    view = _view(make_pane)
    palette = view.palette()

    image, rect = _card_image(view, 0)
    passed = status_colour(ResultStatus.PASSED, palette).name()
    failed = status_colour(ResultStatus.FAILED, palette).name()
    assert passed in _colours_in(image, rect)
    assert failed not in _colours_in(image, rect)
    image, rect = _card_image(view, 1)
    assert {passed, failed} <= _colours_in(image, rect)
    assert not view.grab().isNull()


def test_a_theme_switch_repaints_the_cards(
    theme: str, qapp: QApplication, database: Engine, project: SeededProject, make_pane: MakePane
) -> None:
    add_run(database, project, "All passed", passed=10)
    view = _view(make_pane)
    other = "dark" if theme == "light" else "light"

    apply_theme(qapp, other)
    qapp.processEvents()

    image, rect = _card_image(view, 0)
    assert status_colour(ResultStatus.PASSED, view.palette()).name() in _colours_in(image, rect)


def test_every_kind_of_card_paints_without_warnings(
    theme: str,
    database: Engine,
    project: SeededProject,
    queries: Queries,
    commands: EditCommands,
    make_pane: MakePane,
) -> None:
    add_run(database, project, "Closed", passed=10, status="closed")
    missing = add_run(database, project, "Missing on the server", days=1, passed=2)
    set_run_fields(database, missing, missing_on_server=True)
    rejected = add_run(database, project, "Rejected change", days=2)
    commands.record_result(queries.results(rejected)[0].id, "blocked")
    park_changes(database, rejected)
    unsent = add_run(database, project, "Unsent result", days=3)
    commands.record_result(queries.results(unsent)[0].id, "retest")
    commands.create_run(project.project_id, "Made offline", project.case_ids[:4])
    view = _view(make_pane)
    view.setCurrentIndex(view.model().index(2, 0))

    spoken = [
        view.model().index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole)
        for row in range(view.model().rowCount())
    ]
    assert [text.rsplit(", ", 1)[-1] for text in spoken] == [
        "not yet on server",
        "1 unsent",
        "sync issue",
        "missing on server",
        "read-only",
    ]
    assert not view.grab().isNull()


def test_a_closed_run_has_a_faded_bar(
    theme: str, database: Engine, project: SeededProject, make_pane: MakePane
) -> None:
    add_run(database, project, "Closed", passed=10, status="closed")
    view = _view(make_pane)

    image, rect = _card_image(view, 0)

    passed = status_colour(ResultStatus.PASSED, view.palette()).name()
    assert passed not in _colours_in(image, rect)
    assert view.model().index(0, 0).data(READ_ONLY_ROLE) is True


def test_the_selected_card_is_highlighted(
    theme: str, database: Engine, project: SeededProject, make_pane: MakePane
) -> None:
    add_run(database, project, "Chosen")
    view = _view(make_pane)
    highlight = view.palette().highlight().color().name()
    image, rect = _card_image(view, 0)
    assert highlight not in _colours_in(image, rect)

    view.setCurrentIndex(view.model().index(0, 0))
    image, rect = _card_image(view, 0)

    assert highlight in _colours_in(image, rect)
