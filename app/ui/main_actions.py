"""The main window's actions, menus and toolbar: names, shortcuts and icons in one place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar, QToolBar


@dataclass(frozen=True)
class MainActions:
    """Every window-level action; the main window connects their `triggered` signals."""

    sync_now: QAction
    show_sync_issues: QAction
    search_results: QAction
    search_runs: QAction
    go_runs: QAction
    go_results: QAction
    go_entry: QAction
    shortcuts: QAction
    about: QAction
    quit: QAction

    def shortcut_list(self) -> list[tuple[str, str]]:
        """(keys, description) of every action that has a shortcut, for the F1 sheet."""
        listed = []
        for action in self.__dict__.values():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                listed.append((keys, action.toolTip() or action.text().replace("&", "")))
        return listed


def make_actions(window: QMainWindow) -> MainActions:
    def action(name: str, text: str, shortcut: str | QKeySequence.StandardKey, tip: str) -> QAction:
        made = QAction(text, window)
        made.setObjectName(name)
        made.setShortcut(QKeySequence(shortcut))
        made.setToolTip(tip)
        made.setStatusTip(tip)
        made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(made)
        return made

    issues = action(
        "syncIssuesAction", "Sync &issues", "Ctrl+Shift+I", "Show changes that need attention"
    )
    issues.setCheckable(True)
    return MainActions(
        sync_now=action("syncNowAction", "&Sync now", "F5", "Deliver changes and fetch news now"),
        show_sync_issues=issues,
        search_results=action(
            "searchResultsAction",
            "Search &results",
            QKeySequence.StandardKey.Find,
            "Search the results of this run by title",
        ),
        search_runs=action(
            "searchRunsAction", "Search r&uns", "Ctrl+Shift+F", "Search the runs by name"
        ),
        go_runs=action("goRunsAction", "Go to &runs", "Ctrl+1", "Move the focus to the runs"),
        go_results=action(
            "goResultsAction", "Go to r&esults", "Ctrl+2", "Move the focus to the results"
        ),
        go_entry=action(
            "goEntryAction", "Go to the &note", "Ctrl+3", "Move the focus to the note editor"
        ),
        shortcuts=action(
            "shortcutsAction",
            "&Keyboard shortcuts",
            QKeySequence.StandardKey.HelpContents,
            "List every keyboard shortcut",
        ),
        about=action("aboutAction", "&About Testdeck", "", "About Testdeck"),
        quit=action("quitAction", "&Quit", QKeySequence.StandardKey.Quit, "Quit Testdeck"),
    )


def build_menus(menu_bar: QMenuBar, actions: MainActions) -> None:
    file_menu = menu_bar.addMenu("&File")
    file_menu.addAction(actions.sync_now)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    view_menu = menu_bar.addMenu("&View")
    view_menu.addAction(actions.show_sync_issues)
    go_menu = menu_bar.addMenu("&Go")
    for action in (actions.go_runs, actions.go_results, actions.go_entry):
        go_menu.addAction(action)
    go_menu.addSeparator()
    go_menu.addAction(actions.search_runs)
    go_menu.addAction(actions.search_results)
    help_menu = menu_bar.addMenu("&Help")
    help_menu.addAction(actions.shortcuts)
    help_menu.addAction(actions.about)


def build_toolbar(window: QMainWindow, actions: MainActions) -> QToolBar:
    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addAction(actions.sync_now)
    toolbar.addAction(actions.show_sync_issues)
    toolbar.addSeparator()
    toolbar.addAction(actions.shortcuts)
    for action in toolbar.actions():
        button = toolbar.widgetForAction(action)
        if button is not None and action.objectName():
            button.setObjectName(action.objectName().removesuffix("Action") + "Button")
            button.setAccessibleName(action.text().replace("&", ""))
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return toolbar
