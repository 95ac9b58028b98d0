"""The Qt list model of a project's runs: plain `RunRow` records, newest first."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.store import RunRow
from app.ui.runs.describe import accessible_text, tooltip_text

RUN_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's `RunRow` record."""
CREATED_ROLE = Qt.ItemDataRole.UserRole + 2
"""The sort role: when the run was created (a `datetime`); rows are kept newest first."""
RUN_ID_ROLE = Qt.ItemDataRole.UserRole + 3
"""The run's local id (an `int`)."""
READ_ONLY_ROLE = Qt.ItemDataRole.UserRole + 4
"""Whether the run is closed and takes no more edits (a `bool`)."""

_ROW_CHANGED_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    RUN_ROLE,
    READ_ONLY_ROLE,
]

AnyIndex = QModelIndex | QPersistentModelIndex
SortKey = tuple[float, int]


def sort_key(run: RunRow) -> SortKey:
    """Ascending keys put the newest run (latest `created_at`, then highest id) first."""
    return (-run.created_at.timestamp(), -run.id)


class RunListModel(QAbstractListModel):
    """The runs of one project, always kept newest first.

    Keeping the order here, rather than sorting in the proxy, keeps filtering cheap: a
    sorting proxy re-sorts with Python comparisons whenever a filter widens (60 ms for
    2,000 runs), an unsorted one just maps rows (4 ms).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runs: list[RunRow] = []
        self._keys: list[SortKey] = []
        self._search_keys: list[str] = []
        self._row_of: dict[int, int] = {}

    # Qt interface -------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._runs)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._runs):
            return None
        run = self._runs[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return run.name
        if role == RUN_ROLE:
            return run
        if role == RUN_ID_ROLE:
            return run.id
        if role == READ_ONLY_ROLE:
            return run.is_read_only
        if role == CREATED_ROLE:
            return run.created_at
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(run)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return accessible_text(run)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemNeverHasChildren

    # Reading ------------------------------------------------------------------------------

    def run_at(self, row: int) -> RunRow:
        return self._runs[row]

    def search_key(self, row: int) -> str:
        """The run's name folded for case-insensitive search (kept ready: filtering is hot)."""
        return self._search_keys[row]

    def row_of(self, run_id: int) -> int | None:
        return self._row_of.get(run_id)

    def index_of(self, run_id: int) -> QModelIndex:
        row = self._row_of.get(run_id)
        return QModelIndex() if row is None else self.index(row, 0)

    def __contains__(self, run_id: object) -> bool:
        return run_id in self._row_of

    def __iter__(self) -> Iterator[RunRow]:
        return iter(self._runs)

    # Changing -----------------------------------------------------------------------------

    def set_runs(self, runs: Sequence[RunRow]) -> None:
        """Replace every row (a full reload)."""
        ordered = sorted(runs, key=sort_key)
        self.beginResetModel()
        self._runs = ordered
        self._keys = [sort_key(run) for run in ordered]
        self._search_keys = [run.name.casefold() for run in ordered]
        self._reindex()
        self.endResetModel()

    def upsert(self, run: RunRow) -> None:
        """Update the run's row in place (one narrow `dataChanged`), or insert it in order."""
        row = self._row_of.get(run.id)
        if row is not None and self._keys[row] == sort_key(run):
            self._runs[row] = run
            self._search_keys[row] = run.name.casefold()
            changed = self.index(row, 0)
            self.dataChanged.emit(changed, changed, _ROW_CHANGED_ROLES)
            return
        if row is not None:  # its creation time moved: a rare correction from the server
            self.remove(run.id)
        self._insert(run)

    def remove(self, run_id: int) -> bool:
        """Remove the run's row; False when the model does not hold it."""
        row = self._row_of.get(run_id)
        if row is None:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._runs[row], self._keys[row], self._search_keys[row]
        self._reindex()
        self.endRemoveRows()
        return True

    def _insert(self, run: RunRow) -> None:
        key = sort_key(run)
        row = bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._runs.insert(row, run)
        self._keys.insert(row, key)
        self._search_keys.insert(row, run.name.casefold())
        self._reindex()
        self.endInsertRows()

    def _reindex(self) -> None:
        self._row_of = {run.id: row for row, run in enumerate(self._runs)}
