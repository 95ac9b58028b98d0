"""Both run dialogs: names for assistive technology, both themes, messages without warnings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.ui.theme import apply_theme
from tests.builders import SeededProject, seed_server_run
from tests.gui.run_dialogs.catalogue import PROJECT_ID
from tests.gui.run_dialogs.conftest import Folders, MakeEditRun, MakeNewRun

NEW_RUN_NAMES = {
    "runNameEdit",
    "runMilestoneChoice",
    "caseSearch",
    "casePriorityFilter",
    "caseTypeFilter",
    "caseSelectedOnly",
    "caseTree",
    "selectAllCases",
    "selectNoCases",
    "createRunButton",
    "newRunDialogCancel",
}


def focusable(dialog: QDialog) -> list[QWidget]:
    return [
        widget
        for widget in dialog.findChildren(QWidget)
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(dialog)
    ]


def test_every_control_of_new_run_has_an_object_and_an_accessible_name(
    make_new_run: MakeNewRun,
) -> None:
    dialog = make_new_run()
    controls = focusable(dialog)

    assert {widget.objectName() for widget in controls} == NEW_RUN_NAMES
    assert all(widget.accessibleName() for widget in controls)
    assert dialog.findChild(QWidget, "casePicker") is dialog.picker
    assert dialog.findChild(QWidget, "caseSelectionCount").accessibleName() == (
        "0 of 65 cases selected"
    )


def test_every_control_of_edit_run_has_an_object_and_an_accessible_name(
    make_edit_run: MakeEditRun, engine: Engine, folders: Folders
) -> None:
    project = SeededProject(PROJECT_ID, folders[None], [])
    dialog = make_edit_run(seed_server_run(engine, project, "Smoke"))
    controls = focusable(dialog)

    assert {widget.objectName() for widget in controls} == {
        "editRunNameEdit",
        "editRunMilestoneChoice",
        "saveRunButton",
        "editRunDialogCancel",
    }
    assert all(widget.accessibleName() for widget in controls)


def test_messages_appear_without_a_qt_warning_in_both_themes(
    qtbot: QtBot, make_new_run: MakeNewRun, theme: str, qtlog: pytest.LogCaptureFixture
) -> None:
    dialog = make_new_run()
    minimum = dialog.minimumSize()
    dialog.name_field.edit.setText("x" * 260)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    dialog.picker.filter_bar.search_field.setText("nothing matches this")
    assert dialog.name_field.error.isVisible()
    assert dialog.case_error.isVisible()
    image = dialog.grab().toImage()

    assert not image.isNull()
    assert dialog.minimumSize() == minimum, "a message never resizes the shown window"
    assert [record.message for record in qtlog.records] == []  # type: ignore[attr-defined]


def outline_contrast(palette: QPalette) -> float:
    """How far a Fusion check box outline (window colour, 40 % darker) is from the list."""
    outline = palette.color(QPalette.ColorRole.Window).darker(140)
    return abs(outline.lightnessF() - palette.color(QPalette.ColorRole.Base).lightnessF())


def test_check_boxes_show_in_both_themes(
    make_new_run: MakeNewRun, theme: str, qapp: QApplication
) -> None:
    dialog = make_new_run()
    tree = dialog.picker.tree
    selected_only = dialog.picker.filter_bar.selected_only_check
    window = qapp.palette().color(QPalette.ColorRole.Window)

    assert outline_contrast(tree.palette()) > 0.2
    assert outline_contrast(selected_only.palette()) > 0.2
    assert tree.header().palette().color(QPalette.ColorRole.Window) == window
    assert tree.verticalScrollBar().palette().color(QPalette.ColorRole.Window) == window
    if theme == "dark":
        assert outline_contrast(qapp.palette()) < 0.05, "Fusion's own outline would vanish"
    else:
        assert tree.palette().color(QPalette.ColorRole.Window) == window


def test_check_boxes_follow_a_theme_switch(
    qtbot: QtBot, make_new_run: MakeNewRun, theme: str, qapp: QApplication
) -> None:
    dialog = make_new_run()
    tree, selected_only = dialog.picker.tree, dialog.picker.filter_bar.selected_only_check
    old_window = qapp.palette().color(QPalette.ColorRole.Window)
    apply_theme(qapp, "light" if theme == "dark" else "dark")
    window = qapp.palette().color(QPalette.ColorRole.Window)
    qtbot.waitUntil(lambda: tree.header().palette().color(QPalette.ColorRole.Window) == window)

    assert window != old_window
    assert outline_contrast(tree.palette()) > 0.2
    assert outline_contrast(selected_only.palette()) > 0.2
