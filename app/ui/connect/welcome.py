"""The first window: what Testdeck is, and the two ways in (connect, or try the demo)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QFont, QIcon, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.ui.connect.overview import CacheOverview, describe
from app.ui.connect.welcome_parts import APP_ICON, Logo, NoticeLine, Separated, wrapped
from app.ui.sync_view.tones import muted_colour
from app.ui.theme import SPACING

__all__ = ["CacheOverview", "WelcomeWindow", "describe"]

PITCH = "Record results for your Testably test runs: fast, from the keyboard, online or offline."
CONNECT_TEXT = "&Connect to Testably…"
CONNECT_HINT = "Sign in with an API token from Testably and choose the project you test."
DEMO_TEXT = "Try the &demo"
DEMO_HINT = "Uses a built-in server with sample data. It never mixes with your real data."
CONTENT_WIDTH = 640


class WelcomeWindow(QMainWindow):
    """Shown until Testdeck is connected: the app, its pitch and the two ways to start.

    Args:
        overview: what the local cache already holds; shown unless it is empty.
        parent: the owning widget, if any.

    Signals:
        connect_requested(): the tester chose to connect to Testably.
        demo_requested(): the tester chose to try the demo.
    """

    connect_requested = Signal()
    demo_requested = Signal()

    def __init__(
        self, overview: CacheOverview | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeWindow")
        self.setWindowTitle("Testdeck")
        self.setWindowIcon(QIcon(str(APP_ICON)))
        self.setMinimumSize(720, 520)
        self.resize(900, 600)
        self.connect_button = _choice_button(CONNECT_TEXT, "connectButton", CONNECT_HINT)
        self.demo_button = _choice_button(DEMO_TEXT, "tryDemoButton", DEMO_HINT)
        self.connect_button.setDefault(True)
        self.message = NoticeLine()
        self.overview_label = wrapped("", "cacheOverview")
        self.overview_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._hints: list[QLabel] = []
        self.setCentralWidget(self._build())
        self._paint()
        self.connect_button.clicked.connect(self._on_connect_clicked)
        self.demo_button.clicked.connect(self._on_demo_clicked)
        QWidget.setTabOrder(self.connect_button, self.demo_button)
        self.connect_button.setFocus()
        self.set_overview(overview)

    def set_overview(self, overview: CacheOverview | None) -> None:
        """Show what the cache holds; nothing when it holds nothing."""
        shown = overview is not None and not overview.is_empty
        self.overview_label.setText(describe(overview) if overview is not None else "")
        self._overview_box.setVisible(shown)

    def show_message(self, text: str) -> None:
        """Show a notice above the overview (an empty text hides it)."""
        self.message.show_text(text)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.connect_button.setFocus()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint()

    def _paint(self) -> None:
        """Secondary text in a muted colour worked out from the window's palette."""
        palette = QPalette(self.palette())
        palette.setColor(QPalette.ColorRole.WindowText, muted_colour(self.palette()))
        for label in (*self._hints, self.overview_label):
            label.setPalette(palette)
        primary = QPalette(self.palette())  # the default choice, filled like a primary button
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            highlight = self.palette().color(group, QPalette.ColorRole.Highlight)
            text = self.palette().color(group, QPalette.ColorRole.HighlightedText)
            primary.setColor(group, QPalette.ColorRole.Button, highlight.darker(135))
            primary.setColor(group, QPalette.ColorRole.ButtonText, text)
        self.connect_button.setPalette(primary)

    @Slot()
    def _on_connect_clicked(self) -> None:
        self.connect_requested.emit()

    @Slot()
    def _on_demo_clicked(self) -> None:
        self.demo_requested.emit()

    def _build(self) -> QWidget:
        content = QWidget()
        content.setMaximumWidth(CONTENT_WIDTH)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING * 2)
        column.addWidget(Logo(), 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(_title(), 0, Qt.AlignmentFlag.AlignHCenter)
        pitch = wrapped(PITCH, "welcomePitch")
        pitch.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(pitch)
        column.addSpacing(SPACING * 2)
        column.addLayout(self._choices())
        column.addSpacing(SPACING)
        column.addWidget(self.message)
        self._overview_box = Separated(self.overview_label)
        column.addWidget(self._overview_box)
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        outer.setContentsMargins(SPACING * 4, SPACING * 4, SPACING * 4, SPACING * 4)
        outer.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(content, 100)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(3)
        return page

    def _choices(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACING * 3)
        grid.setVerticalSpacing(SPACING)
        for column, (button, hint) in enumerate(
            ((self.connect_button, CONNECT_HINT), (self.demo_button, DEMO_HINT))
        ):
            grid.addWidget(button, 0, column)
            label = wrapped(hint, f"{button.objectName()}Hint")
            self._hints.append(label)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, 1, column)
            grid.setColumnStretch(column, 1)
        return grid


def _choice_button(text: str, name: str, hint: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.setAccessibleDescription(hint)
    button.setAutoDefault(True)  # Enter presses the focused choice (outside a dialog, too)
    font = QFont(button.font())
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setWeight(QFont.Weight.DemiBold)
    button.setFont(font)
    button.setMinimumHeight(SPACING * 6)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


def _title() -> QLabel:
    title = QLabel("Testdeck")
    title.setObjectName("welcomeTitle")
    font = QFont(title.font())
    font.setPointSizeF(font.pointSizeF() * 2.2)
    font.setWeight(QFont.Weight.DemiBold)
    title.setFont(font)
    return title
