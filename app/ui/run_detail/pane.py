"""The centre pane: the chosen run's header and its results table.

The pane reads through the store (`Queries` for the header, `app.store.result_table` for
the rows) and hands plain tuples to its model; the model never sees the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView, QLabel, QStackedWidget, QVBoxLayout, QWidget
from sqlalchemy import Engine

from app.store import Queries, StoreError
from app.ui.run_detail.delegates import warning_colour
from app.ui.run_detail.filter_bar import ResultFilterBar
from app.ui.run_detail.formatting import set_muted
from app.ui.run_detail.header import RunHeader
from app.ui.run_detail.live_rows import LiveRows
from app.ui.run_detail.navigation import TableNavigator
from app.ui.run_detail.result_model import ResultTableModel
from app.ui.run_detail.result_proxy import ResultFilterProxy
from app.ui.run_detail.table import ResultTableView
from app.ui.theme import SPACING

log = logging.getLogger(__name__)

EMPTY_TEXT = "Choose a run on the left"

FIRST_ROWS = 100
"""How many results of a run shown before the table is first painted are read at once: more
rows than any screen holds. The rest follow right after that paint, so a window that opens
on a 10,000-result run (~45 ms to read) is not held back by it."""


class RunDetailPane(QWidget):
    """Header and results of one run, kept current as edits and sync change it.

    A run shown before the table has ever been painted (the one a window opens on) shows
    its first rows at once and the others right after that paint (see `FIRST_ROWS`);
    anything that needs them before then (a filter, a search, choosing or looking for a
    result further down) reads them at once.

    Args:
        queries: read queries for the header.
        engine: the local cache, only handed to the table's fast read functions.

    Signals:
        result_selected(int): the current row changed to this local result id.
        result_cleared(): no result is current any more.
    """

    result_selected = Signal(int)
    result_cleared = Signal()

    def __init__(self, queries: Queries, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runDetailPane")
        self.setAccessibleName("Run detail")
        self._queries = queries
        self._run_id: int | None = None
        self._announced: int | None = None
        self.model = ResultTableModel(self)
        self.proxy = ResultFilterProxy(self.model, self)
        self.header = RunHeader()
        self.filter_bar = ResultFilterBar()
        self.table = ResultTableView(self.proxy)
        self.navigator = TableNavigator(self.table, self.proxy, self.model)
        self.rows = LiveRows(engine, self.model, self.table, self.navigator)
        self.empty_label = QLabel(EMPTY_TEXT)
        self.problem_label = QLabel()
        self._expected_rows: int | None = None  # the run's results, while only some are read
        self._awaiting_paint = True
        self._rest_timer = QTimer(self)
        self._rest_timer.setSingleShot(True)
        self._rest_timer.setInterval(0)
        self._build()
        self._connect()

    # Public API -------------------------------------------------------------------

    def show_run(self, run_id: int | None) -> None:
        """Show `run_id` (None: the empty state). The same run again is re-read in place."""
        if run_id is not None and run_id == self._run_id:
            self._show_again(run_id)
            return
        self._run_id = run_id
        self._expected_rows = None
        self.navigator.forget_hidden_choice()
        self.model.set_rows([])
        if run_id is None:
            self._show_empty(EMPTY_TEXT)
        else:
            self._load(run_id)
        self._announce_current()

    def refresh_run(self) -> None:
        """Re-read the header. Raises `NotFoundError` when the run is gone."""
        if self._run_id is not None:
            self.header.set_run(self._queries.run(self._run_id))

    def refresh_results(self, result_ids: Iterable[int]) -> None:
        """Re-read just these results; ids of other runs are ignored.

        A refreshed row keeps its place even if it no longer matches the filter or the sort,
        so the row the tester just recorded neither jumps nor vanishes.
        """
        if self._run_id is not None:
            self._reading(self.rows.refresh, self._run_id, list(result_ids))

    def show_saved_result(self, result_id: int) -> None:
        """Re-read a result the tester just saved and repaint its row at once.

        The repaint is immediate, not scheduled: the row is the tester's feedback for a key
        press and should not wait behind the work that follows a save.
        """
        self.refresh_results([result_id])
        source_row = self.model.row_of(result_id)
        if source_row is None:
            return
        first = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if first.isValid():
            row_rect = self.table.visualRect(first).united(
                self.table.visualRect(first.siblingAtColumn(self.proxy.columnCount() - 1))
            )
            self.table.viewport().repaint(row_rect)

    def column_layout(self) -> tuple[QByteArray, list[int]]:
        """The results table's column widths and order, and the columns sized by hand."""
        return self.table.column_layout()

    def restore_column_layout(self, state: QByteArray, sized_by_user: Iterable[int]) -> bool:
        """Bring back a `column_layout()`; False when the saved state is unusable."""
        return self.table.restore_column_layout(state, sized_by_user)

    def reload_results(self) -> None:
        """Re-read every row of the shown run, keeping the selection and scroll position."""
        if self._run_id is not None:
            self._expected_rows = None
            self._reading(self.rows.reload, self._run_id)

    def _reading(self, read: Callable[..., None], *arguments: object) -> None:
        """Run a re-read; a database problem is logged and shown above the table."""
        try:
            read(*arguments)
        except StoreError as error:
            log.error("The results of run %s could not be re-read: %s", self._run_id, error)
            self.problem_label.setText(str(error))
            self.problem_label.show()
        else:
            self.problem_label.hide()
        self._after_rows_changed()
        self._announce_current()

    def current_run_id(self) -> int | None:
        return self._run_id

    def current_result_id(self) -> int | None:
        return self.table.result_id_at(self.table.currentIndex())

    def select_result(self, result_id: int) -> bool:
        """Select `result_id` and scroll to it; False when it is not in the table as filtered."""
        if self.model.row_of(result_id) is None:
            self._read_the_rest()
        return self.navigator.select(result_id, scroll=True)

    def select_adjacent(self, step: int) -> int | None:
        """Move the selection `step` rows down (up when negative); returns the new result id."""
        self._read_the_rest()
        return self.navigator.select_adjacent(step)

    def next_untested_after(self, result_id: int) -> int | None:
        """The first not-tested result after `result_id` in view order, wrapping around."""
        self._read_the_rest()
        return self.navigator.next_untested_after(result_id)

    def focus_search(self) -> None:
        if self._run_id is None:
            return
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def focus_table(self) -> None:
        if self._run_id is None:
            return
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid():
            self.navigator.select_adjacent(1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)

    def _restyle(self) -> None:
        set_muted(self.empty_label, self.palette())
        problem = QPalette(self.problem_label.palette())
        problem.setColor(QPalette.ColorRole.WindowText, warning_colour(self.palette()))
        self.problem_label.setPalette(problem)

    # Slots ------------------------------------------------------------------------

    @Slot(QModelIndex, QModelIndex)
    def _on_selection_current_row_changed(
        self, current: QModelIndex, previous: QModelIndex
    ) -> None:
        if self.navigator.filtering:
            return  # Qt moves the selection off hidden rows; the navigator decides instead
        if current.isValid():
            self.navigator.forget_hidden_choice()
        self._announce_current()

    @Slot(str)
    def _on_filter_bar_search_changed(self, text: str) -> None:
        self._apply_filter(lambda: self.proxy.set_search_text(text))

    @Slot()
    def _on_filter_bar_filter_changed(self) -> None:
        self._apply_filter(lambda: self.proxy.set_result_filter(self.filter_bar.current_filter()))

    @Slot()
    def _on_model_layout_changed(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            self.table.scrollTo(current, QAbstractItemView.ScrollHint.EnsureVisible)

    @Slot()
    def _on_filter_bar_search_finished(self) -> None:
        self.focus_table()

    @Slot()
    def _on_table_first_painted(self) -> None:
        self._awaiting_paint = False
        # Queued after the paint, so the rest of the window is painted in the same pass.
        self._rest_timer.start()

    @Slot()
    def _on_rest_timer_timeout(self) -> None:
        self._read_the_rest()

    # Helpers ----------------------------------------------------------------------

    def _load(self, run_id: int) -> None:
        try:
            run = self._queries.run(run_id)
            first_rows = self._first_rows_only()
            self.rows.load(run_id, limit=FIRST_ROWS if first_rows else None)
        except StoreError as error:
            log.error("Run %s could not be shown: %s", run_id, error)
            self._run_id = None
            self._show_empty(f"This run could not be shown.\n{error}")
            return
        self.problem_label.hide()
        if first_rows and self.model.rowCount() == FIRST_ROWS:  # there may be more
            self._expected_rows = run.summary.total
        self.header.set_run(run)
        self.stack.setCurrentWidget(self.content)
        self._after_rows_changed()

    def _first_rows_only(self) -> bool:
        """Whether a run shown now may show its first rows before the others are read: only
        before the table's first paint, and while the first rows are the ones in view."""
        unfiltered = self.proxy.result_filter is None and not self.proxy.search_text
        return self._awaiting_paint and unfiltered and self.model.in_run_order()

    def _read_the_rest(self) -> None:
        """Read every result of the shown run if only its first rows are read yet."""
        if self._expected_rows is not None and self._run_id is not None:
            self._expected_rows = None
            self._reading(self.rows.reload, self._run_id)

    def _show_again(self, run_id: int) -> None:
        """The shown run once more: re-read in place, keeping the tester's place."""
        try:
            self.refresh_run()
        except StoreError as error:
            log.error("Run %s could not be shown: %s", run_id, error)
            self.show_run(None)
            self._show_empty(f"This run could not be shown.\n{error}")
            return
        self.reload_results()

    def _show_empty(self, text: str) -> None:
        self.empty_label.setText(text)
        self.stack.setCurrentWidget(self.empty_label)

    def _apply_filter(self, change: Callable[[], None]) -> None:
        self._read_the_rest()
        self.navigator.apply_filter(change)
        self._after_rows_changed()
        self._announce_current()

    def _after_rows_changed(self) -> None:
        if self._expected_rows is not None:  # only the first rows are read yet
            self.filter_bar.show_count(self._expected_rows, self._expected_rows)
            return
        self.filter_bar.show_count(self.proxy.rowCount(), self.model.rowCount())

    def _announce_current(self) -> None:
        """Emit `result_selected`/`result_cleared` once per change of the current result."""
        current = self.current_result_id()
        if current == self._announced:
            return
        self._announced = current
        if current is None:
            self.result_cleared.emit()
        else:
            self.result_selected.emit(current)

    def _build(self) -> None:
        self.empty_label.setObjectName("runDetailEmpty")
        self.empty_label.setAccessibleName(EMPTY_TEXT)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        empty_font = QFont(self.empty_label.font())
        empty_font.setPointSizeF(empty_font.pointSizeF() * 1.15)
        self.empty_label.setFont(empty_font)
        self.problem_label.setObjectName("runDetailProblem")
        self.problem_label.setAccessibleName("Problem reading the results")
        self.problem_label.setWordWrap(True)
        self.problem_label.setContentsMargins(2 * SPACING, 0, 2 * SPACING, SPACING)
        self.problem_label.hide()
        self._restyle()
        self.content = QWidget()
        self.content.setObjectName("runDetailContent")
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.problem_label)
        table_box = QVBoxLayout()
        table_box.setContentsMargins(SPACING, 0, SPACING, 0)
        table_box.addWidget(self.table)
        layout.addLayout(table_box, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    def _connect(self) -> None:
        selection = self.table.selectionModel()
        assert isinstance(selection, QItemSelectionModel)
        selection.currentRowChanged.connect(self._on_selection_current_row_changed)
        self.model.layoutChanged.connect(self._on_model_layout_changed)
        self.filter_bar.search_changed.connect(self._on_filter_bar_search_changed)
        self.filter_bar.filter_changed.connect(self._on_filter_bar_filter_changed)
        self.filter_bar.search_finished.connect(self._on_filter_bar_search_finished)
        self.table.first_painted.connect(self._on_table_first_painted)
        self._rest_timer.timeout.connect(self._on_rest_timer_timeout)
