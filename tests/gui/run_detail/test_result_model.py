"""The results model and its filter proxy, on rows read from a real cache."""

from __future__ import annotations

from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.domain import ResultStatus
from app.store import EditCommands
from app.store.result_table import ResultTableRow, fetch_result_table_rows
from app.ui.run_detail.columns import (
    FILTER_ROLE,
    RECORD_ROLE,
    RESULT_ID_ROLE,
    SORT_ROLE,
    SYNC_STATE_ROLE,
    Column,
    SyncState,
)
from app.ui.run_detail.result_model import ResultTableModel
from app.ui.run_detail.result_proxy import DeliveryFilter, ResultFilterProxy, filter_pattern

DISPLAY = Qt.ItemDataRole.DisplayRole


def filled_model(engine: Engine, run_id: int) -> ResultTableModel:
    model = ResultTableModel()
    model.set_rows(fetch_result_table_rows(engine, run_id))
    return model


def test_the_model_passes_the_model_tester(
    qtmodeltester: ModelTester, engine: Engine, run_id: int
) -> None:
    model = filled_model(engine, run_id)

    qtmodeltester.check(model, force_py=True)
    model.sort(Column.STATUS, Qt.SortOrder.DescendingOrder)
    model.set_rows(fetch_result_table_rows(engine, run_id))
    model.set_rows([])


def test_the_proxy_passes_the_model_tester_while_filtering(
    qtmodeltester: ModelTester, engine: Engine, run_id: int
) -> None:
    model = filled_model(engine, run_id)
    proxy = ResultFilterProxy(model)

    qtmodeltester.check(proxy, force_py=True)
    proxy.set_result_filter(ResultStatus.NOT_TESTED)
    proxy.set_search_text("0003")
    proxy.sort(Column.TITLE, Qt.SortOrder.DescendingOrder)
    proxy.set_result_filter(None)
    proxy.set_search_text("")


def test_cells_show_formatted_text_and_roles_give_native_values(
    engine: Engine, commands: EditCommands, run_id: int, result_ids: list[int]
) -> None:
    commands.record_result(result_ids[2], ResultStatus.PASSED, "Fine\nreally", 3725)
    model = filled_model(engine, run_id)
    row = model.row_of(result_ids[2])
    assert row is not None

    def cell(column: Column, role: int = DISPLAY) -> object:
        return model.index(row, column).data(role)

    assert cell(Column.TITLE) == "Case tc_proj_1_0003"
    assert cell(Column.STATUS) == "Passed"
    assert cell(Column.ELAPSED) == "1:02:05"
    assert cell(Column.ELAPSED, SORT_ROLE) == 3725
    assert cell(Column.NOTE) == "Fine"
    assert cell(Column.SYNC) == "Saved here"
    assert cell(Column.SYNC, SYNC_STATE_ROLE) == SyncState.SAVED_HERE
    assert cell(Column.STATUS, SORT_ROLE) == 0  # first in STATUS_ORDER
    assert cell(Column.TITLE, RESULT_ID_ROLE) == result_ids[2]
    record = cell(Column.NOTE, RECORD_ROLE)
    assert isinstance(record, ResultTableRow)
    assert record.note_line == "Fine"
    assert cell(Column.TITLE, FILTER_ROLE) == "passed\x1fu\x1fCase tc_proj_1_0003"
    untimed = model.index(0, Column.ELAPSED)
    assert untimed.data(DISPLAY) == ""
    assert untimed.data(SORT_ROLE) == -1


def test_sorting_keeps_persistent_indexes_on_their_results(
    engine: Engine, run_id: int, result_ids: list[int]
) -> None:
    model = filled_model(engine, run_id)
    kept = QPersistentModelIndex(model.index(model.row_of(result_ids[3]) or 0, Column.NOTE))

    model.sort(Column.STATUS, Qt.SortOrder.AscendingOrder)

    statuses = [model.record(row).status for row in range(model.rowCount())]
    assert statuses == ["passed"] * 3 + ["failed"] * 2 + ["blocked", "retest"] + ["not_tested"] * 5
    assert kept.row() == model.row_of(result_ids[3])
    assert kept.column() == Column.NOTE
    model.sort(-1)
    assert model.result_ids() == result_ids


def test_update_rows_replaces_in_place_and_reports_unknown_ids(
    engine: Engine, commands: EditCommands, run_id: int, result_ids: list[int], qtbot: QtBot
) -> None:
    model = filled_model(engine, run_id)
    commands.record_result(result_ids[4], ResultStatus.BLOCKED)
    fresh = [row for row in fetch_result_table_rows(engine, run_id) if row.id == result_ids[4]]
    stranger = fresh[0]._replace(id=999_999)

    with qtbot.waitSignal(model.dataChanged) as changed:
        unknown = model.update_rows([*fresh, stranger])

    assert unknown == [999_999]
    top_left, bottom_right = changed.args[0], changed.args[1]
    assert (top_left.row(), bottom_right.row()) == (4, 4)
    assert model.record(4).status == "blocked"


def test_filter_patterns() -> None:
    assert filter_pattern(None, "") == ""
    assert filter_pattern(ResultStatus.FAILED, "") == "^failed\x1f[du]\x1f.*"
    assert filter_pattern(DeliveryFilter.NOT_DELIVERED, "a+b") == "^[^\x1f]*\x1fu\x1f.*a\\+b"
