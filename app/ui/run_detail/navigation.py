"""Moving through the results table in the order the tester sees it (sorted and filtered)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from app.domain import ResultStatus
from app.ui.run_detail.result_model import ResultTableModel
from app.ui.run_detail.result_proxy import ResultFilterProxy

_NOT_TESTED = ResultStatus.NOT_TESTED.value
_SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)


class TableNavigator:
    """Selection moves on a results table: to a result, by a step, to the next untested."""

    def __init__(
        self, table: QTableView, proxy: ResultFilterProxy, model: ResultTableModel
    ) -> None:
        self._table = table
        self._proxy = proxy
        self._model = model
        self.filtering = False
        """True while a filter is being applied (Qt then moves the selection on its own)."""
        self._hidden_choice: int | None = None

    def apply_filter(self, change: Callable[[], None]) -> None:
        """Filter without ever selecting another result than the tester chose.

        A chosen result the filter hides is unselected and selected again as soon as a filter
        shows it, unless the tester chose another one meanwhile (`forget_hidden_choice`).
        """
        chosen = self._table_current_id()
        if chosen is None:
            chosen = self._hidden_choice
        self.filtering = True
        try:
            change()
        finally:
            self.filtering = False
        if chosen is not None and self.select(chosen, scroll=True):
            self._hidden_choice = None
        else:
            self._table.selectionModel().clear()
            self._hidden_choice = chosen

    def forget_hidden_choice(self) -> None:
        self._hidden_choice = None

    def select(self, result_id: int, *, scroll: bool) -> bool:
        """Make `result_id` the current, selected row; False when it is not shown."""
        view_row = self._view_row_of(result_id)
        if view_row is None:
            return False
        self._select_view_row(view_row, scroll=scroll)
        return True

    def select_adjacent(self, step: int) -> int | None:
        """Move `step` rows from the current one (from the top or bottom when there is none)."""
        count = self._proxy.rowCount()
        if count == 0:
            return None
        current = self._table.currentIndex()
        start = current.row() if current.isValid() else (-1 if step >= 0 else count)
        target = max(0, min(count - 1, start + step))
        self._select_view_row(target, scroll=True)
        return self._result_id_at(target)

    def next_untested_after(self, result_id: int) -> int | None:
        """The first not-tested row after `result_id` in view order, wrapping; None if none.

        When `result_id` is not shown, the search starts at the top.
        """
        count = self._proxy.rowCount()
        start = self._view_row_of(result_id)
        first = 0 if start is None else start + 1
        for offset in range(count):
            view_row = (first + offset) % count
            if view_row == start:
                continue
            record = self._model.record(self._source_row(view_row))
            if record.status == _NOT_TESTED:
                return record.id
        return None

    def _select_view_row(self, view_row: int, *, scroll: bool) -> None:
        index = self._proxy.index(view_row, 0)
        selection = self._table.selectionModel()
        selection.setCurrentIndex(index, _SELECT_ROW)
        if scroll:
            self._table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _view_row_of(self, result_id: int) -> int | None:
        source_row = self._model.row_of(result_id)
        if source_row is None:
            return None
        if self._identity():
            return source_row
        index = self._proxy.mapFromSource(self._model.index(source_row, 0))
        return index.row() if index.isValid() else None

    def _source_row(self, view_row: int) -> int:
        if self._identity():
            return view_row
        return self._proxy.mapToSource(self._proxy.index(view_row, 0)).row()

    def _result_id_at(self, view_row: int) -> int:
        return self._model.record(self._source_row(view_row)).id

    def _table_current_id(self) -> int | None:
        current = self._table.currentIndex()
        return self._result_id_at(current.row()) if current.isValid() else None

    def _identity(self) -> bool:
        """Whether view rows are model rows (nothing filtered out): skips Qt's mapping."""
        return self._proxy.rowCount() == self._model.rowCount()
