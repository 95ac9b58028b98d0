"""Recording results: one key per status, Save with note and elapsed, errors in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain import ResultStatus
from app.store import EditCommands, Queries
from app.ui.entry import EMPTY_TEXT, ResultEntryPane
from app.ui.theme import STATUS_ORDER, STATUS_SHORTCUTS
from tests.gui.entry.conftest import Host

KEYS = {status: getattr(Qt.Key, f"Key_{key}") for status, key in STATUS_SHORTCUTS.items()}


def test_a_result_shows_its_case_with_numbered_steps(
    pane: ResultEntryPane, queries: Queries, result_ids: list[int]
) -> None:
    pane.show_result(result_ids[0])
    result = queries.result(result_ids[0])

    assert pane.current_result_id() == result_ids[0]
    assert pane.view.header.title_label.text() == f"Case {result.test_case_id}"
    text = pane.view.case_view.toPlainText()
    assert "A signed-in user" in text
    assert "1\nOpen the page" in text
    assert "2\nSubmit\n✓ Expected: It works" in text
    assert "The page shows the result" in text
    assert "Not tested" in pane.view.header.state_label.text()
    assert pane.form.status_row.current() is ResultStatus.NOT_TESTED


def test_without_a_result_the_pane_invites_a_choice(
    qtbot: QtBot, host: Host, result_ids: list[int]
) -> None:
    pane = host.pane
    pane.show_result(result_ids[0])
    pane.show_result(None)

    assert pane.current_result_id() is None
    assert pane.view.empty_label.text() == EMPTY_TEXT
    assert not pane.view.showing_entry()
    with qtbot.assertNotEmitted(pane.result_saved), qtbot.assertNotEmitted(pane.move_requested):
        qtbot.keyClick(host.table, Qt.Key.Key_P)
        qtbot.keyClick(host.table, Qt.Key.Key_J)
    assert not pane.record_status(ResultStatus.PASSED)


@pytest.mark.parametrize("status", STATUS_ORDER)
def test_a_status_key_in_the_table_records_at_once(
    qtbot: QtBot, host: Host, queries: Queries, result_ids: list[int], status: ResultStatus
) -> None:
    host.pane.show_result(result_ids[2])
    host.pane.form.note_edit.setPlainText("Checked on staging")

    with qtbot.waitSignal(host.pane.result_saved) as saved:
        qtbot.keyClick(host.table, KEYS[status])

    stored = queries.result(result_ids[2])
    assert saved.args == [stored]
    assert stored.status is status
    assert stored.note == "Checked on staging"
    assert stored.undelivered == 1
    assert host.pane.form.status_row.current() is status


def test_typing_a_note_never_records(
    qtbot: QtBot, host: Host, queries: Queries, result_ids: list[int]
) -> None:
    pane = host.pane
    pane.show_result(result_ids[0])
    pane.form.note_edit.setFocus()
    with (
        qtbot.assertNotEmitted(pane.result_saved),
        qtbot.assertNotEmitted(pane.move_requested),
    ):
        qtbot.keyClicks(pane.form.note_edit, "PFBRN jk t")

    assert pane.form.note_edit.toPlainText() == "PFBRN jk t"
    assert pane.stopwatch_panel.stopwatch.running  # "t" was typed, not a stopwatch toggle
    assert queries.result(result_ids[0]).status is ResultStatus.NOT_TESTED
    assert queries.undelivered_count() == 0


def test_typing_an_elapsed_time_never_records(
    qtbot: QtBot, host: Host, queries: Queries, result_ids: list[int]
) -> None:
    pane = host.pane
    pane.show_result(result_ids[0])
    pane.form.elapsed_edit.setFocus()
    with qtbot.assertNotEmitted(pane.result_saved):
        qtbot.keyClick(pane.form.elapsed_edit, Qt.Key.Key_P)
    assert queries.undelivered_count() == 0


def test_clicking_a_status_button_records(
    qtbot: QtBot, host: Host, queries: Queries, result_ids: list[int]
) -> None:
    host.pane.show_result(result_ids[0])
    button = host.pane.form.status_row.buttons[ResultStatus.BLOCKED]
    with qtbot.waitSignal(host.pane.result_saved):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert queries.result(result_ids[0]).status is ResultStatus.BLOCKED
    assert button.isChecked()
    others = [b for s, b in host.pane.form.status_row.buttons.items() if s != ResultStatus.BLOCKED]
    assert not any(b.isChecked() for b in others)


def test_save_records_the_current_status_with_the_note_and_elapsed(
    qtbot: QtBot,
    host: Host,
    commands: EditCommands,
    queries: Queries,
    result_ids: list[int],
) -> None:
    commands.record_result(result_ids[1], ResultStatus.FAILED)
    pane = host.pane
    pane.show_result(result_ids[1])
    pane.form.note_edit.setPlainText("Error 500 on submit\nsecond line")
    pane.form.elapsed_edit.setText("2:05")

    with qtbot.waitSignal(pane.result_saved):
        qtbot.mouseClick(pane.form.save_button, Qt.MouseButton.LeftButton)

    stored = queries.result(result_ids[1])
    assert stored.status is ResultStatus.FAILED
    assert stored.note == "Error 500 on submit\nsecond line"
    assert stored.elapsed == 125


@pytest.mark.parametrize("key", ["Ctrl+Return", "Ctrl+S"])
def test_save_shortcuts_work_while_writing_the_note(
    qtbot: QtBot, host: Host, queries: Queries, result_ids: list[int], key: str
) -> None:
    pane = host.pane
    pane.show_result(result_ids[0])
    pane.form.note_edit.setFocus()
    qtbot.keyClicks(pane.form.note_edit, "Slow")
    qt_key = Qt.Key.Key_Return if key == "Ctrl+Return" else Qt.Key.Key_S

    with qtbot.waitSignal(pane.result_saved):
        qtbot.keyClick(pane.form.note_edit, qt_key, Qt.KeyboardModifier.ControlModifier)

    assert queries.result(result_ids[0]).note == "Slow"


def test_an_invalid_elapsed_time_is_refused_and_nothing_is_lost(
    qtbot: QtBot, host: Host, queries: Queries, result_ids: list[int]
) -> None:
    pane = host.pane
    pane.show_result(result_ids[0])
    pane.form.note_edit.setPlainText("Keep me")
    pane.form.elapsed_edit.setText("1:75")

    with (
        qtbot.assertNotEmitted(pane.result_saved),
        qtbot.waitSignal(pane.save_failed) as failed,
    ):
        qtbot.keyClick(host.table, Qt.Key.Key_P)

    assert failed.args == ["'1:75' has more than 59 seconds."]
    assert pane.form.elapsed_error.isVisible()
    assert pane.form.elapsed_error.text() == "'1:75' has more than 59 seconds."
    assert pane.form.note_edit.toPlainText() == "Keep me"
    assert pane.form.elapsed_edit.text() == "1:75"
    assert queries.result(result_ids[0]).status is ResultStatus.NOT_TESTED

    pane.form.elapsed_edit.setText("1:15")
    with qtbot.waitSignal(pane.result_saved):
        qtbot.keyClick(host.table, Qt.Key.Key_P)
    assert not pane.form.elapsed_error.isVisible()
    assert queries.result(result_ids[0]).elapsed == 75


def test_a_refused_note_is_explained_and_kept(
    qtbot: QtBot, host: Host, queries: Queries, result_ids: list[int]
) -> None:
    pane = host.pane
    pane.show_result(result_ids[0])
    long_note = "x" * 10_001
    pane.form.note_edit.setPlainText(long_note)

    with qtbot.waitSignal(pane.save_failed) as failed:
        assert not pane.record_status(ResultStatus.PASSED)

    assert "shorten it to 10,000 or fewer" in failed.args[0]
    assert pane.form.message.text() == failed.args[0]
    assert pane.form.note_edit.toPlainText() == long_note
    assert queries.undelivered_count() == 0


def test_a_saved_result_shows_its_new_state(
    host: Host, queries: Queries, result_ids: list[int]
) -> None:
    pane = host.pane
    pane.show_result(result_ids[0])
    assert pane.record_status(ResultStatus.RETEST)
    state = pane.view.header.state_label.text()
    assert "Retest" in state
    assert "waiting to sync" in state
