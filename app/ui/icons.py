"""The bundled SVG icons (`resources/icons/`), tinted to match the palette they sit on.

Icons render on demand, at the size and in the mode (normal, disabled, ...) a widget asks
for, so they stay crisp at any scale and cost nothing until painted.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

log = logging.getLogger(__name__)

ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"
_DRAWN_STROKE = "#5f6368"
_DISABLED_OPACITY = 0.4
_LISTED_SIZES = (16, 20, 24, 32, 48)  # what `availableSizes()` offers; any size can be drawn


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
    return QIcon(_SvgEngine(renderer))


class _SvgEngine(QIconEngine):
    """Draws one SVG at whatever size is asked, faded when disabled; keeps what it drew."""

    def __init__(self, renderer: QSvgRenderer) -> None:
        super().__init__()
        self._renderer = renderer
        self._drawn: dict[tuple[int, int, bool], QPixmap] = {}

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        if mode == QIcon.Mode.Disabled:
            painter.save()
            painter.setOpacity(painter.opacity() * _DISABLED_OPACITY)
        self._renderer.render(painter, QRectF(rect))
        if mode == QIcon.Mode.Disabled:
            painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (size.width(), size.height(), mode == QIcon.Mode.Disabled)
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = QPixmap(size)
            drawn.fill(QColor(Qt.GlobalColor.transparent))
            painter = QPainter(drawn)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
            painter.end()
            self._drawn[key] = drawn
        return drawn

    def scaledPixmap(  # noqa: N802 - Qt's name
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        """The pixmap for a high-density screen: drawn at `scale` times the size."""
        device_size = QSize(round(size.width() * scale), round(size.height() * scale))
        drawn = QPixmap(self.pixmap(device_size, mode, state))
        drawn.setDevicePixelRatio(scale)
        return drawn

    def availableSizes(  # noqa: N802 - Qt's name
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        return [QSize(size, size) for size in _LISTED_SIZES]

    def clone(self) -> QIconEngine:
        return _SvgEngine(self._renderer)
