"""What the local cache holds, in words, for the welcome window."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from app.store import Queries


@dataclass(frozen=True, slots=True)
class CacheOverview:
    """What the local cache holds, for the welcome window."""

    database: Path
    projects: int
    runs: int
    undelivered: int

    @property
    def is_empty(self) -> bool:
        return self.projects == 0 and self.runs == 0 and self.undelivered == 0

    @classmethod
    def read(cls, database: Engine, database_file: Path) -> CacheOverview:
        """What the cache in `database` (the file `database_file`) holds.

        Raises:
            StoreError: the cache could not be read.
        """
        queries = Queries(database)
        projects = queries.projects()
        runs = sum(len(queries.runs(project.id)) for project in projects)
        return cls(database_file, len(projects), runs, queries.undelivered_count())


def describe(overview: CacheOverview) -> str:
    """What is kept on this computer, and that undelivered changes are safe."""
    held = f"{_count(overview.projects, 'project')} and {_count(overview.runs, 'run')}"
    if overview.undelivered == 0:
        pending = "Every change you recorded has been delivered."
    else:
        changes = _count(overview.undelivered, "change")
        verb = "waits" if overview.undelivered == 1 else "wait"
        pending = (
            f"{changes} {verb} to be delivered. They are safe here and will be sent once "
            "you connect to the same server again."
        )
    return f"On this computer: {held}. {pending}\nKept in {overview.database}"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")
