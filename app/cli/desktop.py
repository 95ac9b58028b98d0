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
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.cli.context import CliContext
from app.cli.errors import CliError
from app.cli.tokens import token_from_environment
from app.config import AppPaths, Settings, load_settings, save_settings
from app.domain import ApiToken
from app.store import open_database
from app.ui.application import create_application, run_desktop, show_fatal_error
from app.ui.sync import ClientSession, EngineLike, SyncSession
from app.ui.workspace import Workspace

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from app.config import TokenStore
    from app.sync.connection import ConnectionCheck
    from app.ui.connect import CacheOverview, ConnectionChoice

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
    """Show the desktop app until the user quits; returns the exit code.

    Without `demo`, the project set up last time opens (or the welcome view on a first
    start); with it, the demo project, served by a sandbox in this process.
    """
    application = create_application()
    try:
        environment_token = token_from_environment(context.console.environ)
    except CliError as error:
        return show_fatal_error("Testdeck cannot sign in", error.message)
    with DesktopLauncher(context.paths, environment_token, demo=demo) as launcher:
        return run_desktop(application, launcher)


def demo_paths(paths: AppPaths) -> AppPaths:
    """Demo mode's own folders, inside the real data folder: demo data never mixes in."""
    return AppPaths.under(paths.data_dir / DEMO_FOLDER).ensure()


class DesktopLauncher:
    """Makes the desktop app's workspaces: the saved project, the demo, new connections.

    It opens each local cache once, starts the demo's sandbox on first use, and keeps
    tokens (through `TokenStore`) and settings. Use it as a context manager: leaving it
    stops the sandbox and closes the caches.

    Args:
        paths: where Testdeck keeps its files.
        environment_token: the token in `TESTDECK_TOKEN`, which wins over a saved one.
        demo: start in demo mode instead of the saved project.
    """

    def __init__(
        self, paths: AppPaths, environment_token: ApiToken | None, *, demo: bool = False
    ) -> None:
        self._paths = paths
        self._environment_token = environment_token
        self._start_in_demo = demo
        self._exits = ExitStack()
        self._database: Engine | None = None
        self._demo: _Demo | None = None
        self._tokens: TokenStore | None = None
        # The sync thread looks tokens up while the GUI thread may connect or sign out.
        self._token_lock = threading.RLock()

    def __enter__(self) -> DesktopLauncher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the demo's sandbox and close every cache opened."""
        self._exits.close()

    def keyring_is_secure(self) -> bool:
        import keyring  # loaded on first use: ~35 ms

        from app.config import is_secure_backend

        return is_secure_backend(keyring.get_keyring())

    def saved_workspace(self) -> Workspace | None:
        if self._start_in_demo:
            return self.demo_workspace()
        loaded = load_settings(self._paths.settings_file)
        settings = loaded.settings
        if settings.project_id is None:
            return None
        workspace = self._connected(settings, self._saved_token)
        workspace.notices.extend(loaded.problems)
        return workspace

    def demo_workspace(self) -> Workspace:
        if self._demo is None:
            self._demo = self._exits.enter_context(_started_demo(self._paths))
        return self._demo.workspace(project_id=None)

    def connected_workspace(self, choice: ConnectionChoice) -> Workspace:
        settings = load_settings(self._paths.settings_file).settings.replace(
            server_url=choice.server_url,
            project_id=choice.project.id,
            token_storage="file" if choice.keep_token_in_file else "keyring",
        )
        remember_projects(self._cache(), [(p.id, p.name, p.prefix) for p in choice.projects])
        save_settings(self._paths.settings_file, settings)
        with self._token_lock:
            # Out of wherever it was (a file the tester no longer wants), into the new place.
            self._token_store().forget(choice.server_url)
            self._tokens = None
            self._token_store().save(choice.server_url, choice.token)
            notice = self._token_store().notice
            self._environment_token = None  # what the tester typed wins from now on
        token = choice.token
        workspace = self._connected(settings, lambda: token)
        if notice:
            workspace.notices.append(notice)
        return workspace

    def project_workspace(self, current: Workspace, project_id: str) -> Workspace:
        if current.demo and self._demo is not None:
            return self._demo.workspace(project_id=project_id)
        settings = current.settings.replace(project_id=project_id)
        save_settings(self._paths.settings_file, settings)
        return self._connected(settings, self._saved_token)

    def sign_out(self, workspace: Workspace) -> None:
        if workspace.demo:
            return
        from app.config import TokenStore

        server_url = workspace.settings.server_url
        with self._token_lock:
            self._token_store().forget(server_url)
            TokenStore(self._paths, allow_file=True).forget(server_url)  # and any file copy
            self._environment_token = None
        settings = load_settings(self._paths.settings_file).settings.replace(project_id=None)
        save_settings(self._paths.settings_file, settings)

    def connection_check(self, server_url: str, token: str) -> ConnectionCheck:
        from app.sync.connection import ConnectionCheck

        return ConnectionCheck(server_url, token)

    def cache_overview(self) -> CacheOverview:
        from app.ui.connect import CacheOverview

        return CacheOverview.read(self._cache(), self._paths.database_file)

    def _connected(self, settings: Settings, token: TokenSource) -> Workspace:
        database = self._cache()
        assert settings.project_id is not None
        sessions = ServerSessions(database, settings.server_url, settings.project_id, token)
        return _workspace(self._paths, database, settings, sessions, self._save, demo=False)

    def _saved_token(self) -> ApiToken | None:
        """Called in the sync thread: the keyring loads after the window has painted."""
        settings = load_settings(self._paths.settings_file).settings
        with self._token_lock:
            if self._environment_token is not None:
                return self._environment_token
            return self._token_store().load(settings.server_url)

    def _save(self, changed: Settings) -> None:
        before = load_settings(self._paths.settings_file).settings
        save_settings(self._paths.settings_file, changed)
        if changed.token_storage != before.token_storage:
            self._move_token(changed)

    def _move_token(self, settings: Settings) -> None:
        """Keep the token where the tester now wants it (a file, or this session only)."""
        with self._token_lock:
            before = self._token_store()
            token = before.load(settings.server_url)
            before.forget(settings.server_url)  # out of the file, when leaving it
            self._tokens = None
            if token is not None:
                self._token_store().save(settings.server_url, token)

    def _token_store(self) -> TokenStore:
        """The token store for the saved storage choice; call it holding `_token_lock`."""
        if self._tokens is None:
            from app.config import TokenStore

            settings = load_settings(self._paths.settings_file).settings
            self._tokens = TokenStore(self._paths, allow_file=settings.token_storage == "file")
        return self._tokens

    def _cache(self) -> Engine:
        if self._database is None:
            self._database = open_database(self._paths.database_file, self._paths.backup_dir)
            self._exits.callback(self._database.dispose)
        return self._database


@dataclass
class _Demo:
    """The running demo: its sandbox's address, its own cache and settings file."""

    paths: AppPaths
    database: Engine
    server_url: str

    def workspace(self, project_id: str | None) -> Workspace:
        saved = load_settings(self.paths.settings_file).settings
        project = project_id or saved.project_id or DEMO_PROJECT_ID
        # The sandbox listens on a new port at every start; the saved address is never used.
        settings = saved.replace(project_id=project, server_url=self.server_url)
        if project_id is not None:
            save_settings(self.paths.settings_file, settings)
        from app.sandbox import DEMO_TOKEN

        demo_token = ApiToken(DEMO_TOKEN)
        assert settings.project_id is not None
        sessions = ServerSessions(
            self.database, self.server_url, settings.project_id, lambda: demo_token
        )
        return _workspace(self.paths, self.database, settings, sessions, self._save, demo=True)

    def _save(self, changed: Settings) -> None:
        save_settings(self.paths.settings_file, changed)


@contextmanager
def _started_demo(paths: AppPaths) -> Iterator[_Demo]:
    from app.sandbox import SandboxConfig, SandboxServer

    paths = demo_paths(paths)
    config = SandboxConfig(database=paths.data_dir / "sandbox.sqlite3", seed="demo")
    with SandboxServer(config) as server:
        database = open_database(paths.database_file, paths.backup_dir)
        try:
            yield _Demo(paths, database, server.url)
        finally:
            database.dispose()


@contextmanager
def demo_workspace(paths: AppPaths) -> Iterator[Workspace]:
    """A workspace on the demo project, served by a sandbox in this process until exit.

    The sandbox keeps its data next to the demo cache, so what the user does in the demo is
    still there at the next demo start.

    Raises:
        StoreError: the demo cache could not be opened.
        OSError, RuntimeError: the sandbox could not start.
    """
    with _started_demo(paths) as demo:
        yield demo.workspace(project_id=None)


def remember_projects(database: Engine, projects: list[tuple[str, str, str | None]]) -> None:
    """Cache the projects a token can see (id, name, prefix), for the project switcher."""
    from app.store import write_session
    from app.store.reconcile import RemoteProject, upsert_project

    with write_session(database) as session:
        for project_id, name, prefix in projects:
            upsert_project(session, RemoteProject(project_id, name, prefix, None, None, None))


def _workspace(
    paths: AppPaths,
    database: Engine,
    settings: Settings,
    sessions: ServerSessions,
    save: Callable[[Settings], None],
    *,
    demo: bool,
) -> Workspace:
    assert settings.project_id is not None
    return Workspace(
        paths=paths,
        database=database,
        project_id=settings.project_id,
        settings=settings,
        save_settings=save,
        session_factory=sessions,
        demo=demo,
    )
