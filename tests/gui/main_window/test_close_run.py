"""Closing a run in one click: the question, the local close, and what stays possible after."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.domain import ResultStatus
from app.store import OutboxKind, RunRow
from app.ui.close_run import close_details, close_question, close_run_box
from app.ui.workspace import Workspace
from tests.builders import SeededProject, seed_server_run
from tests.gui.main_window.conftest import OpenWindow

VERDICTS = [ResultStatus.PASSED] * 6 + [ResultStatus.FAILED] * 2 + [ResultStatus.NOT_TESTED] * 4


class Answer:
    """A close question that answers as told and remembers the runs it was asked about."""

    def __init__(self, agree: bool) -> None:
        self.agree = agree
        self.asked: list[RunRow] = []

    def __call__(self, parent: QWidget, run: RunRow) -> bool:
        self.asked.append(run)
        return self.agree


def test_close_asks_then_closes_the_run_locally(
    open_window: OpenWindow, workspace: Workspace, project: SeededProject
) -> None:
    run_id = seed_server_run(workspace.database, project, "Smoke", VERDICTS, server_id="run_9")
    answer = Answer(agree=True)
    window = open_window(workspace, confirm_close=answer)
    assert window.runs.select_run(run_id)
    assert window.detail.select_result(workspace.queries.results(run_id)[-1].id)
    assert window.main_actions.close_run.isEnabled()

    window.main_actions.close_run.trigger()

    assert [run.id for run in answer.asked] == [run_id]
    closed = workspace.queries.run(run_id)
    assert closed.is_read_only
    assert closed.closed_at is not None
    assert closed.pass_rate == 50.0
    assert [entry.kind for entry in workspace.queries.outbox()] == [OutboxKind.CLOSE_RUN]
    actions = window.main_actions
    assert not actions.close_run.isEnabled()
    assert not actions.edit_run.isEnabled()
    assert actions.rerun_failed.isEnabled()
    assert actions.rerun_all.isEnabled()
    assert "closed" in actions.close_run.statusTip()
    assert not window.entry.findChild(QPushButton, "statusPassed").isEnabled()


def test_declining_the_question_changes_nothing(
    open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    window = open_window(workspace, confirm_close=Answer(agree=False))
    assert window.runs.select_run(run_id)

    window.main_actions.close_run.trigger()

    assert not workspace.queries.run(run_id).is_read_only
    assert workspace.queries.outbox() == []
    assert window.main_actions.close_run.isEnabled()


def test_a_closed_run_is_refused_with_the_reason(
    open_window: OpenWindow, workspace: Workspace, project: SeededProject
) -> None:
    run_id = seed_server_run(workspace.database, project, "Done", status="closed", server_id="r")
    answer = Answer(agree=True)
    window = open_window(workspace, confirm_close=answer)
    assert window.runs.select_run(run_id)
    assert not window.main_actions.close_run.isEnabled()

    assert not window.run_management.close_run(run_id)

    assert answer.asked == [], "nothing to ask about"
    assert "already closed" in window.statusBar().currentMessage()
    assert workspace.queries.outbox() == []


def test_the_run_list_offers_the_run_actions_on_right_click(
    open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    window = open_window(workspace)
    run_list = window.findChild(QListView, "runList")

    assert run_list.contextMenuPolicy() is Qt.ContextMenuPolicy.ActionsContextMenu
    names = [action.objectName() for action in run_list.actions()]
    assert names == ["editRunAction", "closeRunAction", "rerunFailedAction", "rerunAllAction"]


def test_with_no_run_chosen_the_run_actions_wait(
    open_window: OpenWindow, workspace: Workspace
) -> None:
    window = open_window(workspace)

    actions = window.main_actions
    assert actions.new_run.isEnabled()
    for action in actions.run_actions():
        assert not action.isEnabled(), action.objectName()


# The question itself --------------------------------------------------------------------------


def test_the_question_states_final_counts_pass_rate_and_unsent_work(
    workspace: Workspace, project: SeededProject
) -> None:
    run_id = seed_server_run(workspace.database, project, "Smoke", VERDICTS, server_id="run_9")
    untested = workspace.queries.results(run_id)[-1]
    workspace.commands.record_result(untested.id, "blocked")
    run = workspace.queries.run(run_id)

    details = close_details(run)

    assert close_question(run) == "Close “Smoke”?"
    assert "6 passed · 2 failed · 1 blocked · 0 retest · 3 not tested" in details
    assert "Pass rate <b>50.0%</b>" in details
    assert "3 results are still not tested" in details
    assert "1 change to this run has not been delivered yet" in details
    assert "the close right after them" in details


def test_a_fully_delivered_run_has_no_word_about_unsent_work(
    workspace: Workspace, project: SeededProject
) -> None:
    verdicts = [ResultStatus.PASSED] * len(project.case_ids)
    run_id = seed_server_run(workspace.database, project, "Green", verdicts, server_id="run_3")

    details = close_details(workspace.queries.run(run_id))

    assert "Pass rate <b>100.0%</b>" in details
    assert "not been delivered" not in details
    assert "not tested;" not in details


# QMessageBox sizes itself after it is shown, which offscreen Qt reports as a warning.
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_box_closes_on_enter_and_cancels_on_escape(
    qtbot: QtBot, workspace: Workspace, run_id: int
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    run = workspace.queries.run(run_id)
    for key, closes in ((Qt.Key.Key_Return, True), (Qt.Key.Key_Escape, False)):
        box = close_run_box(parent, run)
        with qtbot.waitExposed(box):
            box.show()
        with qtbot.waitSignal(box.finished):
            qtbot.keyClick(box, key)
        assert (box.clickedButton() is box.property("closeButton")) is closes
        assert isinstance(box, QMessageBox)
