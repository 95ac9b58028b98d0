"""Starting the desktop app: against the configured server, or in demo mode.

This is the one place that wires the desktop app's concrete objects together: the local
cache, the token, the HTTP client and sync engine (made in the sync thread), and, in demo
mode, a sandbox server in this process with data directories of its own.

The store is imported before anything of Qt, and that order is kept on purpose (a test
holds it): once PySide6 is loaded, its import hook reads the source file of every module
imported after it, which for SQLAlchemy's and SQLModel's ~300 modules costs about 8% of
a cold start's instructions. Qt and SQLAlchemy names used only in annotations stay out of
the imports below for that reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.cli.context import CliContext
from app.cli.errors import CliError
from app.cli.tokens import token_from_environment
from app.config import AppPaths, Settings, load_settings, save_settings
from app.domain import ApiToken
from app.store import StoreError, open_database
from app.ui.application import (
    create_application,
    run_start_window,
    run_workspace,
    show_fatal_error,
)
from app.ui.sync import ClientSession, EngineLike, SyncSession
from app.ui.workspace import Workspace

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import Engine

log = logging.getLogger(__name__)

DEMO_FOLDER = "demo"
DEMO_PROJECT_ID = "proj_demo"  # the sandbox's demo seed (app.sandbox.DEMO_PROJECT_ID)


TokenSource = Callable[[], ApiToken | None]


@dataclass(frozen=True)
class ServerSessions:
    """Makes a sync engine and its own HTTP client; called once, in the sync thread.

    The token is looked up there too (the keyring can take 100 ms to load), and the client
    and engine modules are imported there: all of it after the window has painted.
    """

    database: Engine
    server_url: str
    project_id: str
    token: TokenSource

    def __call__(self) -> SyncSession:
        token = self.token()
        if token is None:
            from app.sync.signed_out import SignedOutEngine

            return OfflineSession(SignedOutEngine(self.database, self.project_id))
        from app.api import TestablyClient
        from app.sync.engine import SyncEngine

        client = TestablyClient(self.server_url, token)
        return ClientSession(SyncEngine(self.database, client, self.project_id), client)


@dataclass(frozen=True)
class OfflineSession:
    """A session without a connection: nothing to cancel or close."""

    engine: EngineLike

    def cancel(self) -> None:
        """Nothing waits on the network."""

    def close(self) -> None:
        """Nothing to release."""


def start_desktop(context: CliContext, *, demo: bool) -> int:
    """Show the main window until the user quits; returns the exit code."""
    application = create_application()
    if demo:
        return _run_demo(context, application)
    return _run_connected(context, application)


def demo_paths(paths: AppPaths) -> AppPaths:
    """Demo mode's own folders, inside the real data folder: demo data never mixes in."""
    return AppPaths.under(paths.data_dir / DEMO_FOLDER).ensure()


def _run_demo(context: CliContext, application: QApplication) -> int:
    try:
        with demo_workspace(context.paths) as workspace:
            return run_workspace(application, workspace)
    except StoreError as error:
        log.error("Could not open the demo's local cache: %s", error)
        return show_fatal_error("The demo could not start", str(error))
    except (OSError, RuntimeError) as error:
        log.exception("The demo server could not start")
        return show_fatal_error("The demo could not start", f"The demo server failed: {error}")


@contextmanager
def demo_workspace(paths: AppPaths) -> Iterator[Workspace]:
    """A workspace on the demo project, served by a sandbox in this process until exit.

    The sandbox keeps its data next to the demo cache, so what the user does in the demo is
    still there at the next demo start.

    Raises:
        StoreError: the demo cache could not be opened.
        OSError, RuntimeError: the sandbox could not start.
    """
    from app.sandbox import DEMO_TOKEN, SandboxConfig, SandboxServer

    paths = demo_paths(paths)
    config = SandboxConfig(database=paths.data_dir / "sandbox.sqlite3", seed="demo")
    with SandboxServer(config) as server:
        database = open_database(paths.database_file, paths.backup_dir)
        try:
            settings = load_settings(paths.settings_file).settings.replace(
                project_id=DEMO_PROJECT_ID
            )
            demo_token = ApiToken(DEMO_TOKEN)
            sessions = ServerSessions(database, server.url, DEMO_PROJECT_ID, lambda: demo_token)
            yield _workspace(paths, database, settings, sessions, demo=True)
        finally:
            database.dispose()


def _run_connected(context: CliContext, application: QApplication) -> int:
    paths, loaded = context.paths, load_settings(context.paths.settings_file)
    database = _open_cache(paths)
    if database is None:
        return 1
    settings = loaded.settings
    if settings.project_id is None:
        return run_start_window(application, database, paths)
    try:
        from_environment = token_from_environment(context.console.environ)
    except CliError as error:
        return show_fatal_error("Testdeck cannot sign in", error.message)

    def token() -> ApiToken | None:
        return from_environment or context.tokens.load(settings.server_url)

    sessions = ServerSessions(database, settings.server_url, settings.project_id, token)
    workspace = _workspace(paths, database, settings, sessions, demo=False)
    workspace.notices.extend(loaded.problems)
    return run_workspace(application, workspace)


def _open_cache(paths: AppPaths) -> Engine | None:
    try:
        return open_database(paths.database_file, paths.backup_dir)
    except StoreError as error:
        log.error("Could not open the local cache: %s", error)
        show_fatal_error("Testdeck cannot start", str(error))
        return None


def _workspace(
    paths: AppPaths,
    database: Engine,
    settings: Settings,
    sessions: ServerSessions | None,
    *,
    demo: bool,
) -> Workspace:
    def save(changed: Settings) -> None:
        save_settings(paths.settings_file, changed)

    return Workspace(
        paths=paths,
        database=database,
        project_id=settings.project_id or DEMO_PROJECT_ID,
        settings=settings,
        save_settings=save,
        session_factory=sessions,
        demo=demo,
    )
