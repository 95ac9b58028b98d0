"""Check boxes that stay visible on the dark palette.

Fusion outlines a check box in the window colour made 40 % darker. On the dark palette
that is nearly the colour of the list behind it, so an unchecked box vanishes. Widgets
with check boxes get a lighter window colour (and nothing else); their children that
draw with the window colour (header, scroll bars) keep the real one.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from app.ui.theme import is_dark

_OUTLINE_SOURCE = QColor("#aab3bd")  # Fusion darkens it to ~#798088: the disabled-text grey
_WINDOW = QPalette.ColorRole.Window
_GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)


def show_check_boxes(widget: QWidget, around: QPalette, keep: Iterable[QWidget] = ()) -> None:
    """Make `widget`'s check boxes show on `around` (the palette it sits in).

    Only the window colour is set, so the widget follows every other change of theme;
    the widgets in `keep` are given the real window colour back.
    """
    if not is_dark(around):
        for reset in (widget, *keep):
            reset.setPalette(QPalette())  # inherit everything again
        return
    lighter, real = QPalette(), QPalette()
    for group in _GROUPS:
        lighter.setColor(group, _WINDOW, _OUTLINE_SOURCE)
        real.setColor(group, _WINDOW, around.color(group, _WINDOW))
    widget.setPalette(lighter)
    for child in keep:
        child.setPalette(real)
