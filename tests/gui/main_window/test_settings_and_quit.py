"""The main window's own choices: Settings applied at once, Sign out passed up, Quit's notice."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.ui.main_window import MainWindow
from app.ui.settings import SettingsDialog
from app.ui.workspace import Workspace
from tests.gui.main_window.conftest import OpenWindow


class QuitAnswer:
    def __init__(self, agree: bool) -> None:
        self.agree = agree
        self.asked: list[int] = []

    def __call__(self, parent: QWidget, undelivered: int) -> bool:
        self.asked.append(undelivered)
        return self.agree


def open_settings(qtbot: QtBot, window: MainWindow) -> SettingsDialog:
    window.main_actions.settings.trigger()
    dialog = window.findChild(SettingsDialog)
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_saved_settings_apply_at_once_and_are_kept(
    qtbot: QtBot,
    open_window: OpenWindow,
    workspace: Workspace,
    saved_settings: list[Settings],
    run_id: int,
) -> None:
    themes: list[str] = []
    window = open_window(workspace, apply_theme=themes.append)
    dialog = open_settings(qtbot, window)
    dialog.form.auto_advance_check.setChecked(False)
    dialog.form.stopwatch_check.setChecked(True)
    dialog.form.interval_edit.setValue(300)
    dialog.form.theme_choice.setCurrentIndex(dialog.form.theme_choice.findData("dark"))

    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    saved = saved_settings[-1]
    assert (saved.auto_advance, saved.stopwatch_autostart) == (False, True)
    assert (saved.sync_interval_seconds, saved.theme) == (300, "dark")
    assert saved.project_id == workspace.project_id, "what the dialog doesn't show stays"
    assert workspace.settings == saved
    assert themes[-1] == "dark"
    auto_advance = window.entry.findChild(QCheckBox, "autoAdvanceCheck")
    assert auto_advance is not None
    assert not auto_advance.isChecked()


def test_cancelled_settings_change_nothing(
    qtbot: QtBot, open_window: OpenWindow, workspace: Workspace, saved_settings: list[Settings]
) -> None:
    before = workspace.settings
    window = open_window(workspace)
    dialog = open_settings(qtbot, window)
    dialog.form.auto_advance_check.setChecked(not before.auto_advance)

    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert saved_settings == []
    assert workspace.settings == before


def test_sign_out_in_the_settings_is_passed_up_once_the_dialog_is_closed(
    qtbot: QtBot, open_window: OpenWindow, workspace: Workspace
) -> None:
    window = open_window(workspace)
    dialog = open_settings(qtbot, window)
    button = dialog.findChild(QPushButton, "signOutButton")
    assert button is not None

    with qtbot.waitSignal(window.sign_out_requested):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert not shiboken6.isValid(dialog), "closed, then deleted, before signing out"


def test_quit_with_undelivered_changes_says_so_and_quits_by_default(
    open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    answer = QuitAnswer(agree=True)
    window = open_window(workspace, confirm_quit=answer)
    for result in workspace.queries.results(run_id)[:3]:
        workspace.commands.record_result(result.id, "passed")

    window.main_actions.quit.trigger()

    assert answer.asked == [3]
    assert not window.isVisible()


def test_keeping_testdeck_open_keeps_the_window(
    open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    answer = QuitAnswer(agree=False)
    window = open_window(workspace, confirm_quit=answer)
    workspace.commands.record_result(workspace.queries.results(run_id)[0].id, "failed")

    window.main_actions.quit.trigger()

    assert answer.asked == [1]
    assert window.isVisible()


def test_with_everything_delivered_quit_asks_nothing(
    open_window: OpenWindow, workspace: Workspace
) -> None:
    answer = QuitAnswer(agree=False)
    window = open_window(workspace, confirm_quit=answer)

    window.main_actions.quit.trigger()

    assert answer.asked == []
    assert not window.isVisible()
