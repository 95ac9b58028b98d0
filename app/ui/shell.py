"""The desktop app's one window at a time: the welcome view, or a project's main window.

The shell swaps them as the tester connects, tries the demo, switches project or signs out.
It owns the shown window's sync controller; the `Launcher` (made by `app.cli.desktop`, the
one place that knows the concrete objects) makes the workspaces, keeps tokens and settings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.store import StoreError
from app.ui.sync import SyncController
from app.ui.theme import apply_theme
from app.ui.workspace import Workspace

if TYPE_CHECKING:
    from app.sync.connection import ConnectionCheck
    from app.ui.connect import CacheOverview, ConnectionChoice, WelcomeWindow
    from app.ui.main_window import MainWindow
    from app.ui.settings import SignOutChoice

SignOutQuestion = Callable[[QWidget, int], "SignOutChoice | None"]
"""Asks `(window, undelivered)` how to sign out; None stays signed in."""


def ask_how_to_sign_out(window: QWidget, undelivered: int) -> SignOutChoice | None:
    from app.ui.settings import ask_sign_out

    return ask_sign_out(window, undelivered)


log = logging.getLogger(__name__)


class Launcher(Protocol):
    """What the shell asks of the app's wiring (`app.cli.desktop.DesktopLauncher`)."""

    def keyring_is_secure(self) -> bool:
        """Whether tokens can be kept in an encrypted system keyring (loads the keyring)."""
        ...

    def saved_workspace(self) -> Workspace | None:
        """The project set up last time; None before any (the welcome view shows)."""
        ...

    def demo_workspace(self) -> Workspace:
        """The demo project, served by a sandbox in this process (raises OSError)."""
        ...

    def connected_workspace(self, choice: ConnectionChoice) -> Workspace:
        """Keep the token and settings of a checked connection; its project's workspace."""
        ...

    def project_workspace(self, current: Workspace, project_id: str) -> Workspace:
        """Another project of the same server and token (each keeps its own cache)."""
        ...

    def sign_out(self, workspace: Workspace) -> None:
        """Forget the token and the chosen project; the cache and its changes stay."""
        ...

    def connection_check(self, server_url: str, token: str) -> ConnectionCheck:
        """A check of what the tester typed in the Connect dialog."""
        ...

    def cache_overview(self) -> CacheOverview:
        """What the local cache holds, for the welcome view."""
        ...


class DesktopShell(QObject):
    """Shows the welcome view or one main window, and moves between them.

    Args:
        application: the running QApplication (themes apply to all of it).
        launcher: makes workspaces and keeps tokens and settings.
        ask_sign_out: asks how to sign out (tests pass their own).
        window_options: passed on to every main window (tests pass their confirmations).

    Signals:
        window_shown(QWidget): a new window (welcome or main) replaced the previous one.
    """

    window_shown = Signal(QWidget)

    def __init__(
        self,
        application: QApplication,
        launcher: Launcher,
        *,
        ask_sign_out: SignOutQuestion = ask_how_to_sign_out,
        **window_options: object,
    ) -> None:
        super().__init__(application)
        self._application = application
        self._launcher = launcher
        self._ask_sign_out = ask_sign_out
        self._window_options = window_options
        self._window: QWidget | None = None
        # Replaced windows stay referenced until Qt has deleted them: a garbage collection
        # in the sync thread must never be the one that destroys a widget.
        self._retired: list[QWidget] = []
        self._workspace: Workspace | None = None
        self._sync: SyncController | None = None
        self._stopping: list[SyncController] = []

    @property
    def window(self) -> QWidget | None:
        """The window on screen: a `WelcomeWindow` or a `MainWindow`."""
        return self._window

    def start(self) -> None:
        """Open the project set up last time, or the welcome view on a first start."""
        try:
            workspace = self._launcher.saved_workspace()
        except (StoreError, OSError, RuntimeError) as error:
            log.exception("The saved project could not be opened")
            self._show_error("Testdeck cannot open your project", str(error))
            workspace = None
        if workspace is None:
            self.show_welcome()
        else:
            self.open_workspace(workspace)

    def open_workspace(self, workspace: Workspace) -> MainWindow:
        """Show the main window on `workspace`, syncing once it has painted."""
        from app.ui.main_window import MainWindow

        self._stop_sync()
        apply_theme(self._application, workspace.settings.theme)
        sync = self._sync_controller(workspace)
        window = MainWindow(
            workspace,
            sync,
            keyring_is_secure=self._launcher.keyring_is_secure,
            apply_theme=self._apply_theme,
            **self._window_options,  # type: ignore[arg-type]
        )
        if sync is not None:
            window.first_painted.connect(sync.start)
        window.connect_requested.connect(self._on_window_connect_requested)
        window.project_chosen.connect(self._on_window_project_chosen)
        window.sign_out_requested.connect(self._on_window_sign_out_requested)
        self._workspace, self._sync = workspace, sync
        self._replace_window(window)
        return window

    def show_welcome(self, message: str | None = None) -> WelcomeWindow:
        """Show the welcome view: Connect to Testably, or Try the demo."""
        from app.ui.connect import WelcomeWindow

        self._stop_sync()
        self._workspace = None
        welcome = WelcomeWindow(self._overview())
        welcome.connect_requested.connect(self._on_welcome_connect_requested)
        welcome.demo_requested.connect(self._on_welcome_demo_requested)
        if message:
            welcome.show_message(message)
        self._replace_window(welcome)
        return welcome

    @Slot()
    def quit_now(self) -> None:
        """Close the window without questions (a termination signal): the app then quits."""
        if self._window is not None:
            _close(self._window)

    def shutdown(self) -> bool:
        """Stop sync; whether its thread ended. Call once the event loop has returned."""
        return self._stop_sync()

    # The welcome view -----------------------------------------------------------------------

    @Slot()
    def _on_welcome_connect_requested(self) -> None:
        self._ask_to_connect(server_url=None, project_id=None)

    @Slot()
    def _on_welcome_demo_requested(self) -> None:
        try:
            workspace = self._launcher.demo_workspace()
        except (StoreError, OSError, RuntimeError) as error:
            log.exception("The demo could not start")
            self._show_error("The demo could not start", str(error))
            return
        self.open_workspace(workspace)

    # The main window ------------------------------------------------------------------------

    @Slot()
    def _on_window_connect_requested(self) -> None:
        workspace = self._workspace
        if workspace is None:
            self._ask_to_connect(server_url=None, project_id=None)
        else:
            self._ask_to_connect(workspace.settings.server_url, workspace.project_id)

    @Slot(str)
    def _on_window_project_chosen(self, project_id: str) -> None:
        current = self._workspace
        if current is None or project_id == current.project_id:
            return
        try:
            workspace = self._launcher.project_workspace(current, project_id)
        except StoreError as error:
            self._show_error("The project could not be opened", str(error))
            return
        except OSError as error:
            self._show_error("The project could not be opened", _file_problem(error))
            return
        self.open_workspace(workspace)

    @Slot()
    def _on_window_sign_out_requested(self) -> None:
        from app.ui.settings import SignOutChoice

        workspace, window = self._workspace, self._window
        if workspace is None or window is None:
            return
        undelivered = self._undelivered(workspace)
        choice = self._ask_sign_out(window, undelivered)
        if choice is None:
            return
        stopped = self._stop_sync()
        kept = undelivered
        if choice is SignOutChoice.DISCARD_CHANGES:
            # Never while a pass may still be delivering them: they would come back.
            kept -= self._discard_changes(workspace) if stopped else 0
        try:
            self._launcher.sign_out(workspace)
        except OSError as error:
            self._show_error("Signing out did not finish", _file_problem(error))
        self.show_welcome(_signed_out_message(kept, demo=workspace.demo))

    # Helpers --------------------------------------------------------------------------------

    def _ask_to_connect(self, server_url: str | None, project_id: str | None) -> None:
        from app.ui.connect import ConnectDialog

        dialog = ConnectDialog(
            self._launcher.connection_check,
            server_url=server_url,
            project_id=project_id,
            secure_keyring=self._launcher.keyring_is_secure(),
            parent=self._window,
        )
        dialog.connection_chosen.connect(self._on_dialog_connection_chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot(object)
    def _on_dialog_connection_chosen(self, choice: ConnectionChoice) -> None:
        try:
            workspace = self._launcher.connected_workspace(choice)
        except (StoreError, OSError) as error:
            self._show_error("Testdeck could not save the connection", str(error))
            return
        self.open_workspace(workspace)

    def _apply_theme(self, theme: str) -> None:
        apply_theme(self._application, theme)

    def _replace_window(self, window: QWidget) -> None:
        """Show `window` first, then close the old one, so the app never has no window."""
        old, self._window = self._window, window
        window.show()
        self.window_shown.emit(window)
        self._retired = [each for each in self._retired if shiboken6.isValid(each)]
        if old is not None:
            _close(old)
            old.deleteLater()
            self._retired.append(old)

    def _sync_controller(self, workspace: Workspace) -> SyncController | None:
        if workspace.session_factory is None:
            return None
        return SyncController(
            workspace.session_factory,
            interval_seconds=workspace.settings.sync_interval_seconds,
            parent=self,
        )

    def _stop_sync(self) -> bool:
        """Stop the shown window's sync; whether every sync thread has ended.

        A thread still busy (a pass stuck beyond cancelling) is kept and waited for again
        by the next call: no thread may outlive the application.
        """
        sync, self._sync = self._sync, None
        if sync is not None:
            self._stopping.append(sync)
        still_busy = []
        for each in self._stopping:
            if each.shutdown():
                each.deleteLater()
            else:
                still_busy.append(each)
        self._stopping = still_busy
        if still_busy:
            log.error("Sync was still busy; unsent changes stay saved locally.")
        return not still_busy

    def _overview(self) -> CacheOverview | None:
        try:
            return self._launcher.cache_overview()
        except StoreError as error:
            log.error("Could not read the local cache for the welcome view: %s", error)
            return None

    def _undelivered(self, workspace: Workspace) -> int:
        try:
            return workspace.queries.undelivered_count(workspace.project_id)
        except StoreError as error:
            log.error("Could not count undelivered changes: %s", error)
            return 0

    def _discard_changes(self, workspace: Workspace) -> int:
        from app.store.sign_out import discard_undelivered

        try:
            return discard_undelivered(workspace.database, workspace.project_id).entries
        except StoreError as error:
            self._show_error("The changes could not be discarded", f"{error} They are kept.")
            return 0

    def _show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self._window, title, text)


def _signed_out_message(kept: int, *, demo: bool) -> str:
    if demo:
        return "You left the demo. What you did there is kept for the next time you try it."
    if kept <= 0:
        return "You are signed out. Your API token was removed from this computer."
    changes = "1 change is" if kept == 1 else f"{kept:,} changes are"
    return (
        f"You are signed out. {changes} kept on this computer and will be delivered after "
        "you connect to the project again."
    )


def _file_problem(error: OSError) -> str:
    where = f" ({error.filename})" if error.filename else ""
    return f"Testdeck could not write its settings{where}: {error.strerror or error}."


def _close(window: QWidget) -> None:
    """Close `window` without its questions: a main window retires, others just close."""
    retire = getattr(window, "retire", None)
    if retire is not None:
        retire()
    else:
        window.close()
