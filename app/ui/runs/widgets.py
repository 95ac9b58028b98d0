"""The runs pane's two keyboard-aware widgets: the search field and the list view."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLineEdit, QListView, QWidget

from app.ui.runs.painting import scaled
from app.ui.theme import SPACING


class SearchField(QLineEdit):
    """A search line that hands the keyboard over to the list below it.

    Signals:
        down_pressed: Down was pressed: the user wants to move into the results.
    """

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Down and not event.modifiers():
            self.down_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class RunListView(QListView):
    """A list of run cards that says so when it has nothing to show.

    Enter, Return and a double-click activate a row. The view does not use Qt's
    `activated` signal: some platforms activate on a single click, which would move the
    focus away on every selection.

    Signals:
        row_activated(QModelIndex): the user asked to work on the row.
        top_passed: Up was pressed on the first row (the search field is above).
        first_painted: the list has just been painted for the first time.
    """

    row_activated = Signal(QModelIndex)
    top_passed = Signal()
    first_painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty_title = ""
        self._empty_hint = ""
        self._painted = False
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)

    def empty_text(self) -> str:
        """What the view says while it shows no row ("" when it shows rows)."""
        if self.model() is not None and self.model().rowCount() > 0:
            return ""
        return self._empty_title

    def set_empty_text(self, title: str, hint: str = "") -> None:
        if (title, hint) != (self._empty_title, self._empty_hint):
            self._empty_title, self._empty_hint = title, hint
            self.viewport().update()

    def keep_scroll(self, value: int) -> None:
        """Scroll back to `value` once the rows are laid out again (after a reset)."""
        self.doItemsLayout()
        self.verticalScrollBar().setValue(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        current = self.currentIndex()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current.isValid():
            self.row_activated.emit(current)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Up and current.isValid() and current.row() == 0:
            self.top_passed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def dataChanged(  # noqa: N802 - Qt's name
        self,
        top_left: QModelIndex | QPersistentModelIndex,
        bottom_right: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        """Repaint just the changed cards.

        QListView lays every item out again on any data change, repainting the whole list
        (~5 ms for a screenful of cards at each recorded result); cards all have one size,
        so a change never moves them and the item view's own handling is enough.
        """
        QAbstractItemView.dataChanged(self, top_left, bottom_right, list(roles))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseDoubleClickEvent(event)
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self.row_activated.emit(index)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.empty_text():
            self._paint_empty_state()
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def _paint_empty_state(self) -> None:
        painter = QPainter(self.viewport())
        area = self.viewport().rect().adjusted(SPACING * 2, SPACING * 5, -SPACING * 2, 0)
        title_font = scaled(self.font(), 1.15)
        title_font.setWeight(QFont.Weight.DemiBold)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.setFont(title_font)
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        used = painter.boundingRect(area, flags, self._empty_title)
        painter.drawText(area, flags, self._empty_title)
        if self._empty_hint:
            hint_area = QRect(area.left(), used.bottom() + SPACING, area.width(), area.height())
            painter.setFont(scaled(self.font(), 0.92))
            painter.drawText(hint_area, flags, self._empty_hint)
        painter.end()
