"""Every interactive widget of the main window can be found by tools and read by screen readers."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from app.ui.main_window import MainWindow
from app.ui.workspace import Workspace
from tests.gui.main_window.conftest import OpenWindow, park_one_change

INTERACTIVE = (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit)
REQUIRED_NAMES = {
    "runList",
    "runSearch",
    "resultTable",
    "resultFilter",
    "statusPassed",
    "statusFailed",
    "statusBlocked",
    "statusRetest",
    "statusNotTested",
    "noteEdit",
    "elapsedEdit",
    "saveResultButton",
    "syncStatus",
    "syncIssuesPanel",
}
QT_INTERNAL_PREFIXES = ("qt_",)


def interactive_widgets(window: MainWindow) -> list[QWidget]:
    """The widgets a user can reach now (shown), without the parts Qt builds inside its own."""
    found = [w for w in window.findChildren(QWidget) if isinstance(w, INTERACTIVE)]
    return [w for w in found if w.isVisibleTo(window) and not _is_qt_internal(w)]


def _is_qt_internal(widget: QWidget) -> bool:
    """A combo box's popup list, a line edit's clear button, a toolbar's overflow arrow."""
    if widget.inherits("QToolBarExtension"):
        return True
    chain = widget.parentWidget()
    while chain is not None:
        if isinstance(chain, QComboBox | QLineEdit):
            return True
        chain = chain.parentWidget()
    return widget.objectName().startswith(QT_INTERNAL_PREFIXES)


def test_the_named_widgets_exist(
    open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    window = open_window(workspace)
    window.main_actions.show_sync_issues.trigger()  # the panel is built when first opened
    names = {widget.objectName() for widget in window.findChildren(QWidget)}
    assert names >= REQUIRED_NAMES
    sync_now = window.findChild(QAction, "syncNowAction")
    assert sync_now is not None
    assert sync_now.text()


def test_every_interactive_widget_has_an_object_and_an_accessible_name(
    open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    park_one_change(workspace, run_id)
    window = open_window(workspace)
    assert window.runs.select_run(run_id)
    assert window.detail.select_result(workspace.queries.results(run_id)[0].id)
    window.main_actions.show_sync_issues.trigger()
    widgets = interactive_widgets(window)
    assert window.sync_issues in [w.parentWidget() for w in widgets] or any(
        window.sync_issues.isAncestorOf(w) for w in widgets
    )
    assert len(widgets) > 20
    unnamed = [type(w).__name__ for w in widgets if not w.objectName()]
    unspoken = [w.objectName() or type(w).__name__ for w in widgets if not w.accessibleName()]
    assert not unnamed, f"widgets without an objectName: {unnamed}"
    assert not unspoken, f"widgets without an accessible name: {unspoken}"


def test_object_names_are_unique_among_interactive_widgets(
    open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    park_one_change(workspace, run_id)
    window = open_window(workspace)
    window.main_actions.show_sync_issues.trigger()
    names = [w.objectName() for w in interactive_widgets(window)]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    assert not duplicates
