"""The sync-issues panel is built when it is first needed, and is complete from then on."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from app.ui.sync_view import SyncIssuesDock
from app.ui.workspace import Workspace
from tests.gui.main_window.conftest import OpenWindow, park_one_change


def panel_widget(window: MainWindow) -> QWidget | None:
    found: QWidget | None = window.findChild(QWidget, "syncIssuesPanel")
    return found


def issues_dock(window: MainWindow) -> QDockWidget:
    dock = window.findChild(QDockWidget, "syncIssuesDock")
    assert dock is not None
    return dock


def test_the_panel_is_built_when_the_tester_first_opens_it(
    qtbot: QtBot, open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    park_one_change(workspace, run_id)
    window = open_window(workspace)
    assert panel_widget(window) is None, "built at start, before anyone asked for it"

    window.main_actions.show_sync_issues.trigger()

    qtbot.waitUntil(issues_dock(window).isVisible)
    panel = panel_widget(window)
    assert panel is not None
    assert panel.isVisible()
    assert window.sync_issues.issue_count() == 1


def test_a_window_closed_with_the_panel_open_opens_with_it_again(
    qtbot: QtBot, open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    park_one_change(workspace, run_id)
    first = open_window(workspace)
    first.main_actions.show_sync_issues.trigger()
    qtbot.waitUntil(issues_dock(first).isVisible)
    assert first.close()

    second = open_window(workspace)

    assert issues_dock(second).isVisible()
    assert second.main_actions.show_sync_issues.isChecked()
    panel = panel_widget(second)
    assert panel is not None
    assert panel.isVisible()
    assert second.sync_issues.issue_count() == 1


def test_a_failed_retry_is_reported_even_before_the_panel_was_opened(
    open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    park_one_change(workspace, run_id)
    window = open_window(workspace)
    dock = issues_dock(window)
    assert isinstance(dock, SyncIssuesDock)
    assert panel_widget(window) is None

    dock.show_entry_error(9999, "The cache could not be written.")

    panel = panel_widget(window)
    assert panel is not None
    labels = [label.text() for label in panel.findChildren(QLabel)]
    assert any("The cache could not be written." in text for text in labels), labels
