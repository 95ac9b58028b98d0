"""Paints each run as a card: name and badge, details and pass rate, a stacked status bar."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.store import RunRow
from app.ui.icons import icon
from app.ui.runs.describe import NOTHING_TESTED, badge_for, detail_text, pass_rate_text
from app.ui.runs.model import RUN_ROLE
from app.ui.runs.painting import (
    BAR_HEIGHT,
    CardColours,
    CardFonts,
    badge_size,
    card_colours,
    card_fonts,
    mix,
    paint_badge,
    paint_status_bar,
    tinted,
)
from app.ui.theme import SPACING

PAD_X = SPACING + SPACING // 2
PAD_Y = SPACING + 2
LINE_GAP = 3
BAR_GAP = SPACING
LOCK_SIZE = 14
INSET_X = 4
INSET_Y = 2
CARD_RADIUS = 6
BADGE_SHARE = 0.45
"""A badge wider than this share of the title line shows its icon only."""
MIN_WIDTH = 160

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class CardLines:
    """Where the parts of one card go."""

    title: QRect
    detail: QRect
    bar: QRectF


class RunItemDelegate(QStyledItemDelegate):
    """Draws a `RunListModel` row as a three-line card; every card has the same height."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fonts: dict[str, CardFonts] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        fonts = self._fonts_for(option.font)
        height = (
            PAD_Y * 2
            + QFontMetrics(fonts.name).height()
            + LINE_GAP
            + QFontMetrics(fonts.detail).height()
            + BAR_GAP
            + BAR_HEIGHT
        )
        return QSize(MIN_WIDTH, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        run = index.data(RUN_ROLE)
        if not isinstance(run, RunRow):
            super().paint(painter, option, index)
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colours = card_colours(option.palette, selected=selected, read_only=run.is_read_only)
        fonts = self._fonts_for(option.font)
        painter.save()
        self._paint_background(painter, option, colours, selected=selected)
        lines = _card_lines(option.rect, fonts)
        self._paint_title(painter, option, lines.title, run, fonts, colours, selected=selected)
        _paint_detail(painter, lines.detail, run, fonts, colours)
        paint_status_bar(painter, lines.bar, run.summary, option.palette, faded=run.is_read_only)
        painter.restore()

    # Parts of the card --------------------------------------------------------------------

    def _paint_background(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        colours: CardColours,
        *,
        selected: bool,
    ) -> None:
        """A rounded highlight for the selected or hovered card, else a thin separator."""
        card = QRectF(option.rect).adjusted(INSET_X, INSET_Y, -INSET_X, -INSET_Y)
        base = option.palette.color(QPalette.ColorRole.Base)
        if selected:
            group = (
                QPalette.ColorGroup.Active
                if option.state & QStyle.StateFlag.State_Active
                else QPalette.ColorGroup.Inactive
            )
            fill = option.palette.color(group, QPalette.ColorRole.Highlight)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            fill = mix(colours.text, base, 0.94)
        else:
            bottom = option.rect.bottom()
            painter.setPen(colours.separator)
            painter.drawLine(
                option.rect.left() + PAD_X, bottom, option.rect.right() - PAD_X, bottom
            )
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(card, CARD_RADIUS, CARD_RADIUS)

    def _paint_title(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        rect: QRect,
        run: RunRow,
        fonts: CardFonts,
        colours: CardColours,
        *,
        selected: bool,
    ) -> None:
        left = rect.left()
        if run.is_read_only:
            lock_top = rect.top() + (rect.height() - LOCK_SIZE) // 2
            lock = QRect(left, lock_top, LOCK_SIZE, LOCK_SIZE)
            icon("lock", tinted(option.palette, colours.muted)).paint(painter, lock)
            left += LOCK_SIZE + SPACING // 2
        right = rect.right()
        badge = badge_for(run)
        if badge is not None:
            size = badge_size(badge, fonts.badge)
            if size.width() > (right - left) * BADGE_SHARE:  # a narrow pane: the name first
                size = badge_size(badge, fonts.badge, compact=True)
            top = rect.top() + (rect.height() - size.height()) // 2
            badge_rect = QRect(right - size.width() + 1, top, size.width(), size.height())
            paint_badge(painter, badge_rect, badge, fonts.badge, option.palette, selected=selected)
            right = badge_rect.left() - SPACING
        name_rect = QRect(left, rect.top(), max(0, right - left + 1), rect.height())
        _draw_elided(painter, name_rect, run.name, fonts.name, colours.text)

    def _fonts_for(self, base: QFont) -> CardFonts:
        key = base.key()
        fonts = self._fonts.get(key)
        if fonts is None:
            fonts = self._fonts[key] = card_fonts(base)
        return fonts


def _card_lines(rect: QRect, fonts: CardFonts) -> CardLines:
    content = rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
    title_height = QFontMetrics(fonts.name).height()
    detail_height = QFontMetrics(fonts.detail).height()
    title = QRect(content.left(), content.top(), content.width(), title_height)
    detail = QRect(content.left(), title.bottom() + 1 + LINE_GAP, content.width(), detail_height)
    bar_top = detail.bottom() + 1 + BAR_GAP
    bar = QRectF(content.left(), bar_top, content.width(), BAR_HEIGHT)
    return CardLines(title, detail, bar)


def _paint_detail(
    painter: QPainter, rect: QRect, run: RunRow, fonts: CardFonts, colours: CardColours
) -> None:
    """Milestone, progress and date on the left; the pass rate right-aligned."""
    rate = pass_rate_text(run)
    rate_width = QFontMetrics(fonts.rate).horizontalAdvance(rate)
    rate_rect = QRect(rect.right() - rate_width + 1, rect.top(), rate_width, rect.height())
    painter.setFont(fonts.rate)
    painter.setPen(colours.muted if rate == NOTHING_TESTED else colours.text)
    painter.drawText(rate_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, rate)
    detail_rect = QRect(
        rect.left(), rect.top(), max(0, rect.width() - rate_width - SPACING), rect.height()
    )
    _draw_elided(painter, detail_rect, detail_text(run), fonts.detail, colours.muted)


def _draw_elided(painter: QPainter, rect: QRect, text: str, font: QFont, colour: Any) -> None:
    elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
