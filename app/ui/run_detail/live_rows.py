"""Keeping the results table in step with the database without losing the tester's place."""

from __future__ import annotations

from sqlalchemy import Engine

from app.store.result_table import (
    fetch_result_table_rows,
    fetch_result_table_rows_by_id,
    result_ids_in_run,
)
from app.ui.run_detail.navigation import TableNavigator
from app.ui.run_detail.result_model import ResultTableModel
from app.ui.run_detail.table import ResultTableView


class LiveRows:
    """Reads a run's rows into the model: all at once, again in place, or a few of them.

    Every method may raise `StoreError`; the model then keeps what it showed.
    """

    def __init__(
        self,
        engine: Engine,
        model: ResultTableModel,
        table: ResultTableView,
        navigator: TableNavigator,
    ) -> None:
        self._engine = engine
        self._model = model
        self._table = table
        self._navigator = navigator

    def load(self, run_id: int, *, limit: int | None = None) -> None:
        """Show the run's rows from the top (only the first `limit`, if given)."""
        self._model.set_rows(fetch_result_table_rows(self._engine, run_id, limit=limit))
        self._table.scrollToTop()

    def refresh(self, run_id: int, result_ids: list[int]) -> None:
        """Re-read these rows in place; a new result of the run means a reload."""
        known = [result_id for result_id in result_ids if self._model.row_of(result_id) is not None]
        unknown = [result_id for result_id in result_ids if self._model.row_of(result_id) is None]
        if unknown and result_ids_in_run(self._engine, run_id, unknown):
            self.reload(run_id)
            return
        if not known:
            return
        fresh = fetch_result_table_rows_by_id(self._engine, known, run_id=run_id)
        self._model.update_rows(row for row in fresh.values() if row is not None)
        gone = [result_id for result_id, row in fresh.items() if row is None]
        if gone:
            if self._table.result_id_at(self._table.currentIndex()) in gone:
                self._table.selectionModel().clear()  # never slide onto a neighbour
            self._model.remove_rows(gone)

    def reload(self, run_id: int) -> None:
        """Re-read every row; the same results are updated in place, else the table is reset
        and the selection and the scroll position are put back."""
        rows = fetch_result_table_rows(self._engine, run_id)
        if sorted(row.id for row in rows) == sorted(self._model.result_ids()):
            self._model.update_rows(rows)
            return
        current = self._table.result_id_at(self._table.currentIndex())
        vertical = self._table.verticalScrollBar().value()
        horizontal = self._table.horizontalScrollBar().value()
        self._model.set_rows(rows)
        if current is not None:
            self._navigator.select(current, scroll=False)
        self._table.verticalScrollBar().setValue(vertical)
        self._table.horizontalScrollBar().setValue(horizontal)
