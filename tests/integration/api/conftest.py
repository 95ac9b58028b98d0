"""Clients of the app's API layer, talking to a real sandbox over 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from app.api import Pacer, TestablyClient
from app.domain import ApiToken
from app.sandbox import DEMO_TOKEN, SandboxServer
from tests.sandbox_server import make_sandbox, sandbox

__all__ = ["client", "make_client", "make_sandbox", "sandbox"]

MakeClient = Callable[..., TestablyClient]


@pytest.fixture
def make_client() -> Iterator[MakeClient]:
    """A factory of app clients (pacing off unless given), closed after the test."""
    clients: list[TestablyClient] = []

    def make(
        server: SandboxServer,
        token: str = DEMO_TOKEN,
        pacer: Pacer | None = None,
        timeout: httpx.Timeout | None = None,
    ) -> TestablyClient:
        options = {"timeout": timeout} if timeout else {}
        client = TestablyClient(server.url, ApiToken(token), pacer=pacer or Pacer(0), **options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(sandbox: SandboxServer, make_client: MakeClient) -> TestablyClient:
    return make_client(sandbox)
