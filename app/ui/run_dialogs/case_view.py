"""The tree view of the case picker: check boxes from the keyboard, cheap bulk repaints."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAccessible, QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from app.ui.run_dialogs.case_roles import PRIORITY_COLUMN, TITLE_COLUMN, TYPE_COLUMN
from app.ui.run_dialogs.catalogue import PRIORITIES, value_label
from app.ui.theme import SPACING

NO_CASES = "This project has no test cases in the local cache yet.\nSync to download them."
NO_MATCH = "No case matches the search and filters.\nClear the search (Esc) or choose “All”."


class _RoomyRows(QStyledItemDelegate):
    """Rows a little taller than the text, easier to aim at and to read down.

    Only the size is changed (asked once: rows have one height); painting stays Qt's.
    """

    def sizeHint(  # noqa: N802 - Qt's name
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + SPACING))


class CaseTreeView(QTreeView):
    """Folders and their cases, each row with a check box.

    Space toggles the check box of the current row, whichever column is current. Enter is
    left to the dialog (it presses the default button). Up on the first row hands the
    keyboard back to the search field above.

    Signals:
        top_passed: Up was pressed on the first row.
    """

    top_passed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseTree")
        self.setAccessibleName("Test cases")
        self.setUniformRowHeights(True)  # lets the view skip measuring 5,000 rows
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setItemDelegate(_RoomyRows(self))
        self._empty_text = NO_CASES

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 - Qt's name
        super().setModel(model)
        if model is None:
            return
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column in (PRIORITY_COLUMN, TYPE_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self._fit_column(PRIORITY_COLUMN, [value_label(p) for p in PRIORITIES])
        self.fit_type_column([])

    def fit_type_column(self, types: Sequence[str]) -> None:
        """Make the type column as wide as the widest of these types (and its title)."""
        self._fit_column(TYPE_COLUMN, [value_label(t) for t in types])

    def set_empty_reason(self, *, filtered: bool) -> None:
        """Say why the tree is empty: the filters hide every case, or there is none."""
        text = NO_MATCH if filtered else NO_CASES
        if text != self._empty_text:
            self._empty_text = text
            self.viewport().update()

    def empty_text(self) -> str:
        """What the tree says while it shows no row ("" when it shows rows)."""
        model = self.model()
        return self._empty_text if model is not None and model.rowCount() == 0 else ""

    def span_folders(self) -> None:
        """Give every folder row the full width (call after the rows changed).

        A folder's title needs no priority or type column, and one cell paints in a
        third of the time of three.
        """
        model, root = self.model(), QModelIndex()
        for row in range(model.rowCount() if model is not None else 0):
            if not self.isFirstColumnSpanned(row, root):
                self.setFirstColumnSpanned(row, root, True)

    def toggle_current(self) -> None:
        """Check the current row's case or folder, or uncheck it when it is checked."""
        current = self.currentIndex()
        if not current.isValid():
            return
        title = current.siblingAtColumn(TITLE_COLUMN)
        checked = title.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        new_state = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        self.model().setData(title, new_state, Qt.ItemDataRole.CheckStateRole)

    # Qt interface -------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select) and plain:
            self.toggle_current()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Up and plain and self._on_first_row():
            self.top_passed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        # Arriving by keyboard on a tree with no current row, Space would do nothing: the
        # top row in sight becomes current (the tree does not scroll). A click sets the
        # current row itself.
        by_mouse = event.reason() == Qt.FocusReason.MouseFocusReason
        if not by_mouse and not self.currentIndex().isValid():
            top = self.indexAt(self.viewport().rect().topLeft())
            if top.isValid():
                self.setCurrentIndex(top.siblingAtColumn(TITLE_COLUMN))
        super().focusInEvent(event)

    def dataChanged(  # noqa: N802 - Qt's name
        self,
        top_left: QModelIndex | QPersistentModelIndex,
        bottom_right: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        """Repaint once for a range of check changes.

        Qt's handling measures every row of a changed range, calling back into the model
        several times per row (~0.3 s for "select all" on 5,000 cases). Check changes never
        resize a row or change who has children here, so one repaint says it all. With a
        screen reader active, Qt's own handling runs, so every change is announced.
        """
        if top_left == bottom_right or QAccessible.isActive():
            super().dataChanged(top_left, bottom_right, list(roles))
            return
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        text = self.empty_text()
        if text:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(SPACING * 2, SPACING * 4, -SPACING * 2, 0)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(area, flags | Qt.TextFlag.TextWordWrap, text)
            painter.end()

    # Helpers ------------------------------------------------------------------------------

    def _on_first_row(self) -> bool:
        current = self.currentIndex()
        return not current.isValid() or not self.indexAbove(current).isValid()

    def _fit_column(self, column: int, labels: Sequence[str]) -> None:
        # Measured from the words, not the rows: sizing to contents would read every row.
        metrics = self.header().fontMetrics()
        title = str(self.model().headerData(column, Qt.Orientation.Horizontal) or "")
        widest = max(metrics.horizontalAdvance(text) for text in [title, *labels])
        self.header().resizeSection(column, widest + SPACING * 3)
