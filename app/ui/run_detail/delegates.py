"""How the results table paints its cells: status chips, sync state, muted secondary text.

Every colour comes from the palette the view paints with (`option.palette`) and from
`app.ui.theme.status_colour`, so a theme switch needs nothing but a repaint.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.domain import ResultStatus
from app.ui.icons import icon
from app.ui.run_detail.columns import (
    RECORD_ROLE,
    SYNC_STATE_ROLE,
    SYNC_TEXT,
    SyncState,
    status_label,
)
from app.ui.theme import SPACING, is_dark, status_colour

ModelIndex = QModelIndex | QPersistentModelIndex

_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_ITEM = QStyle.ControlElement.CE_ItemViewItem
# Looked up once: Qt enum attribute access costs a Python call per use, in every cell paint.
_SELECTED = QStyle.StateFlag.State_Selected
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus
_HIGHLIGHT = QPalette.ColorRole.Highlight
_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_BASE = QPalette.ColorRole.Base
_TEXT = QPalette.ColorRole.Text
_LEFT_MIDDLE = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
_LABELS = tuple(status.label for status in ResultStatus)
CHIP_HEIGHT = 20
CHIP_PADDING = 10
DOT_SIZE = 7
ICON_SIZE = 14


def blend(first: QColor, second: QColor, share_of_first: float) -> QColor:
    """`first` mixed into `second`; 1.0 gives `first`."""
    rest = 1.0 - share_of_first
    return QColor.fromRgbF(
        first.redF() * share_of_first + second.redF() * rest,
        first.greenF() * share_of_first + second.greenF() * rest,
        first.blueF() * share_of_first + second.blueF() * rest,
    )


def muted_text(palette: QPalette) -> QColor:
    """Secondary text: the text colour, faded towards the background."""
    text = palette.color(_TEXT)
    return blend(text, palette.color(_BASE), 0.62)


def warning_colour(palette: QPalette) -> QColor:
    """Amber that stays readable as text on this palette's background."""
    amber = status_colour(ResultStatus.RETEST, palette)
    return amber if is_dark(palette) else amber.darker(125)


class RowDelegate(QStyledItemDelegate):
    """Plain cells of a whole-row table: no focus rectangle around one cell, some padding.

    Args:
        left, right: extra space between the cell's edges and its text.
    """

    def __init__(self, parent: QObject | None = None, *, left: int = 2, right: int = 2) -> None:
        super().__init__(parent)
        self._left = left
        self._right = right

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        prepared = QStyleOptionViewItem(option)
        self.initStyleOption(prepared, index)
        widget = prepared.widget
        if widget is None:
            return
        # The background spans the whole cell; the item, text included, sits in the padding.
        widget.style().drawPrimitive(_PANEL, prepared, painter, widget)
        option.rect = option.rect.adjusted(self._left, 0, -self._right, 0)
        widget.style().drawControl(_ITEM, prepared, painter, widget)

    def initStyleOption(self, option: QStyleOptionViewItem, index: ModelIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.state &= ~_HAS_FOCUS

    @staticmethod
    def _paint_panel(painter: QPainter, option: QStyleOptionViewItem) -> None:
        """The cell's selection background, from the view's option alone (no model reads)."""
        widget = option.widget
        if widget is not None:
            widget.style().drawPrimitive(_PANEL, option, painter, widget)


class MutedTextDelegate(RowDelegate):
    """Secondary columns (tester, elapsed, note) in a quieter colour, unless selected."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: ModelIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        if not option.state & _SELECTED:
            option.palette.setColor(_TEXT, muted_text(option.palette))


class StatusChipDelegate(RowDelegate):
    """The status as a rounded, softly tinted chip with a coloured dot and its label."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._chip_widths: dict[tuple[int, int], int] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        self._paint_panel(painter, option)
        record = index.data(RECORD_ROLE)
        if record is None:
            return
        status = _parse_status(record.status)
        selected = bool(option.state & _SELECTED)
        palette = option.palette
        chip = self._chip_rect(option)
        colour = status_colour(status, palette)
        back = palette.color(_HIGHLIGHT if selected else _BASE)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(blend(colour, back, 0.62 if selected else 0.2))
        painter.drawRoundedRect(QRectF(chip), chip.height() / 2, chip.height() / 2)
        dot = QRectF(chip.left() + CHIP_PADDING - 2, chip.center().y() - DOT_SIZE / 2 + 0.5,
                     DOT_SIZE, DOT_SIZE)  # fmt: skip
        painter.setBrush(colour if not selected else palette.color(_HIGHLIGHTED_TEXT))
        painter.drawEllipse(dot)
        text_role = _HIGHLIGHTED_TEXT if selected else _TEXT
        painter.setPen(palette.color(text_role))
        painter.setFont(option.font)
        label_rect = chip.adjusted(CHIP_PADDING + DOT_SIZE + 4, 0, -CHIP_PADDING, 0)
        painter.drawText(label_rect, _LEFT_MIDDLE,
                         status_label(record.status))  # fmt: skip
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        metrics = QFontMetrics(option.font)
        return QSize(self._chip_width(metrics) + 2 * SPACING, CHIP_HEIGHT + SPACING)

    def _chip_rect(self, option: QStyleOptionViewItem) -> QRect:
        metrics = QFontMetrics(option.font)
        cell = option.rect.adjusted(SPACING // 2, 0, -SPACING // 2, 0)
        width = min(self._chip_width(metrics), cell.width())
        height = min(max(CHIP_HEIGHT, metrics.height() + 4), cell.height() - 4)
        top = cell.top() + (cell.height() - height) // 2
        return QRect(cell.left(), top, width, height)

    def _chip_width(self, metrics: QFontMetrics) -> int:
        """One width for every chip (the widest label's), so the column reads calmly."""
        key = (metrics.height(), metrics.averageCharWidth())
        width = self._chip_widths.get(key)
        if width is None:
            widest = max(metrics.horizontalAdvance(label) for label in _LABELS)
            width = self._chip_widths[key] = widest + 2 * CHIP_PADDING + DOT_SIZE + 4
        return width


class SyncStateDelegate(RowDelegate):
    """Nothing for delivered rows; "Saved here" muted; "Needs attention" in amber."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        self._paint_panel(painter, option)
        state = index.data(SYNC_STATE_ROLE)
        if state is None or state == SyncState.DELIVERED:
            return
        palette = QPalette(option.palette)
        selected = bool(option.state & _SELECTED)
        if selected:
            colour = palette.color(_HIGHLIGHTED_TEXT)
        elif state == SyncState.NEEDS_ATTENTION:
            colour = warning_colour(palette)
        else:
            colour = muted_text(palette)
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        name = "warning" if state == SyncState.NEEDS_ATTENTION else "waiting"
        cell = option.rect.adjusted(SPACING // 2, 0, -SPACING // 2, 0)
        icon_rect = QRect(cell.left(), cell.center().y() - ICON_SIZE // 2 + 1, ICON_SIZE, ICON_SIZE)
        painter.save()
        icon(name, palette).paint(painter, icon_rect)
        painter.setPen(colour)
        painter.setFont(option.font)
        text_rect = cell.adjusted(ICON_SIZE + 6, 0, 0, 0)
        text = SYNC_TEXT[SyncState(state)]
        if option.fontMetrics.horizontalAdvance(text) > text_rect.width():
            text = ""  # too narrow for the words: the icon alone, the tooltip says the rest
        painter.drawText(text_rect, _LEFT_MIDDLE, text)
        painter.restore()


def _parse_status(value: str) -> ResultStatus:
    try:
        return ResultStatus(value)
    except ValueError:
        return ResultStatus.NOT_TESTED
