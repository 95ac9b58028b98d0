"""The checkable tree of test cases: folders at the top level, their cases below.

A folder's check state is derived from its cases (checked, unchecked or partly checked);
checking a folder checks every case in it. Check changes send narrow `dataChanged`
signals (one range per folder touched), never a reset.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.store import TestCaseRow
from app.ui.run_dialogs.case_checks import CaseChecks
from app.ui.run_dialogs.case_roles import HEADERS, TITLE_COLUMN, RowTexts
from app.ui.run_dialogs.catalogue import Catalogue

_CHECK = Qt.ItemDataRole.CheckStateRole
_COLUMNS = len(HEADERS)
_FOLDER_ID = 0  # internal id of folder rows; a case row's is its folder's row + 1
_CHANGED_ROLES = [_CHECK, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole]
# Flags built once: combining enum members costs more than the rest of `flags()`.
_PLAIN = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_FOLDER_FLAGS = (_PLAIN, _PLAIN | Qt.ItemFlag.ItemIsUserCheckable)
_CASE_FLAGS = (
    _PLAIN | Qt.ItemFlag.ItemNeverHasChildren,
    _PLAIN | Qt.ItemFlag.ItemNeverHasChildren | Qt.ItemFlag.ItemIsUserCheckable,
)

AnyIndex = QModelIndex | QPersistentModelIndex


class CaseTreeModel(QAbstractItemModel):
    """A project's test cases grouped by folder, each with a check box.

    Signals:
        checks_changed(int): cases were checked or unchecked; how many are checked now.
    """

    checks_changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalogue = Catalogue()
        self.checks = CaseChecks(self.catalogue)
        self.revision = 0
        """Grows at every reset, so caches built on the rows know when they are stale."""
        self._texts = RowTexts(self.catalogue, self.checks)
        self._sizes: list[int] = []

    # Reading ------------------------------------------------------------------------------

    def folder_index(self, folder_row: int, column: int = TITLE_COLUMN) -> QModelIndex:
        return self.createIndex(folder_row, column, _FOLDER_ID)

    def case_index(self, position: int, column: int = TITLE_COLUMN) -> QModelIndex:
        """The index of the case at `position` of the catalogue."""
        folder_row = self.checks.folder_of(position)
        start = self.catalogue.folders[folder_row].start
        return self.createIndex(position - start, column, folder_row + 1)

    def position_of(self, index: AnyIndex) -> int | None:
        """The catalogue position of a case index; `None` for a folder or invalid index."""
        if not index.isValid() or index.internalId() == _FOLDER_ID:
            return None
        return self.catalogue.folders[index.internalId() - 1].start + index.row()

    # Changing -----------------------------------------------------------------------------

    def set_cases(self, cases: Sequence[TestCaseRow]) -> None:
        """Show these cases; the ones checked before and still present stay checked."""
        kept = self.checks.checked_ids()
        self.beginResetModel()
        self.catalogue = Catalogue.of(cases)
        self.checks = CaseChecks(self.catalogue)
        self.checks.set_ids(kept, True)
        self._texts = RowTexts(self.catalogue, self.checks)
        self._sizes = [folder.size for folder in self.catalogue.folders]
        self.revision += 1
        self.endResetModel()
        self.checks_changed.emit(self.checks.total)

    def set_ids_checked(self, case_ids: Iterable[str], checked: bool = True) -> int:
        """Check (or uncheck) the cases with these ids; answers how many are in the catalogue."""
        positions = self.checks.positions_of(case_ids)
        self.set_positions_checked(positions, checked)
        return len(positions)

    def set_positions_checked(self, positions: Iterable[int], checked: bool) -> None:
        """Check or uncheck the cases at these catalogue positions, with narrow updates."""
        changed = self.checks.set_positions(positions, checked)
        if not changed:
            return
        for first, last in changed.values():
            self._emit_changed(self.case_index(first), self.case_index(last))
        rows = sorted(changed)
        self._emit_changed(self.folder_index(rows[0]), self.folder_index(rows[-1]))
        self.checks_changed.emit(self.checks.total)

    def set_folder_matches(self, matches: list[int] | None) -> None:
        """Say in each folder's title how many of its cases the filters show (`None`: don't)."""
        if matches == self._texts.matches:
            return
        self._texts.matches = matches
        if self._sizes:
            last = self.folder_index(len(self._sizes) - 1)
            self.dataChanged.emit(self.folder_index(0), last, [Qt.ItemDataRole.DisplayRole])

    # Qt interface -------------------------------------------------------------------------
    # Views call these for every row they lay out, through the proxy: they read plain
    # lists and check bounds inline (`hasIndex` would call back into `rowCount`).

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        sizes = self._sizes
        folder_row = parent.row()
        if folder_row < 0:
            inside = 0 <= row < len(sizes) and 0 <= column < _COLUMNS
            return self.createIndex(row, column, _FOLDER_ID) if inside else QModelIndex()
        inside = 0 <= row < sizes[folder_row] and 0 <= column < _COLUMNS
        if not inside or parent.internalId() != _FOLDER_ID:
            return QModelIndex()
        return self.createIndex(row, column, folder_row + 1)

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        folder = child.internalId()  # an invalid index has the folders' id too
        if folder == _FOLDER_ID:
            return QModelIndex()
        return self.createIndex(folder - 1, 0, _FOLDER_ID)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        folder_row = parent.row()
        if folder_row < 0:
            return len(self._sizes)
        if parent.internalId() != _FOLDER_ID or parent.column() != TITLE_COLUMN:
            return 0
        return self._sizes[folder_row]

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return _COLUMNS

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return self.rowCount(parent) > 0

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        column = index.column()
        if column < 0:
            return Qt.ItemFlag.NoItemFlags
        table = _FOLDER_FLAGS if index.internalId() == _FOLDER_ID else _CASE_FLAGS
        return table[column == TITLE_COLUMN]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, folder = index.row(), index.internalId()
        if row < 0:
            return None
        if folder == _FOLDER_ID:
            return self._texts.folder(row, index.column(), role)
        position = self.catalogue.folders[folder - 1].start + row
        return self._texts.case(position, index.column(), role)

    def setData(self, index: AnyIndex, value: Any, role: int = _CHECK) -> bool:  # noqa: N802
        if role != _CHECK or not index.isValid() or index.column() != TITLE_COLUMN:
            return False
        checked = _as_check_state(value) != Qt.CheckState.Unchecked
        position = self.position_of(index)
        if position is None:
            folder = self.catalogue.folders[index.row()]
            self.set_positions_checked(range(folder.start, folder.stop), checked)
        else:
            self.set_positions_checked((position,), checked)
        return True

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < _COLUMNS else None
        return None

    def _emit_changed(self, first: QModelIndex, last: QModelIndex) -> None:
        self.dataChanged.emit(first, last, _CHANGED_ROLES)


def _as_check_state(value: Any) -> Qt.CheckState:
    """Views hand check states over as the enum or as its integer value."""
    if isinstance(value, Qt.CheckState):
        return value
    return Qt.CheckState(int(value))
