"""Shared pieces of the sandbox's HTTP tests: servers, clients and fake clocks."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator

import httpx
import pytest

from app.sandbox import DEMO_TOKEN, SandboxServer
from tests.sandbox_server import FakeClocks, make_sandbox, sandbox

__all__ = [
    "api",
    "clocks",
    "make_client",
    "make_sandbox",
    "sandbox",
    "tls_context",
]

MakeClient = Callable[..., httpx.Client]


@pytest.fixture
def clocks() -> FakeClocks:
    return FakeClocks()


@pytest.fixture(scope="session")
def tls_context() -> ssl.SSLContext:
    """One TLS context for every client: building one per client costs ~25 ms."""
    return ssl.create_default_context()


@pytest.fixture
def make_client(tls_context: ssl.SSLContext) -> Iterator[MakeClient]:
    """A factory of plain httpx clients for a server and a token, closed after the test."""
    clients: list[httpx.Client] = []

    def make(
        server: SandboxServer, token: str | None = DEMO_TOKEN, timeout: float = 5.0
    ) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        client = httpx.Client(
            base_url=server.url, headers=headers, timeout=timeout, verify=tls_context
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def api(sandbox: SandboxServer, make_client: MakeClient) -> httpx.Client:
    """A client of the `sandbox` fixture's server, signed in with the main demo token."""
    return make_client(sandbox)
