"""The bundled icons: every file loads, draws at any size, and follows the palette."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from app.ui.icons import ICON_DIR, icon


def test_every_bundled_icon_draws_at_the_sizes_it_lists(qapp: QApplication) -> None:
    names = sorted(path.stem for path in ICON_DIR.glob("*.svg"))
    assert len(names) >= 20
    for name in names:
        drawn = icon(name, qapp.palette())
        assert not drawn.isNull(), name
        sizes = drawn.availableSizes()
        assert QSize(16, 16) in sizes, name
        for size in sizes:
            assert not drawn.pixmap(size).isNull(), (name, size)


def test_icons_take_the_text_colour_and_fade_when_disabled(qapp: QApplication) -> None:
    palette = QPalette(qapp.palette())
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#ff0000"))
    image = icon("pause", palette).pixmap(QSize(48, 48)).toImage()
    strokes = [image.pixelColor(x, y) for x in range(48) for y in range(48)]
    opaque = [colour for colour in strokes if colour.alpha() == 255]
    assert opaque
    assert all(colour.red() == 255 and colour.green() == 0 for colour in opaque)
    faded = icon("pause", palette).pixmap(QSize(48, 48), QIcon.Mode.Disabled).toImage()
    assert max(faded.pixelColor(x, y).alpha() for x in range(48) for y in range(48)) < 255


def test_a_missing_icon_is_empty_not_an_error(qapp: QApplication) -> None:
    assert icon("no-such-icon", qapp.palette()).isNull()
