"""The fields of the Connect dialog: server, token, the connection test and the project list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from app.ui.connect.project_list import ProjectListModel, ProjectListView
from app.ui.connect.status_line import StatusLine
from app.ui.sync_view.tones import muted_colour
from app.ui.theme import SPACING

TOKEN_HELP = (
    "Create a token in Testably: open your project's Settings → API & Tokens. Tokens start "
    "with testably_ and are shown only once, so copy it straight away."
)
TEST_TEXT = "Test &connection"
STOP_TEXT = "Stop &checking"


class ConnectForm(QWidget):
    """The dialog's fields, laid out as a form; the dialog decides what they do."""

    def __init__(self, server_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.server = _line_edit("serverUrlEdit", "Server address", server_url)
        self.server.setPlaceholderText("https://api.testably.app")
        self.token = _line_edit("tokenEdit", "API token", "")
        self.token.setPlaceholderText("testably_…")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
            | Qt.InputMethodHint.ImhSensitiveData
        )
        self.reveal = QToolButton()
        self.reveal.setObjectName("tokenRevealButton")
        self.reveal.setCheckable(True)
        self.reveal.toggled.connect(self._on_reveal_toggled)
        self._on_reveal_toggled(False)
        self.token_help = QLabel(TOKEN_HELP)
        self.token_help.setObjectName("tokenHelp")
        self.token_help.setWordWrap(True)
        self.test = QPushButton(TEST_TEXT)
        self.test.setObjectName("testConnectionButton")
        self.test.setAccessibleName("Test connection")
        self.status = StatusLine()
        self.projects = ProjectListModel(self)
        self.project_list = ProjectListView()
        self.project_list.setObjectName("projectChoice")
        self.project_list.setAccessibleName("Project")
        self.project_list.setModel(self.projects)
        self._lay_out()
        self._paint()

    def set_checking(self, checking: bool) -> None:
        """Show the test button as a stop button while a check runs."""
        self.test.setText(STOP_TEXT if checking else TEST_TEXT)
        self.test.setAccessibleName("Stop checking" if checking else "Test connection")

    def _lay_out(self) -> None:
        # A grid, not a QFormLayout: QFormLayout sizes wrapped labels by their size hint
        # (a narrow guess), which leaves tall gaps around the help text.
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(SPACING * 2)
        grid.setVerticalSpacing(SPACING)
        grid.setColumnStretch(1, 1)
        grid.addWidget(_buddy("&Server:", self.server), 0, 0)
        grid.addWidget(self.server, 0, 1)
        token_row = QHBoxLayout()
        token_row.setSpacing(SPACING // 2)
        token_row.addWidget(self.token, 1)
        token_row.addWidget(self.reveal)
        grid.addWidget(_buddy("API &token:", self.token), 1, 0)
        grid.addLayout(token_row, 1, 1)
        grid.addWidget(self.token_help, 2, 1)
        grid.setRowMinimumHeight(3, SPACING // 2)
        grid.addWidget(self.test, 4, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.status, 5, 1)
        grid.setRowMinimumHeight(6, SPACING // 2)
        project_label = _buddy("&Project:", self.project_list)
        grid.addWidget(project_label, 7, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.project_list, 7, 1)

    @Slot(bool)
    def _on_reveal_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.token.setEchoMode(mode)
        self.reveal.setText("&Hide" if shown else "S&how")
        self.reveal.setAccessibleName("Hide the token" if shown else "Show the token")

    def _paint(self) -> None:
        palette = QPalette(self.palette())
        palette.setColor(QPalette.ColorRole.WindowText, muted_colour(self.palette()))
        self.token_help.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint()


def _line_edit(name: str, accessible: str, text: str) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setClearButtonEnabled(False)
    return edit


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label
