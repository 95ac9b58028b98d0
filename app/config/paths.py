"""Where Testdeck keeps its files: the platform's usual folders, or one root in TESTDECK_HOME.

`TESTDECK_HOME` moves every location (data, settings, logs) under one folder. Tests use it so
nothing touches the real home, and demo mode uses `AppPaths.under()` with a home of its own.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_log_path

APP_NAME = "testdeck"
HOME_VARIABLE = "TESTDECK_HOME"
PRIVATE_DIR_MODE = 0o700


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The three folders Testdeck writes to, and the files it keeps in them."""

    data_dir: Path
    config_dir: Path
    log_dir: Path

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> AppPaths:
        """The locations for this process.

        Args:
            environ: the environment to read; `os.environ` when omitted.

        Returns:
            Everything under `$TESTDECK_HOME` when it is set and not empty, otherwise the
            platform's per-user data, config and log folders (platformdirs).
        """
        env = os.environ if environ is None else environ
        home = env.get(HOME_VARIABLE, "")
        if home:
            return cls.under(Path(home))
        return cls(
            data_dir=user_data_path(APP_NAME, appauthor=False),
            config_dir=user_config_path(APP_NAME, appauthor=False),
            log_dir=user_log_path(APP_NAME, appauthor=False),
        )

    @classmethod
    def under(cls, home: Path) -> AppPaths:
        """Every location under one root folder: `data/`, `config/` and `logs/`."""
        root = home.expanduser().absolute()
        return cls(data_dir=root / "data", config_dir=root / "config", log_dir=root / "logs")

    @property
    def database_file(self) -> Path:
        """The SQLite database with the local copy of the project and unsent work."""
        return self.data_dir / "testdeck.sqlite3"

    @property
    def backup_dir(self) -> Path:
        """Where database backups go before a schema upgrade."""
        return self.data_dir / "backups"

    @property
    def settings_file(self) -> Path:
        """The JSON settings file (never holds the API token)."""
        return self.config_dir / "settings.json"

    @property
    def token_file(self) -> Path:
        """The unencrypted token file, used only when the user opted into it."""
        return self.config_dir / "token"

    @property
    def log_file(self) -> Path:
        """The current log file; rotated copies sit next to it."""
        return self.log_dir / "testdeck.log"

    def ensure(self) -> AppPaths:
        """Create the data, config and log folders if needed and return `self`.

        New folders are made readable only by the user where the OS supports it; existing
        folders keep the permissions they have.
        """
        for directory in (self.data_dir, self.config_dir, self.log_dir):
            directory.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
        return self
