"""The keyboard shortcut sheet (F1): every shortcut of the window, grouped by what it is for."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.ui.theme import SPACING

MAX_HEIGHT = 860

Shortcuts = Sequence[tuple[str, str]]
"""(key sequence as text, what it does) pairs."""


class ShortcutSheet(QDialog):
    """A read-only, scrollable list of shortcuts in titled sections; Esc or Enter closes it."""

    def __init__(self, sections: Sequence[tuple[str, Shortcuts]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        sheet = _sheet(sections)
        scroll.setWidget(sheet)
        wanted = sheet.sizeHint()
        self.resize(max(520, wanted.width() + 48), min(MAX_HEIGHT, wanted.height() + 72))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)


def _sheet(sections: Sequence[tuple[str, Shortcuts]]) -> QWidget:
    body = QWidget()
    grid = QGridLayout(body)
    grid.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING * 2)
    grid.setHorizontalSpacing(SPACING * 3)
    grid.setVerticalSpacing(SPACING)
    row = 0
    for title, shortcuts in sections:
        heading = QLabel(title)
        font = QFont(heading.font())
        font.setWeight(QFont.Weight.DemiBold)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        heading.setFont(font)
        grid.addWidget(heading, row, 0, 1, 2)
        row += 1
        for keys, description in shortcuts:
            grid.addWidget(_keys_label(keys), row, 0, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(QLabel(description), row, 1)
            row += 1
        grid.setRowMinimumHeight(row, SPACING)
        row += 1
    grid.setColumnStretch(1, 1)
    grid.setRowStretch(row, 1)
    return body


def _keys_label(keys: str) -> QLabel:
    label = QLabel(keys)
    font = QFont(label.font())
    font.setFamily("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
