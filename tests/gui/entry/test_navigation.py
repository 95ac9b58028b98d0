"""Moving on: auto-advance, J/K, Esc back to the table, refresh after a sync, closed runs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain import ResultStatus
from app.store import EditCommands, Queries
from app.ui.entry.header import CLOSED_RUN_MESSAGE
from tests.gui.entry.conftest import Host, MakePane


def test_auto_advance_asks_for_the_next_result_after_a_save(
    qtbot: QtBot, host: Host, result_ids: list[int]
) -> None:
    pane = host.pane
    pane.show_result(result_ids[3])
    with (
        qtbot.waitSignals([pane.result_saved, pane.advance_requested], order="strict"),
        qtbot.waitSignal(pane.advance_requested) as advance,
    ):
        qtbot.keyClick(host.table, Qt.Key.Key_F)
    assert advance.args == [result_ids[3]]


def test_without_auto_advance_the_result_stays(
    qtbot: QtBot, make_pane: MakePane, result_ids: list[int]
) -> None:
    pane = make_pane(auto_advance=False)
    assert not pane.form.auto_advance_check.isChecked()
    pane.show_result(result_ids[0])
    with qtbot.assertNotEmitted(pane.advance_requested):
        assert pane.record_status(ResultStatus.PASSED)
    assert pane.current_result_id() == result_ids[0]


def test_the_auto_advance_check_box_reports_and_follows_the_setting(
    qtbot: QtBot, host: Host
) -> None:
    pane = host.pane
    check = pane.form.auto_advance_check
    assert check.isChecked()
    assert check.text() == "Ne&xt untested after saving"
    with qtbot.waitSignal(pane.auto_advance_toggled) as toggled:
        qtbot.mouseClick(check, Qt.MouseButton.LeftButton)
    assert toggled.args == [False]

    pane.set_auto_advance(True)
    assert check.isChecked()


@pytest.mark.parametrize(("key", "step"), [(Qt.Key.Key_J, 1), (Qt.Key.Key_K, -1)])
def test_j_and_k_ask_to_move(
    qtbot: QtBot, host: Host, result_ids: list[int], key: Qt.Key, step: int
) -> None:
    host.pane.show_result(result_ids[4])
    with qtbot.waitSignal(host.pane.move_requested) as moved:
        qtbot.keyClick(host.table, key)
    assert moved.args == [step]


def test_escape_in_the_note_gives_the_focus_back_to_the_table(
    qtbot: QtBot, host: Host, result_ids: list[int]
) -> None:
    pane = host.pane
    pane.focus_table_requested.connect(host.table.setFocus)
    pane.show_result(result_ids[0])
    pane.focus_note()
    assert pane.form.note_edit.hasFocus()
    with qtbot.waitSignal(pane.focus_table_requested):
        qtbot.keyClick(pane.form.note_edit, Qt.Key.Key_Escape)
    assert host.table.hasFocus()


def test_a_closed_run_is_shown_read_only(
    qtbot: QtBot, host: Host, queries: Queries, closed_run_id: int
) -> None:
    pane = host.pane
    result = queries.results(closed_run_id)[0]
    pane.show_result(result.id)

    assert pane.view.header.banner.isVisible()
    assert pane.view.header.banner.text_label.text() == CLOSED_RUN_MESSAGE
    assert CLOSED_RUN_MESSAGE == "This run is closed, so its results can't be changed."
    form = pane.form
    for widget in (
        *form.status_row.buttons.values(),
        form.note_edit,
        form.elapsed_edit,
        form.save_button,
        form.stopwatch_panel.toggle_button,
        form.stopwatch_panel.reset_button,
    ):
        assert not widget.isEnabled(), widget.objectName()
    assert not form.stopwatch_panel.stopwatch.running
    with qtbot.assertNotEmitted(pane.result_saved):
        qtbot.keyClick(host.table, Qt.Key.Key_F)
        qtbot.keyClick(host.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not pane.record_status(ResultStatus.FAILED)
    assert queries.undelivered_count() == 0


def test_a_run_closed_meanwhile_refuses_in_words_and_keeps_the_note(
    qtbot: QtBot,
    host: Host,
    commands: EditCommands,
    queries: Queries,
    run_id: int,
    result_ids: list[int],
) -> None:
    pane = host.pane
    pane.show_result(result_ids[0])
    pane.form.note_edit.setPlainText("Important observation")
    commands.close_run(run_id)

    with qtbot.waitSignal(pane.save_failed) as failed:
        qtbot.keyClick(host.table, Qt.Key.Key_P)

    assert "closed" in failed.args[0]
    assert pane.form.message.text() == failed.args[0]
    assert pane.form.note_edit.toPlainText() == "Important observation"
    assert not pane.form.save_button.isEnabled()
    assert queries.result(result_ids[0]).status is ResultStatus.NOT_TESTED


def test_refresh_shows_what_sync_changed_but_keeps_unsaved_edits(
    host: Host, commands: EditCommands, result_ids: list[int]
) -> None:
    pane = host.pane
    pane.show_result(result_ids[0])
    pane.form.note_edit.setPlainText("Typing, not saved")
    pane.form.elapsed_edit.setText("4:00")
    commands.record_result(result_ids[0], ResultStatus.FAILED, "From elsewhere", 30)

    pane.refresh()

    assert pane.form.status_row.current() is ResultStatus.FAILED
    assert "Failed" in pane.view.header.state_label.text()
    assert pane.form.note_edit.toPlainText() == "Typing, not saved"
    assert pane.form.elapsed_edit.text() == "4:00"


def test_refresh_without_edits_shows_the_new_note(
    host: Host, commands: EditCommands, result_ids: list[int]
) -> None:
    pane = host.pane
    pane.show_result(result_ids[0])
    commands.record_result(result_ids[0], ResultStatus.PASSED, "From elsewhere", None)
    pane.refresh()
    assert pane.form.note_edit.toPlainText() == "From elsewhere"


def test_a_refresh_that_finds_the_run_closed_disables_entry(
    host: Host, commands: EditCommands, run_id: int, result_ids: list[int]
) -> None:
    pane = host.pane
    pane.show_result(result_ids[0])
    commands.close_run(run_id)
    pane.refresh()
    assert pane.view.header.banner.isVisible()
    assert not pane.form.save_button.isEnabled()


def test_an_unsaved_note_survives_switching_to_another_result_and_back(
    host: Host, result_ids: list[int]
) -> None:
    pane = host.pane
    pane.show_result(result_ids[0])
    pane.form.note_edit.setPlainText("Half written")
    pane.show_result(result_ids[1])
    assert pane.form.note_edit.toPlainText() == ""
    pane.show_result(result_ids[0])
    assert pane.form.note_edit.toPlainText() == "Half written"


def test_a_result_missing_from_the_cache_is_explained(host: Host) -> None:
    host.pane.show_result(999_999)
    assert host.pane.current_result_id() is None
    assert "no result 999999" in host.pane.view.empty_label.text()
