"""Where no secure keyring exists: what happens to the token, and the file it may go to."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QCheckBox, QFrame, QGridLayout, QLabel, QWidget

from app.ui.sync_view.tones import ICON_SIZE, muted_colour, toned_pixmap
from app.ui.theme import SPACING

TITLE = "No secure password store on this computer"
EXPLANATION = (
    "Testdeck keeps your API token in the system's password store (keyring) when there is "
    "one. Here there is none, so the token is kept only until Testdeck closes, and you paste "
    "it again next time."
)
KEEP_IN_FILE = "&Keep the token in a file only you can read (not encrypted)"
RISK = (
    "The file is not encrypted: anyone who can read your files (an administrator, a backup, "
    "a copied home folder) could use the token to act as you in Testably."
)


class KeyringNotice(QFrame):
    """The explanation and the opt-in checkbox (`keepTokenInFile`), in a framed box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel()
        self.icon.setFixedSize(ICON_SIZE, ICON_SIZE)
        title = QLabel(TITLE)
        font = QFont(title.font())
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        explanation = _wrapped(EXPLANATION)
        self.keep_in_file = QCheckBox(KEEP_IN_FILE)
        self.keep_in_file.setObjectName("keepTokenInFile")
        self.keep_in_file.setAccessibleName("Keep the token in a file only you can read")
        self.keep_in_file.setAccessibleDescription(RISK)
        self.risk = _wrapped(RISK)
        self.risk.setObjectName("keepTokenInFileRisk")
        self.setObjectName("keyringNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        self.setAccessibleName(TITLE)
        self.setAccessibleDescription(EXPLANATION)
        self._lay_out(title, explanation)
        self._paint()

    def _lay_out(self, title: QLabel, explanation: QLabel) -> None:
        layout = QGridLayout(self)
        layout.setContentsMargins(SPACING + SPACING // 2, SPACING, SPACING + SPACING // 2, SPACING)
        layout.setHorizontalSpacing(SPACING)
        layout.setVerticalSpacing(SPACING // 2)
        layout.addWidget(self.icon, 0, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(title, 0, 1)
        layout.addWidget(explanation, 1, 1)
        layout.addWidget(self.keep_in_file, 2, 1)
        indent = self.keep_in_file.style().pixelMetric(
            self.keep_in_file.style().PixelMetric.PM_IndicatorWidth
        )
        self.risk.setContentsMargins(indent + SPACING // 2, 0, 0, 0)
        layout.addWidget(self.risk, 3, 1)
        layout.setColumnStretch(1, 1)

    def _paint(self) -> None:
        ratio = self.devicePixelRatioF()
        self.icon.setPixmap(toned_pixmap("lock", "warn", self.palette(), ratio))
        palette = QPalette(self.palette())
        palette.setColor(QPalette.ColorRole.WindowText, muted_colour(self.palette()))
        self.risk.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint()


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
