"""Selecting results: by id, by step, the next untested one, and the signals that follow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain import ResultStatus
from app.store import EditCommands
from app.ui.run_detail import RunDetailPane
from tests.gui.run_detail.test_table import choose_filter


def test_selecting_a_result_emits_its_id_once(
    qtbot: QtBot, pane: RunDetailPane, run_id: int, result_ids: list[int]
) -> None:
    pane.show_run(run_id)

    with qtbot.waitSignal(pane.result_selected) as selected:
        assert pane.select_result(result_ids[7])

    assert selected.args == [result_ids[7]]
    assert pane.current_result_id() == result_ids[7]
    with qtbot.assertNotEmitted(pane.result_selected):
        assert pane.select_result(result_ids[7])
    assert not pane.select_result(999_999)


def test_showing_another_run_or_none_clears_the_result(
    qtbot: QtBot, pane: RunDetailPane, run_id: int, result_ids: list[int]
) -> None:
    pane.show_run(run_id)
    pane.select_result(result_ids[0])

    with qtbot.waitSignal(pane.result_cleared):
        pane.show_run(None)

    assert pane.current_result_id() is None


def test_select_adjacent_moves_in_view_order_and_stops_at_the_ends(
    pane: RunDetailPane, run_id: int, result_ids: list[int]
) -> None:
    pane.show_run(run_id)

    assert pane.select_adjacent(1) == result_ids[0]
    assert pane.select_adjacent(3) == result_ids[3]
    assert pane.select_adjacent(-1) == result_ids[2]
    assert pane.select_adjacent(100) == result_ids[11]
    assert pane.select_adjacent(-100) == result_ids[0]
    choose_filter(pane, "Not tested")
    pane.select_result(result_ids[4])
    assert pane.select_adjacent(1) == result_ids[7]


def test_select_adjacent_without_rows_returns_none(pane: RunDetailPane) -> None:
    assert pane.select_adjacent(1) is None


def test_next_untested_follows_view_order_and_wraps_around(
    pane: RunDetailPane, run_id: int, result_ids: list[int]
) -> None:
    pane.show_run(run_id)  # not tested at positions 2, 4, 7, 8, 11

    assert pane.next_untested_after(result_ids[0]) == result_ids[2]
    assert pane.next_untested_after(result_ids[4]) == result_ids[7]
    assert pane.next_untested_after(result_ids[11]) == result_ids[2]
    choose_filter(pane, "Not tested")
    assert pane.next_untested_after(result_ids[8]) == result_ids[11]
    assert pane.next_untested_after(result_ids[0]) == result_ids[2]  # not shown: from the top


def test_next_untested_is_none_when_none_is_left(
    pane: RunDetailPane, commands: EditCommands, run_id: int, result_ids: list[int]
) -> None:
    for position in (2, 4, 7, 8):
        commands.record_result(result_ids[position], ResultStatus.PASSED)
    pane.show_run(run_id)

    assert pane.next_untested_after(result_ids[0]) == result_ids[11]
    assert pane.next_untested_after(result_ids[11]) is None


def test_focus_table_selects_the_first_row_and_focus_search_selects_its_text(
    qtbot: QtBot, pane: RunDetailPane, run_id: int, result_ids: list[int]
) -> None:
    pane.show()
    qtbot.waitExposed(pane)
    pane.show_run(run_id)
    pane.activateWindow()

    with qtbot.waitSignal(pane.result_selected):
        pane.focus_table()
    assert pane.current_result_id() == result_ids[0]
    qtbot.waitUntil(pane.table.hasFocus)
    pane.filter_bar.search.setText("Case")
    pane.focus_search()
    qtbot.waitUntil(pane.filter_bar.search.hasFocus)
    assert pane.filter_bar.search.selectedText() == "Case"


def test_a_filter_never_selects_another_result_and_brings_the_chosen_one_back(
    qtbot: QtBot, pane: RunDetailPane, run_id: int, result_ids: list[int]
) -> None:
    pane.show_run(run_id)
    pane.select_result(result_ids[1])  # failed

    with qtbot.waitSignal(pane.result_cleared), qtbot.assertNotEmitted(pane.result_selected):
        choose_filter(pane, "Passed")
    assert pane.current_result_id() is None
    assert pane.table.selectionModel().selectedRows() == []

    with qtbot.waitSignal(pane.result_selected) as selected:
        choose_filter(pane, "All results")
    assert selected.args == [result_ids[1]]


def test_sorting_keeps_the_selected_result(
    qtbot: QtBot, pane: RunDetailPane, run_id: int, result_ids: list[int]
) -> None:
    pane.show_run(run_id)
    pane.select_result(result_ids[9])

    with qtbot.assertNotEmitted(pane.result_selected), qtbot.assertNotEmitted(pane.result_cleared):
        pane.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)

    assert pane.current_result_id() == result_ids[9]
    assert pane.table.currentIndex().row() != 9
    assert len(pane.table.selectionModel().selectedRows()) == 1
