"""The sync engine against a real sandbox over 127.0.0.1, with a fresh local cache."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.api import Pacer, TestablyClient
from app.domain import ApiToken
from app.sandbox import DEMO_TOKEN, SandboxServer
from tests.builders import new_database
from tests.sandbox_server import make_sandbox, sandbox

__all__ = ["client", "database", "make_client", "make_sandbox", "sandbox"]

MakeClient = Callable[..., TestablyClient]


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Engine]:
    """A fresh, empty local cache at the current schema."""
    engine = new_database(tmp_path)
    yield engine
    engine.dispose()


@pytest.fixture
def make_client() -> Iterator[MakeClient]:
    """A factory of app clients without pacing, closed after the test."""
    clients: list[TestablyClient] = []

    def make(server: SandboxServer, token: str = DEMO_TOKEN) -> TestablyClient:
        client = TestablyClient(server.url, ApiToken(token), pacer=Pacer(0))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(sandbox: SandboxServer, make_client: MakeClient) -> TestablyClient:
    """The client the code under test uses."""
    return make_client(sandbox)
