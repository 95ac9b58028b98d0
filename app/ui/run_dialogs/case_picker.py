"""The test-case picker: a filterable, checkable tree of a project's cached test cases."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.store import TestCaseRow
from app.ui.run_dialogs.case_filter import CaseFilter
from app.ui.run_dialogs.case_filter_bar import CaseFilterBar
from app.ui.run_dialogs.case_proxy import CaseFilterProxy
from app.ui.run_dialogs.case_tree import CaseTreeModel
from app.ui.run_dialogs.case_view import CaseTreeView
from app.ui.run_dialogs.catalogue import count_text
from app.ui.theme import SPACING

AUTO_EXPAND_LIMIT = 300
"""Folders open by themselves while the filters show at most this many cases.

Above it they are closed, each saying how many of its cases match: laying thousands of
open rows out again at each typed character would take longer than a keystroke may
(~20 µs a row), and a list that long is read by searching, not by scrolling.
"""


class CasePicker(QWidget):
    """Search, filter and check the test cases of a new run.

    Signals:
        selection_changed(int): cases were checked or unchecked; how many are checked.
    """

    selection_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casePicker")
        self.setAccessibleName("Test case picker")
        self.model = CaseTreeModel(self)
        self.proxy = CaseFilterProxy(self.model, self)
        self.filter_bar = CaseFilterBar(self)
        self.tree = CaseTreeView(self)
        self.tree.setModel(self.proxy)
        self.select_all_button = self._button("selectAllCases", "Select &all", _SELECT_ALL_TIP)
        self.select_none_button = self._button("selectNoCases", "Select n&one", _SELECT_NONE_TIP)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("caseSelectionCount")
        self._lay_out()
        self._connect()
        self._show_count()

    # Public API ---------------------------------------------------------------------------

    def set_cases(self, cases: Sequence[TestCaseRow]) -> None:
        """Offer these cases; checked cases that are still offered stay checked."""
        self.model.set_cases(cases)
        self.filter_bar.set_types(self.model.catalogue.types())
        self.tree.fit_type_column(self.model.catalogue.types())
        self._show_filtered()

    def check_cases(self, case_ids: Iterable[str]) -> int:
        """Check these cases; answers how many of them the picker holds."""
        return self.model.set_ids_checked(case_ids, True)

    def checked_case_ids(self) -> list[str]:
        """The checked cases' ids, in the picker's order (folder by folder, then by title)."""
        return self.model.checks.checked_ids()

    def checked_count(self) -> int:
        return self.model.checks.total

    def case_count(self) -> int:
        return len(self.model.catalogue.cases)

    def count_text(self) -> str:
        return self.count_label.text()

    def show_selected_only(self, selected_only: bool) -> None:
        """Show only the checked cases (or every case again)."""
        self.filter_bar.set_selected_only(selected_only)

    def focus_cases(self) -> None:
        """Move the keyboard into the tree, onto the first row if none is current."""
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def tab_chain(self) -> list[QWidget]:
        """The picker's focusable widgets in reading order."""
        bar = self.filter_bar
        return [
            bar.search_field,
            bar.priority_combo,
            bar.type_combo,
            bar.selected_only_check,
            self.tree,
            self.select_all_button,
            self.select_none_button,
        ]

    # Building -----------------------------------------------------------------------------

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        button.setToolTip(tip)
        return button

    def _lay_out(self) -> None:
        actions = QHBoxLayout()
        actions.setSpacing(SPACING)
        actions.addWidget(self.select_all_button)
        actions.addWidget(self.select_none_button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.tree, 1)
        layout.addLayout(actions)

    def _connect(self) -> None:
        self.filter_bar.filter_changed.connect(self._on_filter_bar_filter_changed)
        self.filter_bar.search_field.down_pressed.connect(self._on_search_down_pressed)
        self.tree.top_passed.connect(self._on_tree_top_passed)
        self.select_all_button.clicked.connect(self._on_select_all_clicked)
        self.select_none_button.clicked.connect(self._on_select_none_clicked)
        self.model.checks_changed.connect(self._on_model_checks_changed)
        search = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        search.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        search.activated.connect(self._on_find_activated)

    # Showing ------------------------------------------------------------------------------

    def _show_count(self) -> None:
        checked, total = self.checked_count(), self.case_count()
        text = f"{checked:,} of {count_text(total)} selected"
        hidden = self.proxy.hidden_checked_count() if self.proxy.case_filter.is_active() else 0
        if hidden:
            text += f" ({hidden:,} not shown)"
        self.count_label.setText(text)
        self.count_label.setAccessibleName(text)

    def _show_filtered(self) -> None:
        """Show what the current filter lets through: folder counts, open folders, count."""
        active = self.proxy.case_filter.is_active()
        self.model.set_folder_matches(self.proxy.folder_matches() if active else None)
        self._fit_expansion()
        self.tree.span_folders()  # after opening folders: it lays the rows out at once
        self.tree.set_empty_reason(filtered=active)
        self._show_count()

    def _fit_expansion(self) -> None:
        """Open every folder shown while few cases are shown; else close them all.

        Called right after the rows changed, while the tree waits to lay them out again:
        it then only notes which folders are open, and lays out once.
        """
        expand = self.proxy.visible_count() <= AUTO_EXPAND_LIMIT
        for row in range(self.proxy.rowCount()):
            self.tree.setExpanded(self.proxy.index(row, 0), expand)

    # Slots --------------------------------------------------------------------------------

    @Slot(object)
    def _on_filter_bar_filter_changed(self, case_filter: CaseFilter) -> None:
        self.proxy.set_filter(case_filter)
        self._show_filtered()

    @Slot(int)
    def _on_model_checks_changed(self, checked: int) -> None:
        self._show_count()
        self.selection_changed.emit(checked)

    @Slot()
    def _on_select_all_clicked(self) -> None:
        self.model.set_positions_checked(self.proxy.visible_positions(), True)

    @Slot()
    def _on_select_none_clicked(self) -> None:
        self.model.set_positions_checked(self.proxy.visible_positions(), False)

    @Slot()
    def _on_search_down_pressed(self) -> None:
        self.focus_cases()

    @Slot()
    def _on_tree_top_passed(self) -> None:
        self.filter_bar.search_field.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_find_activated(self) -> None:
        self.filter_bar.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search_field.selectAll()


_SELECT_ALL_TIP = "Check every case the search and filters show"
_SELECT_NONE_TIP = "Uncheck every case the search and filters show"
