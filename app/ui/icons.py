"""The bundled SVG icons (`resources/icons/`), tinted to match the palette they sit on."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

log = logging.getLogger(__name__)

ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"
_DRAWN_STROKE = "#5f6368"
_SIZES = (16, 20, 24, 32, 48)


def icon(name: str, palette: QPalette) -> QIcon:
    """The icon `name` (a file in `resources/icons/` without `.svg`) drawn in the text colour.

    A missing or broken file is logged and gives an empty icon: a button without its
    picture still works, and its text says what it does.
    """
    colour = palette.color(QPalette.ColorRole.WindowText)
    return _tinted(name, colour.name())


def icon_path(name: str) -> Path:
    return ICON_DIR / f"{name}.svg"


@cache
def _tinted(name: str, colour: str) -> QIcon:
    try:
        source = icon_path(name).read_text(encoding="utf-8")
    except OSError as error:
        log.error("The icon %s could not be read: %s", name, error)
        return QIcon()
    renderer = QSvgRenderer(QByteArray(source.replace(_DRAWN_STROKE, colour).encode()))
    if not renderer.isValid():
        log.error("The icon %s is not a valid SVG file", name)
        return QIcon()
    result = QIcon()
    for size in _SIZES:
        result.addPixmap(_render(renderer, size))
    return result


def _render(renderer: QSvgRenderer, size: int) -> QPixmap:
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(QColor(Qt.GlobalColor.transparent))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap
