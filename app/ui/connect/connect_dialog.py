"""Connecting to Testably: type the server and token, test them, pick a project, connect.

The dialog stores nothing. On accept it hands the caller a `ConnectionChoice`; the caller
saves the settings and the token (`TokenStore`). The token is kept only as an `ApiToken`
and is registered for log redaction as soon as it is read from its field.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import urlsplit

from PySide6.QtCore import QItemSelection, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.config import DEFAULT_SERVER_URL
from app.domain import ApiToken
from app.sync.connection import ConnectionProblem, ProblemKind, ProjectChoice
from app.ui.connect.connect_form import ConnectForm
from app.ui.connect.keyring_notice import KeyringNotice
from app.ui.connect.project_list import PROJECT_ROLE
from app.ui.connect.status_line import Tone
from app.ui.connect.tester import CheckFactory, ConnectionTester, Verified
from app.ui.theme import SPACING

LEAD = (
    "Testdeck keeps a copy of one project's test runs on this computer and delivers the "
    "results you record to Testably."
)
HINT = "Test the connection to see the projects this token can use."


@dataclass(frozen=True, slots=True)
class ConnectionChoice:
    """What the tester connected to, for the caller to save."""

    server_url: str
    token: ApiToken
    project: ProjectChoice
    projects: tuple[ProjectChoice, ...]
    keep_token_in_file: bool


class ConnectDialog(QDialog):
    """Asks for the server and the API token, tests them and lets the tester pick a project.

    "Connect" is enabled only after a successful test of exactly what the fields hold, with
    a project chosen; editing either field invalidates the test. Closing the dialog stops
    a running test.

    Args:
        check_factory: makes a `ConnectionCheck` from the typed server and token.
        server_url: the server to start with (the saved setting); None for Testably's.
        project_id: the project to preselect when the token can see it.
        secure_keyring: whether a secure keyring exists; without one the dialog explains
            that the token lasts until Testdeck closes, and offers to keep it in a file.
        parent: the window the dialog belongs to.

    Signals:
        connection_verified(object): a test succeeded; the tuple of `ProjectChoice`.
        connection_failed(object): a test failed or was stopped; the `ConnectionProblem`.
        connection_chosen(object): the tester connected; the `ConnectionChoice` (also in
            `choice`), sent just before the dialog closes as accepted.
    """

    connection_verified = Signal(object)
    connection_failed = Signal(object)
    connection_chosen = Signal(object)

    def __init__(
        self,
        check_factory: CheckFactory,
        *,
        server_url: str | None,
        project_id: str | None,
        secure_keyring: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle("Connect to Testably")
        self._project_id = project_id
        self._tester = ConnectionTester(check_factory, self)
        self._verified: Verified | None = None
        self._choice: ConnectionChoice | None = None
        self.form = ConnectForm(server_url or DEFAULT_SERVER_URL)
        self.keyring_notice = None if secure_keyring else KeyringNotice()
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = QPushButton("Co&nnect")
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setAccessibleName("Connect")
        self._buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self._lay_out()
        self._wire()
        self._set_order()
        self.form.status.show_message(HINT, Tone.HINT)
        self._update_buttons()

    @property
    def choice(self) -> ConnectionChoice | None:
        """What the tester connected to, once the dialog is accepted; None before."""
        return self._choice

    @property
    def checking(self) -> bool:
        """Whether a connection test runs."""
        return self._tester.inputs is not None

    def accept(self) -> None:
        choice = self._current_choice()
        if choice is None:
            return  # Connect is disabled; there is nothing to accept yet
        self._choice = choice
        self.connection_chosen.emit(choice)
        super().accept()

    def done(self, result: int) -> None:
        self._tester.stop()
        super().done(result)

    # Building ------------------------------------------------------------------------------

    def _lay_out(self) -> None:
        title = QLabel("Connect to Testably")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        lead = QLabel(LEAD)
        lead.setWordWrap(True)
        layout = QVBoxLayout(self)
        # The dialog's size is set, not derived: a message appearing in a shown dialog
        # must not change its minimum size (offscreen Qt warns about that).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(SPACING * 3, SPACING * 3, SPACING * 3, SPACING * 2)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(title)
        layout.addWidget(lead)
        self.form.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.form)
        if self.keyring_notice is not None:
            layout.addWidget(self.keyring_notice)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        self.setMinimumSize(620, 510 if self.keyring_notice is None else 650)

    def _wire(self) -> None:
        self.form.server.textChanged.connect(self._on_field_changed)
        self.form.token.textChanged.connect(self._on_field_changed)
        self.form.test.clicked.connect(self._on_test_clicked)
        selection = self.form.project_list.selectionModel()
        selection.selectionChanged.connect(self._on_project_selection_changed)
        self._tester.verified.connect(self._on_tester_verified)
        self._tester.failed.connect(self._on_tester_failed)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)

    def _set_order(self) -> None:
        cancel = self._buttons.button(QDialogButtonBox.StandardButton.Cancel)
        form = self.form
        order: list[QWidget] = [form.server, form.token, form.reveal, form.test]
        order.append(form.project_list)
        if self.keyring_notice is not None:
            order.append(self.keyring_notice.keep_in_file)
        order += [cancel, self.connect_button]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        for button in (form.test, self.connect_button, cancel):
            button.setAutoDefault(False)  # Enter presses the default button only
        (form.token if form.server.text() else form.server).setFocus()

    # The test ------------------------------------------------------------------------------

    @Slot()
    def _on_test_clicked(self) -> None:
        if self.checking:
            self._stop_test("The test was stopped.")
            return
        self._forget_verified()
        self._tester.start(self.form.server.text(), self.form.token.text())
        self.form.set_checking(True)
        self.form.status.show_message(f"Checking {_host(self.form.server.text())}…", Tone.BUSY)
        self._update_buttons()

    def _stop_test(self, why: str) -> None:
        self._tester.stop()
        self.form.set_checking(False)
        self.form.status.show_message(why, Tone.HINT)
        self._update_buttons()

    @Slot(object)
    def _on_tester_verified(self, verified: Verified) -> None:
        self._verified = verified
        self.form.set_checking(False)
        self.form.projects.set_projects(verified.projects)
        self._preselect(verified.projects)
        text = _connected_text(verified.server_url, len(verified.projects))
        if self._selected_project() is None:
            text += " Choose the one to work on."
        self.form.status.show_message(text, Tone.GOOD)
        self._update_buttons()
        self.connection_verified.emit(verified.projects)

    @Slot(object)
    def _on_tester_failed(self, problem: ConnectionProblem) -> None:
        self.form.set_checking(False)
        tone = Tone.HINT if problem.kind is ProblemKind.CANCELLED else Tone.BAD
        self.form.status.show_message(problem.message, tone)
        field = {ProblemKind.ADDRESS: self.form.server, ProblemKind.TOKEN: self.form.token}
        if problem.kind in field:
            field[problem.kind].setFocus()
            field[problem.kind].selectAll()
        self._update_buttons()
        self.connection_failed.emit(problem)

    def _forget_verified(self) -> None:
        self._verified = None
        self.form.projects.set_projects(())

    def _preselect(self, projects: tuple[ProjectChoice, ...]) -> None:
        row = self.form.projects.row_of(self._project_id)
        if row is None and len(projects) == 1:
            row = 0
        if row is not None:
            view = self.form.project_list
            view.setCurrentIndex(self.form.projects.index(row))
            view.scrollTo(view.currentIndex())

    # Fields and buttons --------------------------------------------------------------------

    @Slot()
    def _on_field_changed(self) -> None:
        server_text, token_text = self.form.server.text(), self.form.token.text()
        testing = self._tester.inputs
        if testing is not None and not testing.match(server_text, token_text):
            self._stop_test("The server or the token changed, so the test was stopped.")
        verified = self._verified
        if verified is not None and not verified.inputs.match(server_text, token_text):
            self._forget_verified()
            changed = "The server or the token changed: test the connection again."
            self.form.status.show_message(changed, Tone.HINT)
        self._update_buttons()

    @Slot(QItemSelection, QItemSelection)
    def _on_project_selection_changed(self, selected: QItemSelection, _: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self._current_choice() is not None
        self.connect_button.setEnabled(ready)
        self.connect_button.setDefault(ready)
        self.form.test.setDefault(not ready)

    def _current_choice(self) -> ConnectionChoice | None:
        verified, project = self._verified, self._selected_project()
        if verified is None or project is None or verified.inputs.token is None:
            return None
        if not verified.inputs.match(self.form.server.text(), self.form.token.text()):
            return None
        keep = self.keyring_notice is not None and self.keyring_notice.keep_in_file.isChecked()
        return ConnectionChoice(
            verified.server_url, verified.inputs.token, project, verified.projects, keep
        )

    def _selected_project(self) -> ProjectChoice | None:
        rows = self.form.project_list.selectionModel().selectedRows()
        project = rows[0].data(PROJECT_ROLE) if rows else None
        return project if isinstance(project, ProjectChoice) else None


def _host(server_text: str) -> str:
    """`api.testably.app` or `127.0.0.1:8765`: the server's name as the tester knows it."""
    text = server_text.strip()
    parts = urlsplit(text if "://" in text else f"https://{text}")
    try:
        port = parts.port
    except ValueError:
        port = None
    host = parts.hostname or text or "the server"
    return f"{host}:{port}" if port and port not in (80, 443) else host


def _connected_text(server_url: str, count: int) -> str:
    projects = "1 project" if count == 1 else f"{count} projects"
    return f"Connected to {_host(server_url)}: the token can use {projects}."
