"""Small pieces of the sync-issues panel: its header, its empty state and its message line."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.ui.sync_view.tones import ICON_SIZE, muted_colour, tone_colour, toned_pixmap
from app.ui.theme import SPACING

EMPTY_TEXT = "Nothing needs attention. Every change is delivered or on its way."
LEAD_TEXT = (
    "The server did not take these changes. They stay on this computer until you retry "
    "or discard them."
)


def _mute(label: QLabel, source: QPalette) -> None:
    """Give `label` secondary text, worked out from its container's palette `source`."""
    palette = QPalette(source)
    palette.setColor(QPalette.ColorRole.WindowText, muted_colour(source))
    label.setPalette(palette)


class PanelHeader(QWidget):
    """A title with the number of issues, and one line on what the panel is for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("Sync issues")
        self.title.setObjectName("syncIssuesTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.lead = QLabel(LEAD_TEXT)
        self.lead.setObjectName("syncIssuesLead")
        self.lead.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 4)
        layout.addWidget(self.title)
        layout.addWidget(self.lead)
        _mute(self.lead, self.palette())

    def set_count(self, count: int) -> None:
        if count == 0:
            self.title.setText("Sync issues")
        elif count == 1:
            self.title.setText("1 change needs attention")
        else:
            self.title.setText(f"{count} changes need attention")
        self.lead.setVisible(count > 0)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            _mute(self.lead, self.palette())


class EmptyState(QWidget):
    """A calm message with a check mark when nothing needs attention."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIssuesEmpty")
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.icon.setFixedSize(QSize(48, 48))
        self.text = QLabel(EMPTY_TEXT)
        self.text.setObjectName("syncIssuesEmptyText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.setAccessibleName("No sync issues")
        self.setAccessibleDescription(EMPTY_TEXT)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.text)
        layout.addStretch(2)
        self._paint()

    def _paint(self) -> None:
        ratio = self.devicePixelRatioF()
        self.icon.setPixmap(toned_pixmap("online", "good", self.palette(), ratio, size=32))
        _mute(self.text, self.palette())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint()


class MessageLine(QWidget):
    """One line under the details: a failure (warning icon) or a short notice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIssueMessage")
        self.icon = QLabel()
        self.icon.setFixedSize(ICON_SIZE, ICON_SIZE)
        self.label = QLabel()
        self.label.setObjectName("syncIssueMessageText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2 + 2)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self._is_error = False
        self.hide()

    def show_error(self, message: str) -> None:
        self._show(message, is_error=True)

    def show_notice(self, message: str) -> None:
        self._show(message, is_error=False)

    def clear(self) -> None:
        self.label.clear()
        self.setAccessibleName("")
        self.hide()

    def _show(self, message: str, *, is_error: bool) -> None:
        self._is_error = is_error
        self.label.setText(message)
        self.setAccessibleName(("Problem: " if is_error else "") + message)
        self._paint()
        self.show()

    def _paint(self) -> None:
        tone = "bad" if self._is_error else "good"
        name = "warning" if self._is_error else "online"
        self.icon.setPixmap(toned_pixmap(name, tone, self.palette(), self.devicePixelRatioF()))
        palette = QPalette(self.palette())
        colour = tone_colour("bad", palette) if self._is_error else muted_colour(palette)
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.label.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint()
