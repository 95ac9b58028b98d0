"""The line under "Test connection": a hint, the check under way, its success or its problem."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from app.ui.sync_view.tones import ICON_SIZE, muted_colour, tone_colour, toned_pixmap
from app.ui.theme import SPACING

RESERVED_LINES = 3
"""Room kept for the longest message, so the dialog's layout never jumps."""


class Tone(Enum):
    """How a status reads: (icon, tone of `app.ui.sync_view.tones`, coloured text?)."""

    HINT = ("", "", False)
    BUSY = ("sync", "busy", False)
    GOOD = ("online", "good", False)
    BAD = ("warning", "bad", True)


class StatusLine(QWidget):
    """An icon and a wrapped, selectable message; its label is named `connectionStatus`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel()
        self.icon.setFixedSize(ICON_SIZE, ICON_SIZE)
        self.label = QLabel()
        self.label.setObjectName("connectionStatus")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.label.setMinimumHeight(RESERVED_LINES * self.label.fontMetrics().lineSpacing())
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self._tone = Tone.HINT
        self.show_message("", Tone.HINT)

    @property
    def tone(self) -> Tone:
        return self._tone

    def text(self) -> str:
        return self.label.text()

    def show_message(self, text: str, tone: Tone) -> None:
        self._tone = tone
        self.label.setText(text)
        prefix = "Problem: " if tone is Tone.BAD else ""
        self.label.setAccessibleName(f"Connection status: {prefix}{text}" if text else "")
        self._paint()

    def _paint(self) -> None:
        name, tone, coloured = self._tone.value
        if name:
            ratio = self.devicePixelRatioF()
            self.icon.setPixmap(toned_pixmap(name, tone, self.palette(), ratio))
        else:
            self.icon.clear()
        palette = QPalette(self.palette())
        if coloured:
            colour = tone_colour(tone, palette)
        elif self._tone is Tone.HINT:
            colour = muted_colour(palette)
        else:
            colour = palette.color(QPalette.ColorRole.WindowText)
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.label.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint()
