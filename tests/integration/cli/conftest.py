"""`testdeck` commands against a real sandbox over 127.0.0.1, in this process."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from app.cli import main
from app.sandbox import DEMO_PROJECT_ID, DEMO_TOKEN, SandboxServer
from tests.sandbox_server import make_sandbox, sandbox

__all__ = ["cli", "connected", "make_sandbox", "sandbox"]


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


Cli = Callable[..., Outcome]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run `testdeck ARGS...` in this process; returns its exit code, stdout and stderr."""

    def run(*argv: str) -> Outcome:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run


@pytest.fixture
def connected(cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> SandboxServer:
    """The demo sandbox, connected with `testdeck connect`; the token only in the keyring."""
    monkeypatch.setenv("TESTDECK_TOKEN", DEMO_TOKEN)
    outcome = cli("connect", "--server", sandbox.url, "--project", DEMO_PROJECT_ID)
    assert outcome.code == 0, outcome.err
    monkeypatch.delenv("TESTDECK_TOKEN")
    return sandbox
