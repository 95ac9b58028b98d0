"""Both run dialogs: names for assistive technology, both themes, messages without warnings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

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
