from __future__ import annotations

import logging
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text

from app.store.delivery import Delivery
from app.ui.sync_view.confirm import ask_to_discard
from app.ui.sync_view.issues_model import SyncIssuesModel
from app.ui.sync_view.issues_panel import SyncIssuesPanel
from app.ui.sync_view.panel_parts import EMPTY_TEXT
from app.ui.theme import dark_palette
from tests.builders import new_database
from tests.gui.sync_view.conftest import Issues, ShowInWindow, child


class FakeConfirm:
    """Answers the discard question as told and remembers what was asked."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str]] = []

    def __call__(self, parent: QWidget, title: str, question: str) -> bool:
        self.asked.append((title, question))
        return self.answer


@pytest.fixture
def confirm() -> FakeConfirm:
    return FakeConfirm(answer=True)


@pytest.fixture
def panel(
    qtbot: QtBot, engine: Engine, issues: Issues, confirm: FakeConfirm, show_in_window: ShowInWindow
) -> SyncIssuesPanel:
    widget = SyncIssuesPanel(engine, confirm=confirm)
    show_in_window(widget)
    return widget


def table(panel: SyncIssuesPanel) -> QTableView:
    return child(panel, QTableView, "syncIssuesTable")


def button(panel: SyncIssuesPanel, name: str) -> QPushButton:
    return child(panel, QPushButton, name)


def details(panel: SyncIssuesPanel) -> str:
    return child(panel, QTextBrowser, "syncIssueDetails").toPlainText()


def message(panel: SyncIssuesPanel) -> QLabel:
    return child(panel, QLabel, "syncIssueMessageText")


def selected_seq(panel: SyncIssuesPanel) -> int | None:
    issue = panel.selected_issue()
    return issue.seq if issue is not None else None


def select(panel: SyncIssuesPanel, seq: int) -> None:
    view = table(panel)
    for row in range(view.model().rowCount()):
        if view.model().index(row, 0).data(SyncIssuesModel.ISSUE_ROLE).seq == seq:
            view.selectRow(row)
            return
    raise AssertionError(f"entry {seq} is not listed")


def test_every_issue_is_listed_and_the_first_is_explained(
    panel: SyncIssuesPanel, issues: Issues
) -> None:
    model = table(panel).model()

    assert panel.issue_count() == model.rowCount() == 4
    assert selected_seq(panel) == issues.rejected
    shown = details(panel)
    assert "Result of “Case tc_proj_1_0001” in run “Sprint 42 hotfix”" in shown
    assert "Failed" in shown
    assert "SSO button does nothing" in shown
    assert "3 min 05 s" in shown
    assert "Retry sends it again unchanged" in shown
    assert "Discard throws this result away" in shown
    assert child(panel, QLabel, "syncIssuesTitle").text() == "4 changes need attention"


def test_retry_sends_the_selected_seq(qtbot: QtBot, panel: SyncIssuesPanel, issues: Issues) -> None:
    select(panel, issues.waiting)

    with qtbot.waitSignal(panel.retry_requested) as blocker:
        qtbot.mouseClick(button(panel, "syncRetryButton"), Qt.MouseButton.LeftButton)

    assert blocker.args == [issues.waiting]


def test_retry_is_off_for_a_change_testdeck_retries_itself(
    panel: SyncIssuesPanel, issues: Issues
) -> None:
    select(panel, issues.retrying)

    retry = button(panel, "syncRetryButton")
    assert not retry.isEnabled()
    assert "retries this change on its own" in retry.toolTip()
    assert button(panel, "syncDiscardButton").isEnabled()
    assert "Retrying" in details(panel)


def test_discard_asks_first_and_sends_nothing_when_cancelled(
    qtbot: QtBot, panel: SyncIssuesPanel, confirm: FakeConfirm, issues: Issues
) -> None:
    confirm.answer = False

    with qtbot.assertNotEmitted(panel.discard_requested):
        qtbot.mouseClick(button(panel, "syncDiscardButton"), Qt.MouseButton.LeftButton)

    [(title, question)] = confirm.asked
    assert title == "Discard this change?"
    assert "Result of “Case tc_proj_1_0001”" in question
    assert "note SSO button does nothing" in question


def test_a_confirmed_discard_sends_the_seq(
    qtbot: QtBot, panel: SyncIssuesPanel, confirm: FakeConfirm, issues: Issues
) -> None:
    select(panel, issues.waiting)

    with qtbot.waitSignal(panel.discard_requested) as blocker:
        qtbot.mouseClick(button(panel, "syncDiscardButton"), Qt.MouseButton.LeftButton)

    assert blocker.args == [issues.waiting]
    assert "deletes the run “Smoke”" in confirm.asked[0][1]


def test_copy_puts_a_plain_report_on_the_clipboard(
    qtbot: QtBot, panel: SyncIssuesPanel, issues: Issues
) -> None:
    select(panel, issues.conflict)
    QGuiApplication.clipboard().clear()

    qtbot.mouseClick(button(panel, "syncCopyButton"), Qt.MouseButton.LeftButton)

    report = QGuiApplication.clipboard().text()
    assert report.startswith("Change: Result of “Case tc_proj_1_0002”")
    assert "State: Run was closed on the server" in report
    assert f"Outbox entry: #{issues.conflict} (set_result, conflict)" in report
    assert message(panel).text() == "The details of this change are on the clipboard."


def test_keyboard_delete_discards_after_asking_and_enter_retries(
    qtbot: QtBot, panel: SyncIssuesPanel, confirm: FakeConfirm, issues: Issues
) -> None:
    view = table(panel)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert selected_seq(panel) == issues.waiting

    with qtbot.waitSignal(panel.discard_requested) as discarded:
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    with qtbot.waitSignal(panel.retry_requested) as retried:
        qtbot.keyClick(view, Qt.Key.Key_Return)

    assert discarded.args == retried.args == [issues.waiting]
    assert len(confirm.asked) == 1


def test_ctrl_c_on_the_table_copies_the_whole_report(
    qtbot: QtBot, panel: SyncIssuesPanel, issues: Issues
) -> None:
    view = table(panel)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    QGuiApplication.clipboard().clear()

    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)

    assert QGuiApplication.clipboard().text().startswith("Change: Result of")
    assert "Reason: " in QGuiApplication.clipboard().text()


def test_tab_walks_from_the_table_through_the_details_to_the_buttons(
    panel: SyncIssuesPanel,
) -> None:
    buttons = ("syncCopyButton", "syncDiscardButton", "syncRetryButton")
    chain: list[QWidget] = [table(panel), child(panel, QTextBrowser, "syncIssueDetails")]
    chain += [button(panel, name) for name in buttons]

    for first, second in pairwise(chain):
        assert _next_focusable(first) is second


def _next_focusable(widget: QWidget) -> QWidget:
    """The widget Tab moves to from `widget` (the focus chain holds unfocusable parts too)."""
    candidate = widget.nextInFocusChain()
    while candidate is not None and not candidate.focusPolicy() & Qt.FocusPolicy.TabFocus:
        candidate = candidate.nextInFocusChain()
    assert candidate is not None
    return candidate


def test_widgets_have_stable_names_and_accessible_names(panel: SyncIssuesPanel) -> None:
    assert panel.objectName() == "syncIssuesPanel"
    assert panel.accessibleName() == "Sync issues"
    assert table(panel).accessibleName() == "Changes that need attention"
    for name in ("syncRetryButton", "syncDiscardButton", "syncCopyButton"):
        assert button(panel, name).accessibleName()
        assert button(panel, name).toolTip()


def test_a_failed_retry_is_shown_next_to_its_entry(panel: SyncIssuesPanel, issues: Issues) -> None:
    select(panel, issues.rejected)

    panel.show_entry_error(issues.conflict, "Retrying failed: the database is busy.")

    assert selected_seq(panel) == issues.conflict
    assert message(panel).isVisible()
    assert message(panel).text() == "Retrying failed: the database is busy."
    select(panel, issues.rejected)
    assert not message(panel).isVisible()
    select(panel, issues.conflict)
    assert message(panel).text() == "Retrying failed: the database is busy."


def test_a_failure_for_an_entry_no_longer_listed_is_still_shown(
    panel: SyncIssuesPanel, issues: Issues
) -> None:
    panel.show_entry_error(9999, "Discarding failed: the database is busy.")

    assert message(panel).isVisible()
    assert message(panel).text() == "Discarding failed: the database is busy."
    assert child(panel, QWidget, "syncIssueMessage").accessibleName() == (
        "Problem: Discarding failed: the database is busy."
    )


def test_a_new_palette_redraws_the_state_icons(qtbot: QtBot, panel: SyncIssuesPanel) -> None:
    proxy = table(panel).model()
    assert isinstance(proxy, QSortFilterProxyModel)
    model = proxy.sourceModel()

    with qtbot.waitSignal(model.dataChanged):
        panel.setPalette(dark_palette())

    assert "Sprint 42 hotfix" in details(panel)


def test_a_retried_entry_leaves_the_list_and_the_selection_moves_on(
    qtbot: QtBot, panel: SyncIssuesPanel, engine: Engine, issues: Issues
) -> None:
    delivery = Delivery(engine)
    select(panel, issues.waiting)

    assert delivery.retry(issues.waiting)
    with qtbot.waitSignal(panel.issues_changed) as changed:
        panel.reload()

    assert changed.args == [3]
    assert panel.issue_count() == 3
    assert selected_seq(panel) == issues.conflict


def test_the_selection_stays_on_its_entry_across_reloads(
    panel: SyncIssuesPanel, engine: Engine, issues: Issues
) -> None:
    select(panel, issues.retrying)

    Delivery(engine).delivered([issues.rejected])
    panel.reload()

    assert selected_seq(panel) == issues.retrying


def test_when_nothing_needs_attention_it_says_so(
    qtbot: QtBot, tmp_path: Path, show_in_window: ShowInWindow
) -> None:
    empty_engine = new_database(tmp_path / "empty")
    panel = SyncIssuesPanel(empty_engine)
    with qtbot.waitSignal(panel.issues_changed) as changed:
        panel.reload()
    show_in_window(panel)

    pages = panel.findChild(QStackedWidget)
    assert pages is not None
    assert changed.args == [0]
    assert panel.issue_count() == 0
    assert pages.currentWidget() is child(panel, QWidget, "syncIssuesEmpty")
    assert child(panel, QLabel, "syncIssuesEmptyText").text() == EMPTY_TEXT
    assert child(panel, QLabel, "syncIssuesEmptyText").isVisible()
    assert not button(panel, "syncRetryButton").isVisible()
    empty_engine.dispose()


def test_a_store_that_cannot_be_read_is_reported_and_the_list_kept(
    panel: SyncIssuesPanel, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE outbox RENAME TO outbox_gone"))

    with caplog.at_level(logging.ERROR):
        panel.reload()

    assert "The list of sync issues could not be read" in message(panel).text()
    assert panel.issue_count() == 4
    assert "sync issues could not be read" in caplog.text


# QMessageBox sizes itself after it is shown, which offscreen Qt reports as a warning.
OFFSCREEN_RESIZE = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@OFFSCREEN_RESIZE
def test_the_default_confirmation_defaults_to_cancel(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, object] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["default"] = box.defaultButton().text()
        seen["text"] = box.informativeText()
        box.reject()

    QTimer.singleShot(0, answer)
    agreed = ask_to_discard(parent, "Discard this change?", "Discard “Create run “Smoke””?")

    assert not agreed
    assert seen["default"] == "Cancel"
    assert seen["text"] == "Discard “Create run “Smoke””?"


@OFFSCREEN_RESIZE
def test_the_default_confirmation_agrees_only_on_discard(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        child(box, QPushButton, "syncDiscardConfirmButton").click()

    QTimer.singleShot(0, answer)

    assert ask_to_discard(parent, "Discard this change?", "Discard it?")
