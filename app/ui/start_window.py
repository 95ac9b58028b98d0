"""The first window: what Testdeck holds locally and where it keeps it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget


@dataclass(frozen=True, slots=True)
class CacheOverview:
    """What the local cache holds, for the start window."""

    database: Path
    projects: int
    runs: int
    undelivered: int


class StartWindow(QMainWindow):
    """Shows the state of the local cache until a project is connected."""

    def __init__(self, overview: CacheOverview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Testdeck")
        self.setMinimumSize(640, 400)
        self.setCentralWidget(self._build(overview))

    def _build(self, overview: CacheOverview) -> QWidget:
        title = QLabel("Testdeck")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        lead = QLabel(
            "Record test results for your Testably runs — fast, from the keyboard, "
            "online or offline."
        )
        lead.setWordWrap(True)
        self.summary_label = QLabel(_describe(overview))
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.setSpacing(16)
        for widget in (title, lead, self.summary_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        return body


def _describe(overview: CacheOverview) -> str:
    pending = (
        "Every change has been delivered."
        if overview.undelivered == 0
        else f"{overview.undelivered} change(s) are saved here and wait to be delivered."
    )
    return (
        f"Local cache: {overview.projects} project(s), {overview.runs} run(s). {pending}\n"
        f"Data is kept in {overview.database}."
    )
