"""The Connect dialog with a real sandbox: typing, testing, choosing, connecting, giving up."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.config import DEFAULT_SERVER_URL, redact
from app.domain import ApiToken
from app.sandbox import DEMO_TOKEN, SandboxServer
from app.sync.connection import ConnectionCheck, ProblemKind, ProjectChoice
from app.ui.background import BackgroundCall
from app.ui.connect import ConnectDialog, ConnectionChoice
from app.ui.connect.project_list import PROJECT_ROLE
from tests.gui.connect.conftest import request_threads

ShowDialog = Callable[..., ConnectDialog]
WEB_SHOP = ProjectChoice("proj_demo", "Acme Web Shop", "AWS", 15, 148)
MOBILE = ProjectChoice("proj_mobile", "Acme Mobile App", "AMA", 2, 22)


@pytest.fixture
def show_dialog(qtbot: QtBot) -> ShowDialog:
    """Shows a Connect dialog (active, so mnemonics work); qtbot closes it after the test."""

    def show(
        *,
        server_url: str | None = DEFAULT_SERVER_URL,
        project_id: str | None = None,
        secure_keyring: bool = True,
        factory: Callable[[str, str], ConnectionCheck] = ConnectionCheck,
    ) -> ConnectDialog:
        dialog = ConnectDialog(
            factory, server_url=server_url, project_id=project_id, secure_keyring=secure_keyring
        )
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        return dialog

    return show


def field(dialog: ConnectDialog, name: str) -> QLineEdit:
    found = dialog.findChild(QLineEdit, name)
    assert found is not None, name
    return found


def button(dialog: ConnectDialog, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, name)
    assert found is not None, name
    return found


def status(dialog: ConnectDialog) -> str:
    label = dialog.findChild(QLabel, "connectionStatus")
    assert label is not None
    return label.text()


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Replace the field's text by keyboard, as a tester would."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def fill_in(qtbot: QtBot, dialog: ConnectDialog, server: str, token: str) -> None:
    type_into(qtbot, field(dialog, "serverUrlEdit"), server)
    type_into(qtbot, field(dialog, "tokenEdit"), token)


def listed(dialog: ConnectDialog) -> list[ProjectChoice]:
    model = dialog.form.project_list.model()
    return [model.index(row, 0).data(PROJECT_ROLE) for row in range(model.rowCount())]


def test_type_test_choose_and_connect_by_keyboard(
    qtbot: QtBot, show_dialog: ShowDialog, sandbox: SandboxServer
) -> None:
    dialog = show_dialog()
    fill_in(qtbot, dialog, sandbox.url + "/v1", DEMO_TOKEN)

    with qtbot.waitSignal(dialog.connection_verified, timeout=10_000) as verified:
        qtbot.keyClick(field(dialog, "tokenEdit"), Qt.Key.Key_Return)  # Test is the default

    assert verified.args == [(MOBILE, WEB_SHOP)]
    assert listed(dialog) == [MOBILE, WEB_SHOP]
    assert status(dialog) == (
        f"Connected to {sandbox.url.removeprefix('http://')}: the token can use 2 projects. "
        "Choose the one to work on."
    )
    assert not button(dialog, "connectButton").isEnabled()  # no project chosen yet

    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # "&Project"
    assert dialog.form.project_list.hasFocus()
    qtbot.keyClick(dialog.form.project_list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.form.project_list, Qt.Key.Key_Down)
    assert button(dialog, "connectButton").isEnabled()
    assert button(dialog, "connectButton").isDefault()
    with qtbot.waitSignal(dialog.connection_chosen) as chosen:
        qtbot.keyClick(dialog.form.project_list, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert chosen.args == [dialog.choice]
    assert dialog.choice == ConnectionChoice(
        server_url=sandbox.url,
        token=ApiToken(DEMO_TOKEN),
        project=WEB_SHOP,
        projects=(MOBILE, WEB_SHOP),
        keep_token_in_file=False,
    )


def test_without_a_saved_server_it_offers_testablys(show_dialog: ShowDialog) -> None:
    dialog = show_dialog(server_url=None)

    assert field(dialog, "serverUrlEdit").text() == "https://api.testably.app"
    assert field(dialog, "tokenEdit").hasFocus()
    assert button(dialog, "testConnectionButton").isDefault()
    assert not button(dialog, "connectButton").isEnabled()


def test_the_current_project_is_preselected(
    qtbot: QtBot, show_dialog: ShowDialog, sandbox: SandboxServer
) -> None:
    dialog = show_dialog(server_url=sandbox.url, project_id="proj_demo")
    type_into(qtbot, field(dialog, "tokenEdit"), DEMO_TOKEN)

    with qtbot.waitSignal(dialog.connection_verified, timeout=10_000):
        qtbot.mouseClick(button(dialog, "testConnectionButton"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(dialog, "connectButton"), Qt.MouseButton.LeftButton)

    assert dialog.choice is not None
    assert dialog.choice.project == WEB_SHOP


def test_a_single_project_is_chosen_by_itself(
    qtbot: QtBot, show_dialog: ShowDialog, make_sandbox: Callable[..., SandboxServer]
) -> None:
    server = make_sandbox(seed="empty")
    dialog = show_dialog(server_url=server.url)
    type_into(qtbot, field(dialog, "tokenEdit"), DEMO_TOKEN)

    with qtbot.waitSignal(dialog.connection_verified, timeout=10_000) as verified:
        qtbot.keyClick(field(dialog, "tokenEdit"), Qt.Key.Key_Return)

    assert len(verified.args[0]) == 1
    assert status(dialog).endswith("the token can use 1 project.")
    assert button(dialog, "connectButton").isEnabled()


def test_a_wrong_token_shows_the_error_inline_and_connect_stays_off(
    qtbot: QtBot, show_dialog: ShowDialog, sandbox: SandboxServer
) -> None:
    dialog = show_dialog(server_url=sandbox.url)
    type_into(qtbot, field(dialog, "tokenEdit"), "testably_not_a_real_one")

    with qtbot.waitSignal(dialog.connection_failed, timeout=10_000) as failed:
        qtbot.keyClick(field(dialog, "tokenEdit"), Qt.Key.Key_Return)

    assert failed.args[0].kind is ProblemKind.TOKEN
    assert status(dialog).startswith("Testably did not accept this API token")
    assert not button(dialog, "connectButton").isEnabled()
    assert field(dialog, "tokenEdit").hasFocus()
    assert listed(dialog) == []
    with qtbot.waitSignal(dialog.connection_failed, timeout=10_000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter tests again; it never connects
    assert dialog.isVisible()
    assert dialog.choice is None


def test_the_token_is_registered_for_redaction_and_never_logged(
    qtbot: QtBot, show_dialog: ShowDialog, sandbox: SandboxServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = (
        "Xq7-pasted-secret-9"  # not shaped like a Testably token, so only registration hides it
    )
    dialog = show_dialog(server_url=sandbox.url)
    type_into(qtbot, field(dialog, "tokenEdit"), secret)

    with qtbot.waitSignal(dialog.connection_failed, timeout=10_000):
        qtbot.keyClick(field(dialog, "tokenEdit"), Qt.Key.Key_Return)

    assert redact(f"token {secret}") == "token ***"
    assert secret not in caplog.text
    assert secret not in status(dialog)


def test_editing_after_a_test_invalidates_it(
    qtbot: QtBot, show_dialog: ShowDialog, sandbox: SandboxServer
) -> None:
    dialog = show_dialog(server_url=sandbox.url, project_id="proj_demo")
    type_into(qtbot, field(dialog, "tokenEdit"), DEMO_TOKEN)
    with qtbot.waitSignal(dialog.connection_verified, timeout=10_000):
        qtbot.keyClick(field(dialog, "tokenEdit"), Qt.Key.Key_Return)
    assert button(dialog, "connectButton").isEnabled()

    qtbot.keyClicks(field(dialog, "serverUrlEdit"), "/")

    assert not button(dialog, "connectButton").isEnabled()
    assert listed(dialog) == []
    assert status(dialog) == "The server or the token changed: test the connection again."
    dialog.accept()  # even asked directly, it does not connect to what wasn't tested
    assert dialog.isVisible()
    assert dialog.choice is None


def test_escape_cancels(qtbot: QtBot, show_dialog: ShowDialog, sandbox: SandboxServer) -> None:
    dialog = show_dialog(server_url=sandbox.url, project_id="proj_demo")
    type_into(qtbot, field(dialog, "tokenEdit"), DEMO_TOKEN)
    with qtbot.waitSignal(dialog.connection_verified, timeout=10_000):
        qtbot.keyClick(field(dialog, "tokenEdit"), Qt.Key.Key_Return)

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert dialog.choice is None


def test_a_running_test_can_be_stopped_and_the_dialog_stays_responsive(
    qtbot: QtBot, show_dialog: ShowDialog, sandbox: SandboxServer
) -> None:
    sandbox.faults.delay_next(seconds=2)
    dialog = show_dialog(server_url=sandbox.url)
    type_into(qtbot, field(dialog, "tokenEdit"), DEMO_TOKEN)
    test = button(dialog, "testConnectionButton")
    qtbot.mouseClick(test, Qt.MouseButton.LeftButton)
    assert dialog.checking
    assert test.text() == "Stop &checking"
    assert status(dialog) == f"Checking {sandbox.url.removeprefix('http://')}…"
    reveal = dialog.findChild(QToolButton, "tokenRevealButton")
    assert reveal is not None
    qtbot.mouseClick(reveal, Qt.MouseButton.LeftButton)  # the dialog answers meanwhile
    assert field(dialog, "tokenEdit").echoMode() is QLineEdit.EchoMode.Normal
    assert dialog.checking

    with qtbot.assertNotEmitted(dialog.connection_verified):
        qtbot.mouseClick(test, Qt.MouseButton.LeftButton)

    assert not dialog.checking
    assert test.text() == "Test &connection"
    assert status(dialog) == "The test was stopped."
    qtbot.waitUntil(lambda: not BackgroundCall._running, timeout=1000)


def test_closing_while_a_test_runs_leaves_no_thread_behind(
    qtbot: QtBot, show_dialog: ShowDialog, sandbox: SandboxServer
) -> None:
    sandbox.faults.delay_next(seconds=2)
    dialog = show_dialog(server_url=sandbox.url)
    type_into(qtbot, field(dialog, "tokenEdit"), DEMO_TOKEN)
    qtbot.mouseClick(button(dialog, "testConnectionButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(request_threads()))
    started = time.monotonic()

    dialog.close()

    assert time.monotonic() - started < 1.0  # closing does not wait for the server's 2 s
    assert not dialog.isVisible()
    assert not dialog.checking
    assert all(not call.running for call in BackgroundCall._running)
    qtbot.waitUntil(lambda: not request_threads(), timeout=5000)  # it ends with the answer
    qtbot.waitUntil(lambda: not BackgroundCall._running, timeout=1000)


def test_the_keyring_explanation_and_checkbox_appear_only_without_a_secure_keyring(
    show_dialog: ShowDialog,
) -> None:
    secure = show_dialog(secure_keyring=True)
    assert secure.findChild(QCheckBox, "keepTokenInFile") is None

    insecure = show_dialog(secure_keyring=False)
    checkbox = insecure.findChild(QCheckBox, "keepTokenInFile")
    assert checkbox is not None
    assert checkbox.isVisible()
    assert not checkbox.isChecked()
    assert checkbox.text() == "&Keep the token in a file only you can read (not encrypted)"
    texts = " ".join(label.text() for label in insecure.findChildren(QLabel))
    assert "kept only until Testdeck closes" in texts
    assert "The file is not encrypted: anyone who can read your files" in texts


def test_keeping_the_token_in_a_file_is_part_of_the_choice(
    qtbot: QtBot, show_dialog: ShowDialog, sandbox: SandboxServer
) -> None:
    dialog = show_dialog(server_url=sandbox.url, project_id="proj_demo", secure_keyring=False)
    type_into(qtbot, field(dialog, "tokenEdit"), DEMO_TOKEN)
    with qtbot.waitSignal(dialog.connection_verified, timeout=10_000):
        qtbot.keyClick(field(dialog, "tokenEdit"), Qt.Key.Key_Return)

    checkbox = dialog.findChild(QCheckBox, "keepTokenInFile")
    assert checkbox is not None
    qtbot.keyClick(dialog, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # "&Keep the token…"
    qtbot.waitUntil(checkbox.isChecked)  # a mnemonic clicks after a short animation
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # "Co&nnect"
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert dialog.choice is not None
    assert dialog.choice.keep_token_in_file is True


def test_the_token_is_masked_until_shown(qtbot: QtBot, show_dialog: ShowDialog) -> None:
    dialog = show_dialog()
    token = field(dialog, "tokenEdit")
    reveal = dialog.findChild(QToolButton, "tokenRevealButton")
    assert reveal is not None
    assert token.echoMode() is QLineEdit.EchoMode.Password

    qtbot.keyClick(dialog, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # "S&how"
    qtbot.waitUntil(lambda: token.echoMode() is QLineEdit.EchoMode.Normal)
    assert reveal.accessibleName() == "Hide the token"

    qtbot.mouseClick(reveal, Qt.MouseButton.LeftButton)
    assert token.echoMode() is QLineEdit.EchoMode.Password


def test_an_unusable_address_is_explained_without_a_request(
    qtbot: QtBot, show_dialog: ShowDialog
) -> None:
    dialog = show_dialog()
    fill_in(qtbot, dialog, "http://testably.example.com", DEMO_TOKEN)

    with qtbot.waitSignal(dialog.connection_failed, timeout=10_000) as failed:
        qtbot.keyClick(field(dialog, "tokenEdit"), Qt.Key.Key_Return)

    assert failed.args[0].kind is ProblemKind.ADDRESS
    assert "only over HTTPS" in status(dialog)
    assert field(dialog, "serverUrlEdit").hasFocus()
    assert request_threads() == []


def test_tab_visits_the_fields_in_reading_order(qtbot: QtBot, show_dialog: ShowDialog) -> None:
    dialog = show_dialog(secure_keyring=False)
    field(dialog, "serverUrlEdit").setFocus()
    expected = [
        "tokenEdit",
        "tokenRevealButton",
        "testConnectionButton",
        "projectChoice",
        "keepTokenInFile",
    ]

    visited = []
    for _ in expected:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        visited.append(dialog.focusWidget().objectName())

    assert visited == expected


def test_every_control_has_an_accessible_name(show_dialog: ShowDialog) -> None:
    dialog = show_dialog(secure_keyring=False)
    names = [
        "serverUrlEdit",
        "tokenEdit",
        "tokenRevealButton",
        "testConnectionButton",
        "projectChoice",
        "keepTokenInFile",
        "connectButton",
    ]
    for name in names:
        widget = dialog.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name


def test_a_silent_server_is_reported_as_not_answering(
    qtbot: QtBot, show_dialog: ShowDialog, sandbox: SandboxServer
) -> None:
    sandbox.faults.delay_next(seconds=2)
    factory = partial(ConnectionCheck, read_seconds=0.2)
    dialog = show_dialog(server_url=sandbox.url, factory=factory)
    type_into(qtbot, field(dialog, "tokenEdit"), DEMO_TOKEN)

    with qtbot.waitSignal(dialog.connection_failed, timeout=10_000) as failed:
        qtbot.keyClick(field(dialog, "tokenEdit"), Qt.Key.Key_Return)

    assert failed.args[0].kind is ProblemKind.UNREACHABLE
    assert "did not answer in time" in status(dialog)
