"""A local cache holding a server run, a pusher, and a client to check the server with."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.api import TestablyClient
from app.sandbox import DEMO_PROJECT_ID, DEMO_TOKEN, SandboxServer
from app.store import write_session
from app.store.delivery import Delivery
from app.store.models import Project, Result, Run, TestCase
from app.sync.backoff import Backoff
from app.sync.push import Pusher
from tests.builders import new_database
from tests.integration.api.conftest import MakeClient, make_client
from tests.sandbox_server import make_sandbox, sandbox

__all__ = ["Clock", "database", "make_client", "make_pusher", "make_sandbox", "sandbox"]

P = DEMO_PROJECT_ID


class Clock:
    """A clock the test moves by hand, so backoff never makes a test wait."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def database(tmp_path: Path) -> Engine:
    engine = new_database(tmp_path)
    yield engine
    engine.dispose()


@pytest.fixture
def server_client(sandbox: SandboxServer, make_client: MakeClient) -> TestablyClient:
    """The test's own view of the server, to check what arrived."""
    return make_client(sandbox)


@pytest.fixture
def make_pusher(
    sandbox: SandboxServer, make_client: MakeClient, database: Engine, clock: Clock
) -> Callable[..., Pusher]:
    def make(token: str = DEMO_TOKEN, server: SandboxServer | None = None) -> Pusher:
        client = make_client(server or sandbox, token=token)
        return Pusher(Delivery(database), client, P, clock, Backoff())

    return make


def cache_catalog(database: Engine, client: TestablyClient) -> list[str]:
    """Put the project and its test cases in the local cache; returns the case ids."""
    project = client.project(P)
    cases = list(client.iter_test_cases(P))
    with write_session(database) as session:
        session.add(Project(id=P, name=project.name))
        session.flush()
        for case in cases:
            session.add(TestCase(id=case.id, project_id=P, title=case.title))
    return [case.id for case in cases]


def cache_server_run(database: Engine, client: TestablyClient, server_run_id: str) -> int:
    """Put one of the server's runs, with its results, in the local cache."""
    detail = client.run(P, server_run_id)
    summary = detail.run.summary
    with write_session(database) as session:
        run = Run(
            server_id=detail.run.id,
            project_id=P,
            name=detail.run.name,
            status=detail.run.status,
            created_at=detail.run.created_at or datetime.now(UTC),
            passed=summary.passed,
            failed=summary.failed,
            blocked=summary.blocked,
            retest=summary.retest,
            not_tested=summary.not_tested,
        )
        session.add(run)
        session.flush()
        assert run.id is not None
        for position, result in enumerate(detail.results):
            session.add(
                Result(
                    server_id=result.id,
                    run_id=run.id,
                    test_case_id=result.test_case_id,
                    test_case_title=result.test_case_title,
                    position=position,
                    status=result.status.value,
                )
            )
        return run.id
