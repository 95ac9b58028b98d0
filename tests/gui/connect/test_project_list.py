"""The list of projects a token can see: a real Qt model, painted as two-line rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.sync.connection import ProjectChoice
from app.ui.connect.project_list import (
    DETAIL_ROLE,
    PROJECT_ROLE,
    ProjectListModel,
    ProjectListView,
    detail_text,
)

WEB = ProjectChoice("proj_web", "Web Shop", "AWS", 15, 148)
BARE = ProjectChoice("proj_bare", "Bare")


def test_the_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = ProjectListModel()
    model.set_projects([WEB, BARE])
    qtmodeltester.check(model)
    model.set_projects([])
    qtmodeltester.check(model)


def test_rows_hold_the_project_and_its_details() -> None:
    model = ProjectListModel()
    model.set_projects([WEB, BARE])

    first, second = model.index(0, 0), model.index(1, 0)
    assert first.data(Qt.ItemDataRole.DisplayRole) == "Web Shop"
    assert first.data(PROJECT_ROLE) == WEB
    assert first.data(DETAIL_ROLE) == "AWS · 15 runs · 148 test cases"
    spoken = first.data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == "Web Shop, AWS · 15 runs · 148 test cases"
    assert second.data(DETAIL_ROLE) == ""
    assert second.data(Qt.ItemDataRole.AccessibleTextRole) == "Bare"
    assert model.row_of("proj_bare") == 1
    assert model.row_of("proj_gone") is None
    assert model.row_of(None) is None


def test_details_count_in_words() -> None:
    assert detail_text(ProjectChoice("p", "P", None, 1, 1)) == "1 run · 1 test case"
    assert detail_text(ProjectChoice("p", "P", "X", 2_000, None)) == "X · 2,000 runs"


def test_the_view_paints_empty_and_full_without_warnings(qtbot: QtBot) -> None:
    model = ProjectListModel()
    view = ProjectListView()
    view.setModel(model)
    qtbot.addWidget(view)
    with qtbot.waitExposed(view):
        view.show()
    empty = view.grab()
    model.set_projects([WEB, BARE])
    full = view.grab()

    assert empty.toImage() != full.toImage()
    assert view.sizeHintForRow(0) > 2 * view.fontMetrics().height()
