"""What the sign-out question and the quit notice share: how they are shown, and their width."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QMessageBox, QSizePolicy, QSpacerItem

ShowBox = Callable[[QMessageBox], object]
"""Shows a message box until the tester answers it (`QMessageBox.exec` in the app).

Tests pass a function that clicks one of the box's buttons instead of running a modal loop.
"""

TEXT_WIDTH = 440
"""Wide enough for two-line explanations; QMessageBox alone wraps them into a narrow column."""


def widen(box: QMessageBox, width: int = TEXT_WIDTH) -> None:
    """Give `box` at least `width` pixels for its text, so explanations read as sentences."""
    layout = box.layout()
    if isinstance(layout, QGridLayout):
        spacer = QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        layout.addItem(spacer, layout.rowCount(), 0, 1, layout.columnCount())
