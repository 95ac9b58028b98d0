"""What the header says about an active run, a closed run, and an empty pane."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.domain import ResultStatus
from app.store import EditCommands
from app.ui.run_detail import RunDetailPane
from app.ui.run_detail.header import CLOSED_SENTENCE
from app.ui.run_detail.pane import EMPTY_TEXT
from tests.builders import SeededProject, seed_server_run
from tests.gui.run_detail.conftest import VERDICTS


def test_without_a_run_the_pane_asks_to_choose_one(pane: RunDetailPane, run_id: int) -> None:
    pane.show_run(run_id)
    pane.show_run(None)

    assert pane.stack.currentWidget() is pane.empty_label
    assert pane.empty_label.text() == EMPTY_TEXT
    assert pane.current_run_id() is None
    assert pane.model.rowCount() == 0


def test_an_active_run_shows_name_milestone_progress_and_counts(
    pane: RunDetailPane, commands: EditCommands, project: SeededProject, run_id: int
) -> None:
    commands.update_run(run_id, milestone_id=project.milestone_ids[0])

    pane.show_run(run_id)

    header = pane.header
    assert pane.stack.currentWidget() is pane.content
    assert header.name_label.text() == "Checkout regression"
    meta = header.meta_label.text()
    assert "Release 2.1" in meta
    assert "Active" in meta
    assert "Created by user_ana on " in meta
    assert "2026" in meta
    assert header.pass_rate_label.text() == "25.0% passed"
    assert header.tested_label.text() == "7 of 12 tested"
    assert (header.progress.value(), header.progress.maximum()) == (7, 12)
    counts = header.counts.accessibleDescription()
    assert counts == "Passed 3, Failed 2, Blocked 1, Retest 1, Not tested 5"
    assert header.closed_row.isHidden()
    assert header.pending_label.text() == "1 change not yet delivered"
    assert not header.pending_row.isHidden()


def test_a_closed_run_shows_the_lock_and_says_it_is_closed(
    pane: RunDetailPane, engine: Engine, project: SeededProject
) -> None:
    closed = seed_server_run(engine, project, "Last sprint", VERDICTS, status="closed")

    pane.show_run(closed)

    header = pane.header
    assert not header.closed_row.isHidden()
    assert header.closed_label.text() == CLOSED_SENTENCE
    assert header.closed_icon.pixmap() is not None
    assert not header.closed_icon.pixmap().isNull()
    assert "Closed" in header.meta_label.text()
    assert header.pending_row.isHidden()


def test_refresh_run_shows_new_counts_and_undelivered_changes(
    qtbot: QtBot, pane: RunDetailPane, commands: EditCommands, run_id: int, result_ids: list[int]
) -> None:
    pane.show_run(run_id)
    commands.record_result(result_ids[2], ResultStatus.PASSED)
    commands.record_result(result_ids[4], ResultStatus.FAILED)

    pane.refresh_run()

    assert pane.header.tested_label.text() == "9 of 12 tested"
    assert pane.header.pass_rate_label.text() == "33.3% passed"
    assert pane.header.pending_label.text() == "2 changes not yet delivered"


def test_showing_the_same_run_again_keeps_the_selection(
    qtbot: QtBot, pane: RunDetailPane, run_id: int, result_ids: list[int]
) -> None:
    pane.show_run(run_id)
    pane.select_result(result_ids[5])

    with qtbot.assertNotEmitted(pane.result_selected), qtbot.assertNotEmitted(pane.result_cleared):
        pane.show_run(run_id)

    assert pane.current_result_id() == result_ids[5]


def test_a_run_that_is_gone_shows_why_instead_of_its_results(
    qtbot: QtBot, pane: RunDetailPane, run_id: int, caplog: pytest.LogCaptureFixture
) -> None:
    pane.show_run(999_999)

    assert pane.current_run_id() is None
    assert pane.stack.currentWidget() is pane.empty_label
    assert "could not be shown" in pane.empty_label.text()
    assert "There is no run 999999" in pane.empty_label.text()
    assert "could not be shown" in caplog.text


def test_a_run_with_nothing_tested_yet_says_it_has_not_started(
    pane: RunDetailPane, engine: Engine, project: SeededProject
) -> None:
    untouched = seed_server_run(engine, project, "Fresh", server_id="run_fresh")

    pane.show_run(untouched)

    assert pane.header.pass_rate_label.text() == "Not started"
    assert pane.header.tested_label.text() == "0 of 12 tested"
