"""Fixtures for the API client tests: clients on a MockTransport, closed after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from app.api import Pacer, TestablyClient
from app.domain import ApiToken
from tests.unit.api.support import SERVER, TOKEN, Handler

MakeClient = Callable[..., TestablyClient]


@pytest.fixture
def make_client() -> Iterator[MakeClient]:
    """Builds clients answering from a handler; pacing is off unless a pacer is given."""
    clients: list[TestablyClient] = []

    def make(
        handler: Handler,
        *,
        server: str = SERVER,
        token: str = TOKEN,
        pacer: Pacer | None = None,
        **options: Any,
    ) -> TestablyClient:
        client = TestablyClient(
            server,
            ApiToken(token),
            pacer=pacer or Pacer(0),
            transport=httpx.MockTransport(handler),
            **options,
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
