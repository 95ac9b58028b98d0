"""EditRunDialog: rename, change or unlink the milestone; closed runs can't be edited."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, update

from app.store import EditCommands, OutboxKind, Queries, write_session
from app.store.models import Run
from tests.builders import SeededProject, seed_server_run
from tests.gui.run_dialogs.catalogue import MILESTONES, PROJECT_ID
from tests.gui.run_dialogs.conftest import Folders, MakeEditRun


def linked_run(
    engine: Engine, folders: Folders, milestone_id: str | None, status: str = "active"
) -> int:
    project = SeededProject(PROJECT_ID, folders["fld_login"], list(MILESTONES))
    run_id = seed_server_run(engine, project, "Login regression", status=status, server_id="run_7")
    with write_session(engine) as session:
        statement = update(Run).where(Run.id == run_id).values(milestone_id=milestone_id)  # type: ignore[arg-type]
        session.execute(statement)
    return run_id


@pytest.fixture
def run_id(engine: Engine, folders: Folders) -> int:
    """ "Login regression", active, on Release 2.4."""
    return linked_run(engine, folders, "ms_24")


def test_rename_and_unlink_from_the_keyboard_queue_one_update(
    qtbot: QtBot, make_edit_run: MakeEditRun, queries: Queries, run_id: int
) -> None:
    dialog = make_edit_run(run_id)
    assert dialog.windowTitle() == "Edit run"
    name_edit = dialog.name_field.edit
    assert QApplication.focusWidget() is name_edit
    assert name_edit.selectedText() == "Login regression"
    assert dialog.milestone_combo.currentText() == "Release 2.4 — due 1 Dec 2026"
    qtbot.keyClicks(name_edit, "Login regression (web)")
    qtbot.keyClick(name_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.milestone_combo
    qtbot.keyClick(dialog.milestone_combo, Qt.Key.Key_Home)
    assert dialog.milestone_combo.currentText() == "No milestone"
    with qtbot.waitSignal(dialog.run_updated) as updated:
        qtbot.keyClick(dialog.milestone_combo, Qt.Key.Key_Return)

    assert updated.args == [run_id]
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = dialog.updated_run
    assert saved is not None
    assert (saved.name, saved.milestone_id) == ("Login regression (web)", None)
    outbox = queries.outbox()
    assert [entry.kind for entry in outbox] == [OutboxKind.UPDATE_RUN]
    assert outbox[0].payload == '{"milestone_id": null, "name": "Login regression (web)"}'


def test_moving_to_another_milestone_queues_only_the_milestone(
    qtbot: QtBot, make_edit_run: MakeEditRun, queries: Queries, run_id: int
) -> None:
    dialog = make_edit_run(run_id)
    dialog.milestone_combo.setCurrentIndex(2)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert [entry.data() for entry in queries.outbox()] == [{"milestone_id": "ms_25"}]
    assert queries.run(run_id).milestone_name == "Release 2.5"


def test_saving_with_nothing_changed_closes_and_queues_nothing(
    qtbot: QtBot, make_edit_run: MakeEditRun, queries: Queries, run_id: int
) -> None:
    dialog = make_edit_run(run_id)
    dialog.name_field.edit.setText("  Login regression  ")  # the same name, once trimmed
    with qtbot.assertNotEmitted(dialog.run_updated):
        qtbot.keyClick(dialog.name_field.edit, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.updated_run is None
    assert queries.outbox() == []


def test_escape_cancels_the_edit(
    qtbot: QtBot, make_edit_run: MakeEditRun, queries: Queries, run_id: int
) -> None:
    dialog = make_edit_run(run_id)
    qtbot.keyClicks(dialog.name_field.edit, "Something else")
    qtbot.keyClick(dialog.name_field.edit, Qt.Key.Key_Escape)

    assert dialog.result() == QDialog.DialogCode.Rejected
    assert queries.run(run_id).name == "Login regression"
    assert queries.outbox() == []


def test_an_empty_name_is_refused_inline(
    qtbot: QtBot, make_edit_run: MakeEditRun, queries: Queries, run_id: int
) -> None:
    dialog = make_edit_run(run_id)
    qtbot.keyClick(dialog.name_field.edit, Qt.Key.Key_Delete)
    dialog.milestone_combo.setFocus()
    qtbot.keyClick(dialog.milestone_combo, Qt.Key.Key_Return)

    assert dialog.isVisible()
    assert dialog.name_field.error_text() == "Give the run a name."
    assert QApplication.focusWidget() is dialog.name_field.edit
    qtbot.keyClicks(dialog.name_field.edit, "L")
    assert dialog.name_field.error_text() == ""
    assert queries.outbox() == []


def test_a_closed_run_opens_disabled_and_says_why(
    qtbot: QtBot, make_edit_run: MakeEditRun, engine: Engine, queries: Queries, folders: Folders
) -> None:
    closed = linked_run(engine, folders, None, status="closed")
    dialog = make_edit_run(closed)

    assert not dialog.is_editable()
    assert dialog.read_only_note.text() == (
        "This run is closed, so it can no longer be renamed or moved to another milestone."
    )
    assert not dialog.name_field.isEnabled()
    assert not dialog.milestone_combo.isEnabled()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Rejected, "Enter only closes it"
    assert queries.outbox() == []


def test_a_run_closed_while_the_dialog_is_open_is_refused_in_words(
    qtbot: QtBot, make_edit_run: MakeEditRun, commands: EditCommands, queries: Queries, run_id: int
) -> None:
    dialog = make_edit_run(run_id)
    commands.close_run(run_id)  # from the toolbar, or the server through a sync
    dialog.name_field.edit.setText("Too late")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.read_only_note.text() == (
        "The run “Login regression” is closed, so it can no longer be renamed or moved."
    )
    assert not dialog.is_editable()
    assert [entry.kind for entry in queries.outbox()] == [OutboxKind.CLOSE_RUN]


def test_a_run_not_in_the_cache_opens_disabled(make_edit_run: MakeEditRun) -> None:
    dialog = make_edit_run(999)

    assert dialog.read_only_note.text() == (
        "This run can't be edited: There is no run 999 in the local cache."
    )
    assert not dialog.is_editable()


def test_a_milestone_missing_from_the_cache_is_kept_unless_changed(
    qtbot: QtBot, make_edit_run: MakeEditRun, engine: Engine, queries: Queries, folders: Folders
) -> None:
    run_id = linked_run(engine, folders, "ms_gone")
    dialog = make_edit_run(run_id)
    assert dialog.milestone_combo.currentText() == "ms_gone (not in the local cache)"
    dialog.name_field.edit.setText("Renamed")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert [entry.data() for entry in queries.outbox()] == [{"name": "Renamed"}]
    assert queries.run(run_id).milestone_id == "ms_gone"
