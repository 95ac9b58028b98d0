"""Small parts of the welcome window: the logo, a separated block, the notice line."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.ui.icons import ICON_DIR
from app.ui.sync_view.tones import ICON_SIZE, toned_pixmap
from app.ui.theme import SPACING

APP_ICON = ICON_DIR.parent / "testdeck.svg"
LOGO_SIZE = 72


def wrapped(text: str, name: str) -> QLabel:
    """A word-wrapped label named `name`."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


class Logo(QLabel):
    """The application's icon, drawn sharp at the screen's pixel ratio."""

    def __init__(self) -> None:
        super().__init__()
        self.setFixedSize(LOGO_SIZE, LOGO_SIZE)
        self.setAccessibleName("Testdeck")
        extent = QSize(LOGO_SIZE, LOGO_SIZE)
        self.setPixmap(QIcon(str(APP_ICON)).pixmap(extent, self.devicePixelRatioF()))


class Separated(QWidget):
    """A hairline above a block of text."""

    def __init__(self, body: QLabel) -> None:
        super().__init__()
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, SPACING, 0, 0)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(line)
        layout.addWidget(body)


class NoticeLine(QWidget):
    """A notice with an icon (e.g. "You were signed out; 3 changes are kept…")."""

    def __init__(self) -> None:
        super().__init__()
        self.icon = QLabel()
        self.icon.setFixedSize(ICON_SIZE, ICON_SIZE)
        self.label = wrapped("", "welcomeMessage")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.hide()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self._paint()
        self.setVisible(bool(text))

    def _paint(self) -> None:
        ratio = self.devicePixelRatioF()
        self.icon.setPixmap(toned_pixmap("signed-out", "warn", self.palette(), ratio))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint()
