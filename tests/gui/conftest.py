"""A real local cache for GUI tests: a fresh database with one seeded project.

Folders below override what they need (a fixed clock for edits, a bigger project).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.store import EditCommands, Queries
from tests.builders import SeededProject, new_database, seed_project


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    database = new_database(tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def project(engine: Engine) -> SeededProject:
    return seed_project(engine, cases=12)


@pytest.fixture
def queries(engine: Engine) -> Queries:
    return Queries(engine)


@pytest.fixture
def commands(engine: Engine) -> EditCommands:
    return EditCommands(engine)
