"""Sandbox servers for tests that talk HTTP over 127.0.0.1.

Fixtures (bring them into a test directory with a `conftest.py` that imports them):
    sandbox: a started `SandboxServer` with the demo data, in memory, rate limit off.
    make_sandbox: a factory `make_sandbox(**overrides) -> SandboxServer` starting servers
        with `SandboxConfig` fields overridden (same defaults as `sandbox` otherwise).
Every server is stopped after the test, and its thread must have ended.

`FakeClocks` gives a server a wall clock and a monotonic clock that move only when told:
`make_sandbox(clock=clocks.now, monotonic=clocks.monotonic)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.sandbox import SandboxConfig, SandboxServer

MakeSandbox = Callable[..., SandboxServer]

TEST_DEFAULTS: dict[str, Any] = {"seed": "demo", "database": None, "rate_limit_per_minute": 0}


@pytest.fixture
def make_sandbox() -> Iterator[MakeSandbox]:
    """A factory of started sandboxes, all stopped (and checked) after the test."""
    servers: list[SandboxServer] = []

    def make(**overrides: Any) -> SandboxServer:
        server = SandboxServer(SandboxConfig(**{**TEST_DEFAULTS, **overrides}))
        servers.append(server.start())
        return server

    yield make
    for server in servers:
        stop_and_check(server)


@pytest.fixture
def sandbox(make_sandbox: MakeSandbox) -> SandboxServer:
    """A started sandbox with the demo data, in memory, without a rate limit."""
    return make_sandbox()


def stop_and_check(server: SandboxServer) -> None:
    """Stop `server` and make sure its thread is gone."""
    server.stop()
    thread = server.thread
    assert thread is None or not thread.is_alive(), "the sandbox thread outlived stop()"


class FakeClocks:
    """A wall clock and a monotonic clock that move only when told to."""

    def __init__(self) -> None:
        self.wall = datetime(2026, 11, 28, 14, 3, 11, tzinfo=UTC)
        self.seconds = 1000.0

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.seconds += seconds
