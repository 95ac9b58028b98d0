"""The main window's actions, menus and toolbar: names, shortcuts and icons in one place."""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QToolBar

from app.ui.icons import icon

ShortcutKey = str | QKeySequence.StandardKey


@dataclass(frozen=True)
class MainActions:
    """Every window-level action; the main window connects their `triggered` signals.

    The run actions work on the run chosen in the runs pane; the window enables them as
    that run allows (a closed run can be re-run, not edited or closed).
    """

    new_run: QAction
    rerun_failed: QAction
    rerun_all: QAction
    edit_run: QAction
    close_run: QAction
    sync_now: QAction
    show_sync_issues: QAction
    search_results: QAction
    search_runs: QAction
    go_runs: QAction
    go_results: QAction
    go_entry: QAction
    connect: QAction
    settings: QAction
    sign_out: QAction
    shortcuts: QAction
    about: QAction
    quit: QAction

    def shortcut_list(self) -> list[tuple[str, str]]:
        """(keys, description) of every action that has a shortcut, for the F1 sheet."""
        listed = []
        for action in self.all():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                listed.append((keys, action.toolTip() or action.text().replace("&", "")))
        return listed

    def all(self) -> list[QAction]:
        return [getattr(self, field.name) for field in fields(self)]

    def run_actions(self) -> list[QAction]:
        """The actions about the chosen run, in the order of its context menu."""
        return [self.edit_run, self.close_run, self.rerun_failed, self.rerun_all]

    def refresh_icons(self, palette: QPalette) -> None:
        """Draw the icons again in `palette`'s colours (after a theme change)."""
        for action in self.all():
            name = action.property("iconName")
            if name:
                action.setIcon(icon(str(name), palette))


def make_actions(window: QMainWindow) -> MainActions:
    def action(
        name: str, text: str, shortcut: ShortcutKey, tip: str, icon_name: str = ""
    ) -> QAction:
        made = QAction(text, window)
        made.setObjectName(name)
        made.setShortcut(QKeySequence(shortcut))
        made.setToolTip(tip)
        made.setStatusTip(tip)
        made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        made.setProperty("iconName", icon_name)
        window.addAction(made)
        return made

    issues = action(
        "syncIssuesAction",
        "Sync &issues",
        "Ctrl+Shift+I",
        "Show changes that need attention",
        "warning",
    )
    issues.setCheckable(True)
    quit_action = action("quitAction", "&Quit", QKeySequence.StandardKey.Quit, "Quit Testdeck")
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    return MainActions(
        new_run=action(
            "newRunAction",
            "&New run…",
            QKeySequence.StandardKey.New,
            "Create a run from test cases you choose",
            "new-run",
        ),
        rerun_failed=action(
            "rerunFailedAction",
            "Re-run &failed and blocked…",
            "Ctrl+Shift+R",
            "Make a new run of this run's failed and blocked cases",
        ),
        rerun_all=action(
            "rerunAllAction", "Re-run &all cases…", "", "Make a new run of all of this run's cases"
        ),
        edit_run=action(
            "editRunAction", "&Edit run…", "F2", "Rename the run or change its milestone", "edit"
        ),
        close_run=action(
            "closeRunAction",
            "&Close run…",
            "Ctrl+Shift+W",
            "Close the run: its results become final and read-only",
            "close-run",
        ),
        sync_now=action(
            "syncNowAction", "&Sync now", "F5", "Deliver changes and fetch news now", "sync"
        ),
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
        connect=action(
            "connectAction",
            "&Connect to Testably…",
            "",
            "Sign in with an API token and choose a project",
        ),
        settings=action(
            "settingsAction",
            "Se&ttings…",
            "Ctrl+,",
            "Sync interval, recording, theme and account",
            "settings",
        ),
        sign_out=action(
            "signOutAction", "Sign &out…", "", "Remove the API token from this computer"
        ),
        shortcuts=action(
            "shortcutsAction",
            "&Keyboard shortcuts",
            QKeySequence.StandardKey.HelpContents,
            "List every keyboard shortcut",
            "keyboard",
        ),
        about=action("aboutAction", "&About Testdeck", "", "About Testdeck"),
        quit=quit_action,
    )


def build_menus(menu_bar: QMenuBar, actions: MainActions) -> QMenu:
    """The menu bar; returns the (initially empty) project menu the window fills."""
    file_menu = menu_bar.addMenu("&File")
    file_menu.addAction(actions.sync_now)
    file_menu.addSeparator()
    file_menu.addAction(actions.connect)
    projects = file_menu.addMenu("Switch &project")
    projects.setObjectName("projectMenu")
    file_menu.addAction(actions.sign_out)
    file_menu.addSeparator()
    file_menu.addAction(actions.settings)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    run_menu = menu_bar.addMenu("&Run")
    run_menu.addAction(actions.new_run)
    run_menu.addSeparator()
    for action in actions.run_actions():
        run_menu.addAction(action)
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
    return projects


def build_toolbar(window: QMainWindow, actions: MainActions) -> QToolBar:
    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    groups = (
        (actions.new_run, actions.edit_run, actions.close_run),
        (actions.sync_now, actions.show_sync_issues),
        (actions.settings, actions.shortcuts),
    )
    for number, group in enumerate(groups):
        if number:
            toolbar.addSeparator()
        toolbar.addActions(group)
    for action in toolbar.actions():
        button = toolbar.widgetForAction(action)
        if button is not None and action.objectName():
            button.setObjectName(action.objectName().removesuffix("Action") + "Button")
            button.setAccessibleName(action.text().replace("&", "").removesuffix("…"))
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return toolbar
