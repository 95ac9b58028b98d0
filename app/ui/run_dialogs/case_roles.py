"""What the case tree shows in each role: titles, check states, tooltips, fonts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from app.store import TestCaseRow
from app.ui.run_dialogs.case_checks import CaseChecks
from app.ui.run_dialogs.catalogue import Catalogue, count_text, value_label

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The case's id (a `str`) on case rows; `None` on folder rows."""

TITLE_COLUMN, PRIORITY_COLUMN, TYPE_COLUMN = range(3)
HEADERS = ("Test case", "Priority", "Type")

_DISPLAY = Qt.ItemDataRole.DisplayRole
_CHECK = Qt.ItemDataRole.CheckStateRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_CHECKED, _UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


class RowTexts:
    """Answers `data()` for folder and case rows of one catalogue.

    Args:
        matches: per folder, how many cases the picker's filters show; `None` when no
            filter is active (folder titles then give only their case count).
    """

    def __init__(
        self, catalogue: Catalogue, checks: CaseChecks, matches: list[int] | None = None
    ) -> None:
        self.catalogue = catalogue
        self.checks = checks
        self.matches = matches
        self._bold = QFont()
        self._bold.setWeight(QFont.Weight.DemiBold)

    def folder(self, row: int, column: int, role: int) -> Any:
        if column != TITLE_COLUMN:
            return None
        if role == _DISPLAY:
            return self.folder_title(row)
        if role == _CHECK:
            return self.checks.folder_state(row)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role in (_TOOLTIP, _ACCESSIBLE):
            folder = self.catalogue.folders[row]
            checked = self.checks.folder_checked(row)
            return f"Folder {folder.title}: {count_text(folder.size)}, {checked:,} selected"
        return None

    def folder_title(self, row: int) -> str:
        """ "fld_login · 12 cases", or "fld_login · 3 of 12 cases" while filtered."""
        folder = self.catalogue.folders[row]
        if self.matches is None:
            return f"{folder.title}  ·  {count_text(folder.size)}"
        return f"{folder.title}  ·  {self.matches[row]:,} of {count_text(folder.size)}"

    def case(self, position: int, column: int, role: int) -> Any:
        case = self.catalogue.cases[position]
        if role == _DISPLAY:
            return _case_text(case, column)
        if column != TITLE_COLUMN:
            return None
        if role == _CHECK:
            return _CHECKED if self.checks.is_checked(position) else _UNCHECKED
        if role == CASE_ID_ROLE:
            return case.id
        if role == _TOOLTIP:
            return f"{case.title}\n{case.id}"
        if role == _ACCESSIBLE:
            details = (value_label(case.priority), value_label(case.type))
            return ", ".join(text for text in (case.title, *details) if text)
        return None


def _case_text(case: TestCaseRow, column: int) -> str:
    if column == TITLE_COLUMN:
        return case.title
    return value_label(case.priority if column == PRIORITY_COLUMN else case.type)
