"""The row above the case tree: search by title, priority, type, and "selected only"."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from app.ui.icons import icon
from app.ui.run_dialogs.case_filter import CaseFilter
from app.ui.run_dialogs.catalogue import PRIORITIES, value_key, value_label
from app.ui.runs.widgets import SearchField
from app.ui.theme import SPACING

ALL_PRIORITIES = "All priorities"
ALL_TYPES = "All types"


class CaseSearchField(SearchField):
    """The title search: Esc clears it; Down, Enter and Return move into the cases.

    Enter must not reach the dialog here: it would press "Create run" while the tester is
    still looking for cases.
    """

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.down_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class CaseFilterBar(QWidget):
    """Search, priority, type and "selected only", read together as one `CaseFilter`.

    Signals:
        filter_changed(object): the tester changed a filter; the new `CaseFilter`.
    """

    filter_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._types: list[str | None] = [None]
        self.search_field = self._build_search()
        self.priority_combo = self._build_combo(
            "casePriorityFilter", "Priority filter", "Show only the cases of one priority"
        )
        self.priority_combo.addItems([ALL_PRIORITIES, *(value_label(p) for p in PRIORITIES)])
        self.type_combo = self._build_combo(
            "caseTypeFilter", "Type filter", "Show only the cases of one type"
        )
        self.type_combo.addItem(ALL_TYPES)
        self.selected_only_check = self._build_selected_only()
        self._search_action = QAction(self)
        self.search_field.addAction(self._search_action, QLineEdit.ActionPosition.LeadingPosition)
        self.refresh_icons()
        self._lay_out()
        self.search_field.textChanged.connect(self._on_any_filter_edited)
        self.priority_combo.currentIndexChanged.connect(self._on_any_filter_edited)
        self.type_combo.currentIndexChanged.connect(self._on_any_filter_edited)
        self.selected_only_check.toggled.connect(self._on_any_filter_edited)

    # Reading and setting ------------------------------------------------------------------

    def current_filter(self) -> CaseFilter:
        priority_row = self.priority_combo.currentIndex()
        return CaseFilter(
            search=self.search_field.text(),
            priority=PRIORITIES[priority_row - 1] if priority_row > 0 else None,
            case_type=self._types[max(0, self.type_combo.currentIndex())],
            selected_only=self.selected_only_check.isChecked(),
        )

    def set_types(self, types: Sequence[str]) -> None:
        """Offer these case types; keep the chosen one if it is still offered."""
        chosen = self._types[max(0, self.type_combo.currentIndex())]
        self._types = [None, *(value_key(t) for t in types)]
        self.type_combo.blockSignals(True)
        self.type_combo.clear()
        self.type_combo.addItems([ALL_TYPES, *(value_label(t) for t in types)])
        row = self._types.index(chosen) if chosen in self._types else 0
        self.type_combo.setCurrentIndex(row)
        self.type_combo.blockSignals(False)
        if self._types[row] != chosen:
            self._emit_filter()

    def set_selected_only(self, selected_only: bool) -> None:
        self.selected_only_check.setChecked(selected_only)

    def refresh_icons(self) -> None:
        """Draw the search icon again in the current palette's colours."""
        self._search_action.setIcon(icon("search", self.palette()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_search_action"):
            self.refresh_icons()

    # Building -----------------------------------------------------------------------------

    def _build_search(self) -> CaseSearchField:
        field = CaseSearchField(self)
        field.setObjectName("caseSearch")
        field.setAccessibleName("Search test cases")
        field.setPlaceholderText("Search cases by title")
        field.setToolTip("Show the cases whose title contains this text (Esc clears it)")
        field.setClearButtonEnabled(True)
        return field

    def _build_combo(self, name: str, accessible: str, tip: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setToolTip(tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _build_selected_only(self) -> QCheckBox:
        check = QCheckBox("&Selected only", self)
        check.setObjectName("caseSelectedOnly")
        check.setAccessibleName("Show only selected cases")
        check.setToolTip("Show only the cases that are checked")
        return check

    def _lay_out(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.search_field, 1)
        layout.addWidget(self.priority_combo)
        layout.addWidget(self.type_combo)
        layout.addWidget(self.selected_only_check)

    def _emit_filter(self) -> None:
        self.filter_changed.emit(self.current_filter())

    # Slots --------------------------------------------------------------------------------

    @Slot()
    def _on_any_filter_edited(self) -> None:
        self._emit_filter()
