"""Filtering, searching, sorting and live updates of the results table."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, delete
from sqlmodel import col

from app.domain import ResultStatus
from app.store import EditCommands, Queries, write_session
from app.store.models import Result
from app.ui.run_detail import RunDetailPane
from app.ui.run_detail.columns import Column
from app.ui.run_detail.pane import FIRST_ROWS
from tests.builders import seed_project, seed_server_run


def view_ids(pane: RunDetailPane) -> list[int]:
    return [
        pane.table.result_id_at(pane.proxy.index(row, 0)) or 0
        for row in range(pane.proxy.rowCount())
    ]


def choose_filter(pane: RunDetailPane, text: str) -> None:
    pane.filter_bar.filter.setCurrentIndex(pane.filter_bar.filter.findText(text))


def click_header(qtbot: QtBot, table: QTableView, column: int) -> None:
    header = table.horizontalHeader()
    point = QPoint(header.sectionViewportPosition(column) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_widgets_have_stable_names_and_accessible_names(pane: RunDetailPane, run_id: int) -> None:
    pane.show_run(run_id)

    assert isinstance(pane.findChild(QTableView, "resultTable"), QTableView)
    assert isinstance(pane.findChild(QComboBox, "resultFilter"), QComboBox)
    assert isinstance(pane.findChild(QLineEdit, "resultSearch"), QLineEdit)
    for widget in (pane, pane.table, pane.filter_bar.filter, pane.filter_bar.search, pane.header):
        assert widget.objectName()
        assert widget.accessibleName()
    assert pane.filter_bar.search.toolTip()
    assert pane.filter_bar.filter.toolTip()


def test_the_status_filter_shows_only_that_status(
    pane: RunDetailPane, run_id: int, result_ids: list[int]
) -> None:
    pane.show_run(run_id)

    choose_filter(pane, "Failed")

    assert view_ids(pane) == [result_ids[1], result_ids[9]]
    assert pane.filter_bar.count_label.text() == "2 of 12 shown"
    choose_filter(pane, "All results")
    assert view_ids(pane) == result_ids
    assert pane.filter_bar.count_label.text() == "12 results"


def test_not_delivered_shows_results_with_unsent_changes(
    pane: RunDetailPane, commands: EditCommands, run_id: int, result_ids: list[int]
) -> None:
    commands.record_result(result_ids[5], ResultStatus.PASSED)
    pane.show_run(run_id)

    choose_filter(pane, "Not delivered")

    assert view_ids(pane) == [result_ids[5]]


def test_search_matches_titles_case_insensitively_and_with_filters(
    qtbot: QtBot, pane: RunDetailPane, run_id: int, result_ids: list[int]
) -> None:
    pane.show_run(run_id)

    qtbot.keyClicks(pane.filter_bar.search, "TC_PROJ_1_001")
    assert view_ids(pane) == result_ids[9:12]
    choose_filter(pane, "Not tested")
    assert view_ids(pane) == [result_ids[11]]
    pane.filter_bar.search.clear()
    assert len(view_ids(pane)) == 5


def test_clicking_headers_sorts_by_native_values_then_restores_run_order(
    qtbot: QtBot, pane: RunDetailPane, commands: EditCommands, run_id: int, result_ids: list[int]
) -> None:
    for index, seconds in ((0, 600), (1, 90), (3, 5)):
        commands.record_result(result_ids[index], ResultStatus.PASSED, None, seconds)
    pane.show_run(run_id)

    click_header(qtbot, pane.table, Column.ELAPSED)
    assert view_ids(pane)[-3:] == [result_ids[3], result_ids[1], result_ids[0]]
    click_header(qtbot, pane.table, Column.ELAPSED)
    assert view_ids(pane)[:3] == [result_ids[0], result_ids[1], result_ids[3]]
    click_header(qtbot, pane.table, Column.ELAPSED)  # third click: the run's own order
    assert view_ids(pane) == result_ids
    click_header(qtbot, pane.table, Column.STATUS)
    statuses = [pane.model.record(pane.model.row_of(i) or 0).status for i in view_ids(pane)]
    assert statuses[:4] == ["passed"] * 4
    assert statuses[-5:] == ["not_tested"] * 5


@pytest.fixture
def long_run(engine: Engine) -> tuple[int, list[int]]:
    project = seed_project(engine, "proj_long", cases=300, milestones=0)
    run = seed_server_run(engine, project, "Full regression", server_id="run_long")
    return run, [row.id for row in Queries(engine).results(run)]


def test_live_updates_keep_the_selection_and_the_scroll_position(
    qtbot: QtBot,
    pane: RunDetailPane,
    commands: EditCommands,
    engine: Engine,
    long_run: tuple[int, list[int]],
) -> None:
    run, ids = long_run
    pane.show()
    pane.show_run(run)
    assert pane.select_result(ids[150])
    scroll = pane.table.verticalScrollBar()
    scroll.setValue(scroll.value() + 37)
    position = scroll.value()

    with qtbot.assertNotEmitted(pane.result_selected), qtbot.assertNotEmitted(pane.result_cleared):
        commands.record_result(ids[150], ResultStatus.FAILED, "Broken")
        commands.record_result(ids[3], ResultStatus.PASSED)
        pane.refresh_results([ids[150], ids[3]])
        pane.reload_results()
        with write_session(engine) as session:
            session.execute(delete(Result).where(col(Result.id) == ids[299]))
        pane.reload_results()  # a row went away: a full reset, selection and scroll restored

    assert pane.current_result_id() == ids[150]
    assert scroll.value() == position
    assert pane.model.rowCount() == 299
    assert pane.model.index(150, Column.SYNC).data() == "Saved here"
    assert pane.model.index(150, Column.NOTE).data() == "Broken"


def test_refresh_results_adds_new_results_of_the_run_and_ignores_other_runs(
    pane: RunDetailPane, engine: Engine, run_id: int, long_run: tuple[int, list[int]]
) -> None:
    pane.show_run(run_id)
    with write_session(engine) as session:
        extra = Result(
            run_id=run_id, test_case_id="tc_new", test_case_title="New case", position=99
        )
        session.add(extra)
        session.flush()
        new_id = extra.id
    assert new_id is not None

    pane.refresh_results([long_run[1][0]])
    assert pane.model.rowCount() == 12
    pane.refresh_results([new_id, long_run[1][0]])
    assert pane.model.row_of(new_id) == 12


def test_a_recorded_row_stays_in_place_under_a_status_filter(
    qtbot: QtBot, pane: RunDetailPane, commands: EditCommands, run_id: int, result_ids: list[int]
) -> None:
    pane.show_run(run_id)
    choose_filter(pane, "Not tested")
    pane.select_result(result_ids[4])

    with qtbot.assertNotEmitted(pane.result_selected), qtbot.assertNotEmitted(pane.result_cleared):
        commands.record_result(result_ids[4], ResultStatus.PASSED)
        pane.refresh_results([result_ids[4]])

    assert pane.current_result_id() == result_ids[4]
    assert pane.model.record(4).status == "passed"
    assert pane.next_untested_after(result_ids[4]) == result_ids[7]
    choose_filter(pane, "All results")
    choose_filter(pane, "Not tested")
    assert result_ids[4] not in view_ids(pane)


def test_a_database_problem_while_reloading_is_shown_and_logged(
    pane: RunDetailPane, engine: Engine, run_id: int, caplog: pytest.LogCaptureFixture
) -> None:
    pane.show_run(run_id)
    with engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE result RENAME TO result_elsewhere")

    pane.reload_results()

    assert not pane.problem_label.isHidden()
    assert "could not read the results" in pane.problem_label.text()
    assert "could not be re-read" in caplog.text
    assert pane.model.rowCount() == 12  # what was shown stays shown


def _big_run(engine: Engine) -> tuple[int, list[int]]:
    """A run of `FIRST_ROWS + 20` results, every one not tested but the last; its result ids."""
    big = seed_project(engine, "proj_big", cases=FIRST_ROWS + 20)
    verdicts = [ResultStatus.NOT_TESTED] * (FIRST_ROWS + 19) + [ResultStatus.PASSED]
    run_id = seed_server_run(engine, big, "Big regression", verdicts, server_id="run_big")
    return run_id, [row.id for row in Queries(engine).results(run_id)]


def test_a_big_run_shows_its_first_rows_before_the_first_paint_and_all_after(
    qtbot: QtBot, pane: RunDetailPane, engine: Engine
) -> None:
    run_id, ids = _big_run(engine)
    pane.show_run(run_id)

    assert pane.model.rowCount() == FIRST_ROWS
    assert view_ids(pane) == ids[:FIRST_ROWS]
    assert pane.filter_bar.count_label.text() == f"{FIRST_ROWS + 20} results"

    pane.show()
    qtbot.waitUntil(lambda: pane.model.rowCount() == FIRST_ROWS + 20)
    assert view_ids(pane) == ids
    assert pane.filter_bar.count_label.text() == f"{FIRST_ROWS + 20} results"


def test_the_rest_of_a_big_run_is_read_as_soon_as_something_needs_it(
    qtbot: QtBot, queries: Queries, engine: Engine
) -> None:
    run_id, ids = _big_run(engine)
    panes = [RunDetailPane(queries, engine) for _ in range(3)]
    for pane in panes:
        qtbot.addWidget(pane)
        pane.show_run(run_id)
    choosing, searching, advancing = panes

    assert choosing.select_result(ids[-1])
    assert choosing.current_result_id() == ids[-1]

    searching.filter_bar.search.setText("Case")
    assert searching.proxy.rowCount() == FIRST_ROWS + 20

    last_read = ids[FIRST_ROWS - 1]
    assert advancing.select_result(last_read)
    assert advancing.next_untested_after(last_read) == ids[FIRST_ROWS]  # not ids[0]
