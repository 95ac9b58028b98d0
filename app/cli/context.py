"""What a command works with: its streams, and the app's paths, settings, cache and tokens.

Everything beyond the streams is made on first use, so `testdeck info` never opens a
network client and `testdeck runs` never loads a keyring it does not need.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, TextIO

from app.cli.errors import CliError
from app.cli.output import Output
from app.config import AppPaths, Settings, load_settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from app.config import TokenStore
    from app.store import EditCommands, Queries

NO_PROJECT = "No Testably project is set up yet. Run `testdeck connect` first."


@dataclass(frozen=True)
class Console:
    """The process's side of a command: its streams, environment and password prompt.

    Tests pass their own; `Console.system()` is the real one.
    """

    stdout: TextIO
    stderr: TextIO
    stdin: TextIO
    environ: Mapping[str, str]
    ask_secret: Callable[[str], str] = getpass.getpass

    @classmethod
    def system(cls) -> Console:
        return cls(sys.stdout, sys.stderr, sys.stdin, os.environ, getpass.getpass)


class CliContext:
    """The objects one command runs with, made lazily and closed by `close()`.

    Args:
        paths: where Testdeck keeps its files.
        console: the streams, environment and prompt of this process.
    """

    def __init__(self, paths: AppPaths, console: Console) -> None:
        self.paths = paths
        self.console = console
        self.out = Output(console.stdout)
        self.err = Output(console.stderr)

    @cached_property
    def settings(self) -> Settings:
        """The saved settings; each problem found while reading them is noted on stderr."""
        loaded = load_settings(self.paths.settings_file)
        for problem in loaded.problems:
            self.err.line(f"note: {problem}")
        return loaded.settings

    @cached_property
    def tokens(self) -> TokenStore:
        from app.config import TokenStore  # loads the keyring: only when a token is needed

        return TokenStore(self.paths, allow_file=self.settings.token_storage == "file")

    @cached_property
    def database(self) -> Engine:
        """The local cache, upgraded if needed; a StoreError says why it can't be opened."""
        from app.store import open_database

        return open_database(self.paths.database_file, self.paths.backup_dir)

    @cached_property
    def queries(self) -> Queries:
        from app.store import Queries

        return Queries(self.database)

    @cached_property
    def commands(self) -> EditCommands:
        from app.store import EditCommands

        return EditCommands(self.database)

    def project_id(self) -> str:
        """The configured project.

        Raises:
            CliError: no project is configured yet.
        """
        project_id = self.settings.project_id
        if project_id is None:
            raise CliError(NO_PROJECT)
        return project_id

    def close(self) -> None:
        """Release the database, if a command opened it."""
        database = self.__dict__.pop("database", None)
        if database is not None:
            database.dispose()
