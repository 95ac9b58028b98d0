"""The desktop shell with the app's real launcher: first start, demo, connect, switch, sign out.

Each test runs in its own TESTDECK_HOME with the in-memory keyring; the demo runs its
sandbox in this process, and "real" servers are sandboxes on 127.0.0.1.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.cli.desktop import DesktopLauncher
from app.config import AppPaths, load_settings
from app.domain import ApiToken
from app.sandbox import DEMO_PROJECT_ID, DEMO_TOKEN, SandboxServer
from app.sync.connection import ConnectionCheck
from app.ui.connect import ConnectDialog, ConnectionChoice, WelcomeWindow
from app.ui.main_window import MainWindow
from app.ui.settings import SignOutChoice
from app.ui.shell import DesktopShell
from tests.fakes import MemoryKeyring
from tests.sandbox_server import make_sandbox, sandbox

__all__ = ["make_sandbox", "sandbox"]

PASS_TIMEOUT_MS = 30_000


class SignOutAnswer:
    def __init__(self, choice: SignOutChoice | None) -> None:
        self.choice = choice
        self.asked: list[int] = []

    def __call__(self, window: QWidget, undelivered: int) -> SignOutChoice | None:
        self.asked.append(undelivered)
        return self.choice


@pytest.fixture
def paths(testdeck_home: Path) -> AppPaths:
    return AppPaths.under(testdeck_home).ensure()


@pytest.fixture
def launcher(paths: AppPaths) -> Iterator[DesktopLauncher]:
    with DesktopLauncher(paths, None) as made:
        yield made


@pytest.fixture
def answer() -> SignOutAnswer:
    return SignOutAnswer(SignOutChoice.KEEP_CHANGES)


@pytest.fixture
def shell(qtbot: QtBot, launcher: DesktopLauncher, answer: SignOutAnswer) -> Iterator[DesktopShell]:
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    made = DesktopShell(application, launcher, ask_sign_out=answer)
    shown: list[QWidget] = []
    made.window_shown.connect(shown.append)
    yield made
    assert made.shutdown(), "the sync thread outlived the test"
    # Deleted here, in the GUI thread: never by a garbage collection in another thread.
    for window in shown:
        if shiboken6.isValid(window):
            window.close()
            window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def main_window(shell: DesktopShell) -> MainWindow:
    window = shell.window
    assert isinstance(window, MainWindow)
    return window


def wait_for_first_pass(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.runs.current_run_id() is not None, timeout=PASS_TIMEOUT_MS)


def connect_to(server: SandboxServer, project_id: str = DEMO_PROJECT_ID) -> ConnectionChoice:
    """What the Connect dialog hands over after a successful test (checked for real)."""
    projects = tuple(ConnectionCheck(server.url, DEMO_TOKEN).run())
    chosen = next(project for project in projects if project.id == project_id)
    check = ConnectionCheck(server.url, DEMO_TOKEN)
    return ConnectionChoice(check.server_url, ApiToken(DEMO_TOKEN), chosen, projects, False)


def test_a_first_start_shows_the_welcome_view(shell: DesktopShell) -> None:
    shell.start()

    assert isinstance(shell.window, WelcomeWindow)
    assert shell.window.isVisible()


def test_try_the_demo_opens_the_demo_project_synced(qtbot: QtBot, shell: DesktopShell) -> None:
    shell.start()
    welcome = shell.window
    assert isinstance(welcome, WelcomeWindow)

    welcome.demo_requested.emit()

    window = main_window(shell)
    assert window.isVisible()
    assert not welcome.isVisible()
    assert "(demo)" in window.windowTitle()
    wait_for_first_pass(qtbot, window)
    assert len(window.workspace.queries.runs(DEMO_PROJECT_ID)) == 15


def test_the_demo_switches_between_its_projects(qtbot: QtBot, shell: DesktopShell) -> None:
    shell.start()
    assert isinstance(shell.window, WelcomeWindow)
    shell.window.demo_requested.emit()
    first = main_window(shell)
    qtbot.waitUntil(lambda: first.project_switcher.combo.count() > 1, timeout=PASS_TIMEOUT_MS)
    combo = first.project_switcher.combo
    mobile = combo.findData("proj_mobile")
    assert mobile >= 0

    combo.activated.emit(mobile)

    second = main_window(shell)
    assert second is not first
    assert not first.isVisible()
    assert second.workspace.project_id == "proj_mobile"
    qtbot.waitUntil(lambda: "Mobile" in second.windowTitle(), timeout=PASS_TIMEOUT_MS)
    assert second.project_switcher.combo.currentData() == "proj_mobile"


def test_connecting_keeps_token_settings_and_projects(
    qtbot: QtBot,
    shell: DesktopShell,
    sandbox: SandboxServer,
    paths: AppPaths,
    memory_keyring: MemoryKeyring,
) -> None:
    shell.start()
    choice = connect_to(sandbox)

    shell._on_dialog_connection_chosen(choice)

    window = main_window(shell)
    settings = load_settings(paths.settings_file).settings
    assert (settings.server_url, settings.project_id) == (choice.server_url, DEMO_PROJECT_ID)
    assert DEMO_TOKEN not in paths.settings_file.read_text()
    assert memory_keyring.get_password("testdeck", choice.server_url) == DEMO_TOKEN
    cached = {project.id for project in window.workspace.queries.projects()}
    assert cached == {project.id for project in choice.projects}
    wait_for_first_pass(qtbot, window)


def test_the_saved_project_opens_at_the_next_start(
    qtbot: QtBot, shell: DesktopShell, sandbox: SandboxServer, paths: AppPaths
) -> None:
    shell.start()
    shell._on_dialog_connection_chosen(connect_to(sandbox))
    wait_for_first_pass(qtbot, main_window(shell))
    assert shell.shutdown()

    with DesktopLauncher(paths, None) as again:
        workspace = again.saved_workspace()
        assert workspace is not None
        assert workspace.project_id == DEMO_PROJECT_ID
        assert len(workspace.queries.runs(DEMO_PROJECT_ID)) == 15


def test_signing_out_keeps_undelivered_changes_and_forgets_the_token(
    qtbot: QtBot,
    shell: DesktopShell,
    sandbox: SandboxServer,
    paths: AppPaths,
    answer: SignOutAnswer,
    memory_keyring: MemoryKeyring,
) -> None:
    shell.start()
    choice = connect_to(sandbox)
    shell._on_dialog_connection_chosen(choice)
    window = main_window(shell)
    wait_for_first_pass(qtbot, window)
    sandbox.stop()  # offline: the change stays undelivered
    queries = window.workspace.queries
    run = next(run for run in queries.runs(DEMO_PROJECT_ID) if not run.is_read_only)
    window.workspace.commands.record_result(queries.results(run.id)[0].id, "passed")

    window.sign_out_requested.emit()

    assert answer.asked == [1]
    welcome = shell.window
    assert isinstance(welcome, WelcomeWindow)
    assert "1 change is kept" in welcome.message.label.text()
    assert memory_keyring.get_password("testdeck", choice.server_url) is None
    assert load_settings(paths.settings_file).settings.project_id is None
    assert queries.undelivered_count() == 1


def test_signing_out_can_discard_the_changes_when_asked(
    qtbot: QtBot,
    shell: DesktopShell,
    sandbox: SandboxServer,
    answer: SignOutAnswer,
) -> None:
    answer.choice = SignOutChoice.DISCARD_CHANGES
    shell.start()
    shell._on_dialog_connection_chosen(connect_to(sandbox))
    window = main_window(shell)
    wait_for_first_pass(qtbot, window)
    sandbox.stop()
    commands, queries = window.workspace.commands, window.workspace.queries
    created = commands.create_run(
        DEMO_PROJECT_ID, "Offline run", [queries.test_cases(DEMO_PROJECT_ID)[0].id]
    )

    window.sign_out_requested.emit()

    assert isinstance(shell.window, WelcomeWindow)
    assert queries.undelivered_count() == 0
    assert created.id not in {run.id for run in queries.runs(DEMO_PROJECT_ID)}


def test_declining_to_sign_out_stays_signed_in(
    qtbot: QtBot, shell: DesktopShell, sandbox: SandboxServer, answer: SignOutAnswer
) -> None:
    answer.choice = None
    shell.start()
    shell._on_dialog_connection_chosen(connect_to(sandbox))
    window = main_window(shell)

    window.sign_out_requested.emit()

    assert shell.window is window
    assert window.isVisible()


def test_a_broken_settings_file_is_set_aside_and_the_welcome_view_shows(
    shell: DesktopShell, paths: AppPaths
) -> None:
    paths.settings_file.write_text(json.dumps(["not", "settings"]))

    shell.start()

    assert isinstance(shell.window, WelcomeWindow)
    assert list(paths.settings_file.parent.glob("settings.json.broken-*"))


def test_connect_from_the_main_window_opens_the_dialog_on_the_current_connection(
    shell: DesktopShell, sandbox: SandboxServer
) -> None:
    shell.start()
    choice = connect_to(sandbox)
    shell._on_dialog_connection_chosen(choice)
    window = main_window(shell)

    window.main_actions.connect.trigger()

    dialog = window.findChild(ConnectDialog)
    assert isinstance(dialog, ConnectDialog)
    assert dialog.isVisible()
    assert dialog.form.server.text() == choice.server_url
    assert dialog.form.token.text() == "", "a token is typed, never shown back"
    dialog.reject()


def test_a_connection_chosen_in_the_dialog_replaces_the_welcome_view(
    qtbot: QtBot, shell: DesktopShell, sandbox: SandboxServer
) -> None:
    shell.start()
    welcome = shell.window
    assert isinstance(welcome, WelcomeWindow)
    welcome.connect_requested.emit()
    dialog = welcome.findChild(ConnectDialog)
    assert isinstance(dialog, ConnectDialog)
    dialog.form.server.setText(sandbox.url)
    qtbot.keyClicks(dialog.form.token, DEMO_TOKEN)
    with qtbot.waitSignal(dialog.connection_verified, timeout=PASS_TIMEOUT_MS):
        qtbot.mouseClick(dialog.form.test, Qt.MouseButton.LeftButton)
    dialog.form.project_list.setCurrentIndex(dialog.form.projects.index(0, 0))

    with qtbot.waitSignal(dialog.connection_chosen):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)

    chosen = dialog.choice
    assert chosen is not None
    assert main_window(shell).workspace.project_id == chosen.project.id
    assert not welcome.isVisible()
