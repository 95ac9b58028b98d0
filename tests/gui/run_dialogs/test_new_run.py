"""NewRunDialog: keyboard use, inline validation, and the run it creates locally."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, delete

from app.domain import ResultStatus
from app.store import EditCommands, OutboxKind, Queries, create_engine, write_session
from app.store.models import Milestone
from app.store.models import TestCase as CaseTable  # pytest would take `Test*` for a test
from app.ui.run_dialogs import NewRunDialog
from tests.gui.run_dialogs.catalogue import PROJECT_ID
from tests.gui.run_dialogs.conftest import Folders, MakeNewRun, show


def test_a_run_is_created_from_the_keyboard_alone(
    qtbot: QtBot, make_new_run: MakeNewRun, queries: Queries, folders: Folders
) -> None:
    dialog = make_new_run()
    assert dialog.windowTitle() == "New run"
    name_edit = dialog.name_field.edit
    assert QApplication.focusWidget() is name_edit
    qtbot.keyClicks(name_edit, "Checkout smoke")
    tree = dialog.picker.tree
    for _ in range(6):  # milestone, search, priority, type, "selected only", the cases
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is tree

    qtbot.keyClick(tree, Qt.Key.Key_Space)  # the first folder, checkout
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Space)  # its first case, unchecked again
    with qtbot.waitSignal(dialog.run_created) as created:
        qtbot.keyClick(tree, Qt.Key.Key_Return)

    run = dialog.created_run
    assert run is not None
    assert created.args == [run.id]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert run.name == "Checkout smoke"
    assert run.milestone_id is None
    assert [r.test_case_id for r in queries.results(run.id)] == folders["fld_checkout"][1:]


def test_escape_cancels_and_creates_nothing(
    qtbot: QtBot, make_new_run: MakeNewRun, queries: Queries
) -> None:
    dialog = make_new_run()
    qtbot.keyClicks(dialog.name_field.edit, "Never mind")
    dialog.picker.select_all_button.click()
    qtbot.keyClick(dialog.name_field.edit, Qt.Key.Key_Escape)

    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert dialog.created_run is None
    assert queries.outbox() == []
    assert queries.runs(PROJECT_ID) == []


def test_escape_in_the_search_clears_it_before_it_closes_the_dialog(
    qtbot: QtBot, make_new_run: MakeNewRun
) -> None:
    dialog = make_new_run()
    search = dialog.picker.filter_bar.search_field
    search.setFocus()
    qtbot.keyClicks(search, "login")
    qtbot.keyClick(search, Qt.Key.Key_Escape)

    assert search.text() == ""
    assert dialog.isVisible()


def test_an_empty_name_and_no_case_are_shown_inline_and_focus_the_name(
    qtbot: QtBot, make_new_run: MakeNewRun, queries: Queries
) -> None:
    dialog = make_new_run()
    qtbot.keyClicks(dialog.name_field.edit, "   ")
    qtbot.keyClick(dialog.name_field.edit, Qt.Key.Key_Return)

    assert dialog.isVisible()
    assert dialog.name_field.error_text() == "Give the run a name."
    assert dialog.case_error.text() == "Select at least one test case for the run."
    assert QApplication.focusWidget() is dialog.name_field.edit
    assert dialog.name_field.text() == "   ", "what was typed stays"
    assert queries.outbox() == []


def test_no_case_selected_sends_the_keyboard_to_the_cases(
    qtbot: QtBot, make_new_run: MakeNewRun, queries: Queries
) -> None:
    dialog = make_new_run()
    qtbot.keyClicks(dialog.name_field.edit, "Smoke")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert dialog.name_field.error_text() == ""
    assert dialog.case_error.text() == "Select at least one test case for the run."
    assert QApplication.focusWidget() is dialog.picker.tree
    qtbot.keyClick(dialog.picker.tree, Qt.Key.Key_Space)
    assert dialog.case_error.text() == "", "checking a case clears the message"
    assert queries.outbox() == []


def test_a_too_long_name_is_refused_with_its_length_and_a_live_count(
    qtbot: QtBot, make_new_run: MakeNewRun, queries: Queries, folders: Folders
) -> None:
    dialog = make_new_run()
    field = dialog.name_field
    field.edit.setText("n" * 199)
    assert field.counter.isHidden(), "far from the limit, no count"
    qtbot.keyClick(field.edit, Qt.Key.Key_N)
    assert field.counter.isVisible()
    assert field.counter.text() == "200 / 250"
    field.edit.setText("n" * 251)
    dialog.picker.check_cases(folders["fld_login"][:1])
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert field.error_text() == "The run name is 251 characters long; shorten it to 250 or fewer."
    assert field.counter.text() == "251 / 250"
    assert QApplication.focusWidget() is field.edit
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    assert field.error_text() == "", "the message goes as soon as the name fits"
    assert queries.outbox() == []


def test_a_control_character_in_the_name_is_refused_in_the_stores_words(
    qtbot: QtBot, make_new_run: MakeNewRun, folders: Folders
) -> None:
    dialog = make_new_run()
    dialog.name_field.edit.setText("Smoke\x07run")
    dialog.picker.check_cases(folders["fld_login"][:1])
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert "control character (U+0007)" in dialog.name_field.error_text()
    assert dialog.created_run is None


def test_thirty_cases_picked_by_folder_and_search_make_the_run(
    qtbot: QtBot, make_new_run: MakeNewRun, queries: Queries, folders: Folders
) -> None:
    dialog = make_new_run()
    picker = dialog.picker
    dialog.name_field.edit.setText("Checkout and passwords")
    dialog.milestone_combo.setCurrentIndex(2)
    checkout = picker.proxy.index(0, 0)
    picker.tree.setCurrentIndex(checkout)
    picker.tree.setFocus()
    qtbot.keyClick(picker.tree, Qt.Key.Key_Space)
    qtbot.keyClicks(picker.filter_bar.search_field, "password")
    qtbot.mouseClick(picker.select_all_button, Qt.MouseButton.LeftButton)
    assert picker.count_text() == "30 of 65 cases selected (20 not shown)"
    with qtbot.waitSignal(dialog.run_created):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    expected = folders["fld_checkout"] + folders["fld_login"][1::2]
    run = queries.run(dialog.created_run.id if dialog.created_run else -1)
    assert (run.name, run.milestone_id, run.server_id) == ("Checkout and passwords", "ms_25", None)
    results = queries.results(run.id)
    assert [r.test_case_id for r in results] == expected
    assert {r.status for r in results} == {ResultStatus.NOT_TESTED}
    assert run.summary.not_tested == 30
    outbox = queries.outbox()
    assert [entry.kind for entry in outbox] == [OutboxKind.CREATE_RUN]
    assert outbox[0].data() == {
        "name": "Checkout and passwords",
        "test_case_ids": expected,
        "milestone_id": "ms_25",
    }


def test_the_milestones_are_offered_with_their_due_dates(make_new_run: MakeNewRun) -> None:
    combo = make_new_run().milestone_combo

    labels = [combo.itemText(row) for row in range(combo.count())]
    assert labels == [
        "No milestone",
        "Release 2.4 — due 1 Dec 2026",
        "Release 2.5 — due 2 Dec 2026",
    ]
    assert combo.milestone_id() is None


def test_a_milestone_gone_from_the_cache_is_refused_inline(
    qtbot: QtBot, make_new_run: MakeNewRun, engine: Engine, queries: Queries, folders: Folders
) -> None:
    dialog = make_new_run()
    dialog.name_field.edit.setText("Smoke")
    dialog.milestone_combo.setCurrentIndex(1)
    dialog.picker.check_cases(folders[None])
    with write_session(engine) as session:  # a sync removed it meanwhile
        session.execute(delete(Milestone).where(Milestone.id == "ms_24"))  # type: ignore[arg-type]
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert "Milestone 'ms_24' is not in this project's local cache" in dialog.milestone_error.text()
    assert QApplication.focusWidget() is dialog.milestone_combo
    assert dialog.isVisible()
    dialog.milestone_combo.setCurrentIndex(0)
    assert dialog.milestone_error.text() == ""
    with qtbot.waitSignal(dialog.run_created):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert len(queries.outbox()) == 1


def test_a_case_gone_from_the_cache_is_refused_inline(
    qtbot: QtBot, make_new_run: MakeNewRun, engine: Engine, queries: Queries, folders: Folders
) -> None:
    dialog = make_new_run()
    dialog.name_field.edit.setText("Smoke")
    dialog.picker.check_cases(folders[None])
    with write_session(engine) as session:
        session.execute(delete(CaseTable).where(CaseTable.id == folders[None][0]))  # type: ignore[arg-type]
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    refusal = "1 selected test case(s) are not in this project's local cache"
    assert refusal in dialog.case_error.text()
    assert dialog.created_run is None
    assert queries.outbox() == []


def test_a_busy_database_is_said_in_words_and_the_dialog_keeps_everything(
    qtbot: QtBot, tmp_path: Path, engine: Engine, queries: Queries, folders: Folders
) -> None:
    impatient = create_engine(tmp_path / "testdeck.sqlite3", busy_timeout_ms=50)
    dialog = NewRunDialog(queries, EditCommands(impatient), PROJECT_ID)
    show(qtbot, dialog)
    dialog.name_field.edit.setText("Smoke")
    dialog.picker.check_cases(folders[None])
    holder = sqlite3.connect(tmp_path / "testdeck.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        assert dialog.form_error.text().startswith(
            "The run could not be created: Another program kept Testdeck's database busy"
        )
        assert dialog.isVisible()
        assert (dialog.name_field.text(), dialog.picker.checked_count()) == ("Smoke", 5)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with qtbot.waitSignal(dialog.run_created):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.form_error.text() == ""
    assert len(queries.outbox()) == 1
    impatient.dispose()
