"""Recording results with the keyboard alone, in the composed main window (no sync)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListView, QTableView
from pytestqt.qtbot import QtBot

from app.domain import ResultStatus
from app.ui.workspace import Workspace
from tests.builders import SeededProject, seed_server_run
from tests.gui.main_window.conftest import OpenWindow


def statuses(workspace: Workspace, run_id: int) -> list[ResultStatus]:
    return [result.status for result in workspace.queries.results(run_id)]


def test_keyboard_only_recording_saves_and_advances(
    qtbot: QtBot, open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    window = open_window(workspace)
    run_list = window.findChild(QListView, "runList")
    table = window.findChild(QTableView, "resultTable")
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert run_list.hasFocus()
    with qtbot.waitSignal(window.runs.run_activated):
        qtbot.keyClick(run_list, Qt.Key.Key_Return)
    assert window.detail.current_run_id() == run_id
    assert table.hasFocus()
    first = workspace.queries.results(run_id)[0].id
    assert window.detail.current_result_id() == first, "the first untested result is chosen"
    assert window.entry.current_result_id() == first

    for key in (Qt.Key.Key_P, Qt.Key.Key_F, Qt.Key.Key_B, Qt.Key.Key_R):
        qtbot.keyClick(table, key)

    recorded = statuses(workspace, run_id)
    assert recorded[:4] == [
        ResultStatus.PASSED,
        ResultStatus.FAILED,
        ResultStatus.BLOCKED,
        ResultStatus.RETEST,
    ]
    assert recorded[4:] == [ResultStatus.NOT_TESTED] * 8
    assert window.detail.current_result_id() == workspace.queries.results(run_id)[4].id
    assert window.runs.current_run_id() == run_id
    assert workspace.queries.run(run_id).summary.passed == 1
    qtbot.waitUntil(lambda: "deliver 4 changes" in window.sync_indicator.text())


def test_j_and_k_move_between_results(
    qtbot: QtBot, open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    window = open_window(workspace)
    assert window.runs.select_run(run_id)
    results = workspace.queries.results(run_id)
    assert window.detail.select_result(results[0].id)
    table = window.findChild(QTableView, "resultTable")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_J)
    qtbot.keyClick(table, Qt.Key.Key_J)
    assert window.entry.current_result_id() == results[2].id
    qtbot.keyClick(table, Qt.Key.Key_K)
    assert window.entry.current_result_id() == results[1].id


def test_ctrl_f_searches_the_results_of_the_run(
    qtbot: QtBot, open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    window = open_window(workspace)
    assert window.runs.select_run(run_id)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.findChild(QLineEdit, "resultSearch")
    assert search.hasFocus()
    qtbot.keyClicks(search, "0007")
    table = window.findChild(QTableView, "resultTable")
    qtbot.waitUntil(lambda: table.model().rowCount() == 1)


def test_the_runs_search_filters_as_you_type(
    qtbot: QtBot, open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    window = open_window(workspace)
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    search = window.findChild(QLineEdit, "runSearch")
    assert search.hasFocus()
    run_list = window.findChild(QListView, "runList")
    assert run_list.model().rowCount() == 1
    qtbot.keyClicks(search, "nothing like it")
    assert run_list.model().rowCount() == 0


def test_a_first_start_opens_the_newest_active_run(
    open_window: OpenWindow, workspace: Workspace, project: SeededProject, run_id: int
) -> None:
    seed_server_run(  # newer than the active run, but closed
        workspace.database, project, "Closed yesterday", status="closed", age=timedelta(days=1)
    )
    window = open_window(workspace)
    assert window.runs.current_run_id() == run_id
    assert window.detail.current_run_id() == run_id


def test_with_only_closed_runs_the_newest_one_opens_read_only(
    open_window: OpenWindow, workspace: Workspace, project: SeededProject
) -> None:
    seed_server_run(workspace.database, project, "Old", status="closed")
    newest = seed_server_run(
        workspace.database, project, "Newest", status="closed", age=timedelta(days=2)
    )
    window = open_window(workspace)
    assert window.detail.current_run_id() == newest
    assert workspace.queries.run(newest).is_read_only
