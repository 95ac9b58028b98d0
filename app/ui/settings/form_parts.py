"""Small pieces of the settings form: section headings, help text, the wording of each setting."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

from app.config.settings import MAX_SYNC_INTERVAL_SECONDS, MIN_SYNC_INTERVAL_SECONDS
from app.ui.theme import SPACING

HELP_NAME = "settingsHelp"

THEME_CHOICES = (("system", "System"), ("light", "Light"), ("dark", "Dark"))
"""(setting value, what the choice says), in the order offered."""

INTERVAL_HELP = (
    "How often Testdeck looks for new runs and results while it is online: from "
    f"{MIN_SYNC_INTERVAL_SECONDS} seconds to {MAX_SYNC_INTERVAL_SECONDS // 3600} hour. Your "
    "own changes are sent as soon as you make them, and F5 syncs at once."
)
THEME_HELP = (
    "System follows your desktop's light or dark mode where the platform supports it; "
    "elsewhere it is light."
)
KEYRING_TEXT = "Kept in your system's password store (keyring), encrypted."
TOKEN_FILE_CHOICE = "&Keep the API token in a file only you can read — not encrypted"
TOKEN_FILE_HELP = (
    "This computer has no secure password store, so unless you tick this, Testdeck keeps "
    "your token only while it is open and asks for it again at each start. In the file, "
    "anyone who can read your files — an administrator, a backup, a copied home folder — "
    "can use the token."
)
SIGN_OUT_HELP = (
    "Removes the API token from this computer. The runs and results saved here stay, and "
    "you can sign in again at any time."
)


def heading(text: str, *, first: bool = False) -> QLabel:
    """A section title, set apart from the section above it."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setWeight(QFont.Weight.DemiBold)
    font.setPointSizeF(font.pointSizeF() * 1.08)
    label.setFont(font)
    label.setAccessibleName(text)
    label.setContentsMargins(0, 0 if first else SPACING * 2, 0, SPACING // 2)
    return label


def help_text(text: str, buddy: QWidget | None = None) -> QLabel:
    """A quieter, wrapping explanation under a setting; described on `buddy` for screen readers.

    Named "settingsHelp": the dialog mutes every such label again when the palette changes.
    """
    label = QLabel(text)
    label.setObjectName(HELP_NAME)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 0.92)
    label.setFont(font)
    if buddy is not None:
        buddy.setAccessibleDescription(text)
    return label


def server_name(url: str) -> str:
    """The host (and port, if any) of the server address, as the Account section shows it."""
    parts = urlsplit(url)
    return parts.netloc or url
