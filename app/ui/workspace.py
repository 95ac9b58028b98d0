"""What the main window works on, made by the entry layer (`app.cli.desktop`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine

from app.config import AppPaths, Settings
from app.store import EditCommands, Queries
from app.ui.sync import SessionFactory


@dataclass
class Workspace:
    """One project's local cache, its settings and the way to sync it.

    Attributes:
        paths: where this workspace keeps its files (demo mode has paths of its own).
        database: the local cache, already opened and upgraded.
        project_id: the Testably project shown.
        settings: the settings in force; `save_settings` persists a changed copy.
        save_settings: writes settings to disk; raises OSError when it cannot.
        session_factory: makes the sync engine and its client in the sync thread; None
            when there is no token, so nothing can be delivered until the user signs in.
        demo: whether this is demo mode (the title and the status bar say so).
    """

    paths: AppPaths
    database: Engine
    project_id: str
    settings: Settings
    save_settings: Callable[[Settings], None]
    session_factory: SessionFactory | None
    demo: bool = False
    notices: list[str] = field(default_factory=list)

    @cached_property
    def queries(self) -> Queries:
        return Queries(self.database)

    @cached_property
    def commands(self) -> EditCommands:
        return EditCommands(self.database)

    @property
    def window_state_file(self) -> Path:
        return self.paths.config_dir / "window.ini"

    @property
    def stopwatch_file(self) -> Path:
        return self.paths.data_dir / "stopwatch.json"
