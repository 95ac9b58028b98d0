"""Drawing helpers for run cards: fonts, colours, the stacked status bar and badges."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette

from app.domain import ResultStatus, RunSummary
from app.ui.icons import icon
from app.ui.runs.describe import Badge, BadgeTone
from app.ui.theme import STATUS_ORDER, is_dark, status_colour

BAR_HEIGHT = 6
BADGE_ICON = 10
BADGE_PAD_X = 6
BADGE_GAP = 4
FADED_OPACITY = 0.5


@dataclass(frozen=True, slots=True)
class CardFonts:
    name: QFont
    detail: QFont
    rate: QFont
    badge: QFont


@dataclass(frozen=True, slots=True)
class CardColours:
    text: QColor
    muted: QColor
    separator: QColor


def card_fonts(base: QFont) -> CardFonts:
    """The card's fonts, derived from the view's font so they follow the user's size."""
    name = QFont(base)
    name.setWeight(QFont.Weight.DemiBold)
    detail = scaled(base, 0.9)
    rate = QFont(detail)
    rate.setWeight(QFont.Weight.DemiBold)
    badge = scaled(base, 0.8)
    badge.setWeight(QFont.Weight.Medium)
    return CardFonts(name, detail, rate, badge)


def scaled(base: QFont, factor: float) -> QFont:
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    else:
        font.setPixelSize(max(1, round(base.pixelSize() * factor)))
    return font


def card_colours(palette: QPalette, *, selected: bool, read_only: bool) -> CardColours:
    """Text colours for a card: closed runs read muted, selected cards use highlighted text."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    separator = mix(text, base, 0.9)
    if selected:
        strong = palette.color(QPalette.ColorRole.HighlightedText)
        return CardColours(
            with_alpha(strong, 0.75 if read_only else 1.0), with_alpha(strong, 0.72), separator
        )
    muted = mix(text, base, 0.45)
    if read_only:
        return CardColours(mix(text, base, 0.38), mix(text, base, 0.55), separator)
    return CardColours(text, muted, separator)


def mix(colour: QColor, other: QColor, amount: float) -> QColor:
    """`colour` moved `amount` (0..1) of the way towards `other`."""
    return QColor.fromRgbF(
        colour.redF() + (other.redF() - colour.redF()) * amount,
        colour.greenF() + (other.greenF() - colour.greenF()) * amount,
        colour.blueF() + (other.blueF() - colour.blueF()) * amount,
    )


def with_alpha(colour: QColor, alpha: float) -> QColor:
    result = QColor(colour)
    result.setAlphaF(alpha)
    return result


def paint_status_bar(
    painter: QPainter, rect: QRectF, summary: RunSummary, palette: QPalette, *, faded: bool
) -> None:
    """A rounded bar split by status in `STATUS_ORDER`, each part as wide as its share."""
    radius = rect.height() / 2
    outline = QPainterPath()
    outline.addRoundedRect(rect, radius, radius)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    if faded:
        painter.setOpacity(FADED_OPACITY)
    if summary.total == 0:
        painter.fillPath(outline, status_colour(ResultStatus.NOT_TESTED, palette))
    for part, colour in _bar_parts(rect, summary, palette):
        piece = QPainterPath()
        piece.addRect(part)
        painter.fillPath(outline.intersected(piece), colour)
    painter.restore()


def _bar_parts(rect: QRectF, summary: RunSummary, palette: QPalette) -> list[tuple[QRectF, QColor]]:
    parts: list[tuple[QRectF, QColor]] = []
    counted = 0
    left = rect.left()
    for status in STATUS_ORDER:
        count = summary.count(status)
        if not count:
            continue
        counted += count
        right = rect.left() + rect.width() * counted / summary.total
        parts.append(
            (QRectF(left, rect.top(), right - left, rect.height()), status_colour(status, palette))
        )
        left = right
    return parts


def badge_size(badge: Badge, font: QFont, *, compact: bool = False) -> QSize:
    """The pill's size; a compact badge shows its icon only (the tooltip says the rest)."""
    metrics = QFontMetrics(font)
    width = BADGE_PAD_X * 2 + BADGE_ICON
    if not compact:
        width += BADGE_GAP + metrics.horizontalAdvance(badge.text)
    return QSize(width, metrics.height() + 4)


def paint_badge(
    painter: QPainter, rect: QRect, badge: Badge, font: QFont, palette: QPalette, *, selected: bool
) -> None:
    """A small rounded pill: a tinted background, an icon and, if there is room, the text."""
    ink, fill = _badge_colours(badge.tone, palette, selected=selected)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    radius = rect.height() / 2
    painter.drawRoundedRect(QRectF(rect), radius, radius)
    icon_top = rect.top() + (rect.height() - BADGE_ICON) // 2
    icon_rect = QRect(rect.left() + BADGE_PAD_X, icon_top, BADGE_ICON, BADGE_ICON)
    icon(badge.icon, tinted(palette, ink)).paint(painter, icon_rect)
    text_rect = rect.adjusted(BADGE_PAD_X + BADGE_ICON + BADGE_GAP, 0, -BADGE_PAD_X, 0)
    if text_rect.width() <= 0:
        painter.restore()
        return
    painter.setFont(font)
    painter.setPen(ink)
    painter.drawText(
        text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, badge.text
    )
    painter.restore()


def _badge_colours(tone: BadgeTone, palette: QPalette, *, selected: bool) -> tuple[QColor, QColor]:
    """(text and icon colour, background colour) of a badge."""
    if selected:
        strong = palette.color(QPalette.ColorRole.HighlightedText)
        return strong, with_alpha(strong, 0.2)
    if tone is BadgeTone.PROBLEM:
        hue = status_colour(ResultStatus.RETEST, palette)
    else:
        hue = palette.color(QPalette.ColorRole.Highlight)
    dark = is_dark(palette)
    ink = hue.lighter(125) if dark else hue.darker(135)
    return ink, with_alpha(hue, 0.24 if dark else 0.14)


def tinted(palette: QPalette, colour: QColor) -> QPalette:
    """A copy of `palette` whose text colour is `colour` (icons are drawn in the text colour)."""
    result = QPalette(palette)
    result.setColor(QPalette.ColorRole.WindowText, colour)
    return result
