"""The Qt model of a run's results: `ResultTableRow` tuples, formatted only when asked.

The model keeps the rows in a list plus an id-to-row dict. Text is made lazily in `data()`,
so opening a 10,000-result run costs no more than reading it; the view asks only for the
rows it shows. Sorting happens here with Python's sort (the proxy in front of the model
only filters): a proxy sort would call `data()` hundreds of thousands of times.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.store.result_table import ResultTableRow
from app.ui.run_detail.columns import (
    ALIGNMENT,
    ANSWERS,
    COLUMN_COUNT,
    HEADERS,
    SORT_KEYS,
    Column,
)

ModelIndex = QModelIndex | QPersistentModelIndex


class ResultTableModel(QAbstractTableModel):
    """The results of one run, one row per result, in the run's order or a sorted one."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ResultTableRow] = []
        self._row_of: dict[int, int] = {}
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # Reading ----------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGNMENT[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every painted cell: one dict lookup, then one call.
        answer = ANSWERS.get(role)
        if answer is None or not index.isValid():
            return None
        return answer(self._rows[index.row()], index.column())

    def row_of(self, result_id: int) -> int | None:
        """The model row showing `result_id`, if it is in the table."""
        return self._row_of.get(result_id)

    def record(self, row: int) -> ResultTableRow:
        return self._rows[row]

    def result_ids(self) -> list[int]:
        return [row.id for row in self._rows]

    # Changing ---------------------------------------------------------------------

    def in_run_order(self) -> bool:
        """Whether the rows are in the run's own order (the table is not sorted by a column)."""
        return self._sort_column not in SORT_KEYS

    def set_rows(self, rows: Sequence[ResultTableRow]) -> None:
        """Show `rows` (in the run's order), sorted again as the table is sorted."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort_column in SORT_KEYS:
            self._sort_rows()
        self._index_rows()
        self.endResetModel()

    def update_rows(self, rows: Iterable[ResultTableRow]) -> list[int]:
        """Replace rows in place (same ids); returns the ids it did not show."""
        unknown: list[int] = []
        changed: list[int] = []
        for fresh in rows:
            position = self._row_of.get(fresh.id)
            if position is None:
                unknown.append(fresh.id)
            elif self._rows[position] != fresh:
                self._rows[position] = fresh
                changed.append(position)
        for start, end in _spans(changed):
            last = self.index(end, COLUMN_COUNT - 1)
            self.dataChanged.emit(self.index(start, 0), last)
        return unknown

    def remove_rows(self, result_ids: Iterable[int]) -> None:
        for result_id in result_ids:
            position = self._row_of.get(result_id)
            if position is None:
                continue
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            self._index_rows()
            self.endRemoveRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by `column` (-1: the run's own order), keeping selections on their results."""
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[index.row()].id for index in persistent]
        self._sort_rows()
        self._index_rows()
        moved = [
            self.index(self._row_of[result_id], index.column())
            for result_id, index in zip(ids, persistent, strict=True)
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        self._rows.sort(key=_run_order)
        if self._sort_column in SORT_KEYS:
            descending = self._sort_order == Qt.SortOrder.DescendingOrder
            self._rows.sort(key=SORT_KEYS[self._sort_column], reverse=descending)

    def _index_rows(self) -> None:
        self._row_of = dict(zip(map(_row_id, self._rows), range(len(self._rows)), strict=True))


_row_id = itemgetter(0)


def _run_order(row: ResultTableRow) -> tuple[int, int]:
    return row.position, row.id


_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


def _spans(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of row numbers, so that a batch of edits sends few signals."""
    spans: list[tuple[int, int]] = []
    for row in sorted(rows):
        if spans and spans[-1][1] == row - 1:
            spans[-1] = (spans[-1][0], row)
        else:
            spans.append((row, row))
    return spans
