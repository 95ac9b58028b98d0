"""The results table view: whole-row selection, calm rows, columns sized for their content."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QByteArray, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView, QWidget

from app.ui.run_detail.columns import RESULT_ID_ROLE, Column
from app.ui.run_detail.delegates import (
    MutedTextDelegate,
    RowDelegate,
    StatusChipDelegate,
    SyncStateDelegate,
)
from app.ui.theme import SPACING

ROW_HEIGHT = 28
COLUMN_WIDTHS = {
    Column.STATUS: 116,
    Column.TESTER: 108,
    Column.ELAPSED: 72,
    Column.NOTE: 220,
    Column.SYNC: 136,
}
TITLE_ROOM = 260
"""Width the title column keeps before the note column grows (the title stretches)."""
NOTE_WIDTHS = (96, 320)
"""The note column's narrowest and widest automatic width."""
SYNC_WIDTHS = (36, 136)
"""The sync column as an icon alone, and with its words."""
AUTO_COLUMNS = (Column.NOTE, Column.SYNC)
FIXED_COLUMNS = (Column.STATUS, Column.TESTER, Column.ELAPSED)


class ResultTableView(QTableView):
    """A `QTableView` set up for thousands of results: fixed row height, no grid.

    Signals:
        first_painted: the table has just been painted for the first time.
    """

    first_painted = Signal()

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultTable")
        self.setAccessibleName("Results of the run")
        self.setAccessibleDescription("One row per test case: its status, tester, time and note")
        self._row_delegate = RowDelegate(self, left=4)
        self._muted_delegate = MutedTextDelegate(self, left=4)
        self._elapsed_delegate = MutedTextDelegate(self, right=SPACING)
        self._chip_delegate = StatusChipDelegate(self)
        self._sync_delegate = SyncStateDelegate(self)
        self._fitting = False
        self._painted = False
        self._sized_by_user: set[int] = set()
        self._configure_behaviour()
        self._configure_rows()
        self.setModel(model)
        self._configure_columns()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_columns()

    def column_layout(self) -> tuple[QByteArray, list[int]]:
        """The columns' widths and order, and which columns the tester sized by hand."""
        return self.horizontalHeader().saveState(), sorted(self._sized_by_user)

    def restore_column_layout(self, state: QByteArray, sized_by_user: Iterable[int]) -> bool:
        """Bring back a `column_layout()`; False (and nothing changed) when it is unusable."""
        if not self.horizontalHeader().restoreState(state):
            return False
        self._sized_by_user = {column for column in sized_by_user if column in AUTO_COLUMNS}
        self._fit_columns()
        return True

    def result_id_at(self, index: QModelIndex) -> int | None:
        if not index.isValid():
            return None
        value = index.siblingAtColumn(0).data(RESULT_ID_ROLE)
        return value if isinstance(value, int) else None

    def _configure_behaviour(self) -> None:
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setItemDelegate(self._row_delegate)

    def _configure_rows(self) -> None:
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(ROW_HEIGHT)
        rows.setDefaultSectionSize(ROW_HEIGHT)

    def _configure_columns(self) -> None:
        header = self.horizontalHeader()
        header.setObjectName("resultTableHeader")
        header.setAccessibleName("Result columns; click one to sort")
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(48)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in COLUMN_WIDTHS.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.setItemDelegateForColumn(Column.STATUS, self._chip_delegate)
        self.setItemDelegateForColumn(Column.SYNC, self._sync_delegate)
        header.sectionResized.connect(self._on_header_section_resized)
        for column in (Column.TESTER, Column.NOTE):
            self.setItemDelegateForColumn(column, self._muted_delegate)
        self.setItemDelegateForColumn(Column.ELAPSED, self._elapsed_delegate)

    @Slot(int, int, int)
    def _on_header_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column in AUTO_COLUMNS and not self._fitting:
            self._sized_by_user.add(column)

    def _fit_columns(self) -> None:
        """Give the title its room first, then the note, then the sync text.

        Narrow panes show the sync state as its icon alone (its tooltip says the rest); a
        column the tester has sized by hand is left as it is.
        """
        header = self.horizontalHeader()
        fixed = sum(header.sectionSize(column) for column in FIXED_COLUMNS)
        room = self.viewport().width() - fixed - TITLE_ROOM
        sync = SYNC_WIDTHS[1] if room >= SYNC_WIDTHS[1] + NOTE_WIDTHS[0] else SYNC_WIDTHS[0]
        note = max(NOTE_WIDTHS[0], min(NOTE_WIDTHS[1], room - sync))
        self._fitting = True
        try:
            for column, width in ((Column.SYNC, sync), (Column.NOTE, note)):
                if column not in self._sized_by_user:
                    header.resizeSection(column, width)
        finally:
            self._fitting = False
