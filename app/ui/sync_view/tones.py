"""Colours for sync icons and muted text, taken from the palette and the status colours."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap

from app.domain import ResultStatus
from app.ui.icons import icon
from app.ui.theme import status_colour

ICON_SIZE = 16
_TONE_STATUS = {
    "good": ResultStatus.PASSED,
    "warn": ResultStatus.RETEST,
    "bad": ResultStatus.FAILED,
}


def tone_colour(tone: str, palette: QPalette) -> QColor:
    """The colour of a tone: the status colours for good/warn/bad, the highlight for busy."""
    status = _TONE_STATUS.get(tone)
    if status is None:
        return palette.color(QPalette.ColorRole.Highlight)
    return status_colour(status, palette)


def toned_icon(name: str, tone: str, palette: QPalette) -> QIcon:
    """The icon `name` drawn in the colour of `tone`."""
    tinted = QPalette(palette)
    tinted.setColor(QPalette.ColorRole.WindowText, tone_colour(tone, palette))
    return icon(name, tinted)


def row_icon(name: str, tone: str, palette: QPalette) -> QIcon:
    """A table icon: in the tone's colour, and in the highlighted-text colour when selected."""
    normal = toned_icon(name, tone, palette)
    on_highlight = QPalette(palette)
    text = palette.color(QPalette.ColorRole.HighlightedText)
    on_highlight.setColor(QPalette.ColorRole.WindowText, text)
    selected = icon(name, on_highlight)
    combined = QIcon()
    for size in (ICON_SIZE, ICON_SIZE * 2):
        extent = QSize(size, size)
        combined.addPixmap(normal.pixmap(extent), QIcon.Mode.Normal)
        combined.addPixmap(selected.pixmap(extent), QIcon.Mode.Selected)
    return combined


def toned_pixmap(
    name: str, tone: str, palette: QPalette, ratio: float, size: int = ICON_SIZE
) -> QPixmap:
    """A `size` px picture of `toned_icon`, sharp at the screen's pixel ratio."""
    return toned_icon(name, tone, palette).pixmap(QSize(size, size), ratio)


def muted_colour(palette: QPalette) -> QColor:
    """Secondary text: the text colour two fifths of the way towards the window colour."""
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    share = 0.4
    return QColor.fromRgbF(
        text.redF() + (window.redF() - text.redF()) * share,
        text.greenF() + (window.greenF() - text.greenF()) * share,
        text.blueF() + (window.blueF() - text.blueF()) * share,
    )
