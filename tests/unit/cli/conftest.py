"""A configured project with a seeded local cache, and a way to run `testdeck` in-process."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine

from app.cli import main
from app.config import AppPaths, Settings, save_settings
from app.domain import ResultStatus
from tests.builders import SeededProject, new_database, seed_project, seed_server_run

PROJECT_ID = "proj_1"
VERDICTS = [
    ResultStatus.PASSED,
    ResultStatus.FAILED,
    ResultStatus.NOT_TESTED,
    ResultStatus.BLOCKED,
]


@dataclass(frozen=True)
class Outcome:
    """What one command did: exit code and everything it wrote."""

    code: int
    out: str
    err: str


Cli = Callable[..., Outcome]


@dataclass(frozen=True)
class Cache:
    engine: Engine
    project: SeededProject
    active_run: int  # "Regression", server id run_active, VERDICTS
    closed_run: int  # "Old smoke", server id run_closed, all passed


@pytest.fixture
def paths() -> AppPaths:
    return AppPaths.from_environment().ensure()


@pytest.fixture
def cache(paths: AppPaths) -> Iterator[Cache]:
    """The local cache of project proj_1: four cases, two milestones, an active and a closed run."""
    engine = new_database(paths.data_dir)
    project = seed_project(engine, PROJECT_ID, cases=4)
    closed = seed_server_run(
        engine,
        project,
        "Old smoke",
        [ResultStatus.PASSED] * 4,
        status="closed",
        server_id="run_closed",
    )
    active = seed_server_run(engine, project, "Regression", VERDICTS, server_id="run_active")
    yield Cache(engine, project, active, closed)
    engine.dispose()


@pytest.fixture
def configured(paths: AppPaths, cache: Cache) -> Cache:
    """The seeded cache, with proj_1 saved as the project to work on."""
    save_settings(paths.settings_file, Settings(project_id=PROJECT_ID))
    return cache


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run `testdeck ARGS...` in this process; returns its exit code, stdout and stderr."""

    def run(*argv: str) -> Outcome:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run
