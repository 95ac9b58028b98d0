"""`testdeck connect` against a real sandbox: what it saves, where, and what it refuses."""

from __future__ import annotations

import dataclasses
import io
import socket
from pathlib import Path

import keyring
import pytest

from app.cli import main
from app.cli.context import Console
from app.config import AppPaths, Settings, load_settings, save_settings, server_key
from app.sandbox import DEMO_PROJECT_ID, DEMO_TOKEN, OUTSIDER_TOKEN, SandboxServer
from tests.fakes import FailingKeyring, MemoryKeyring
from tests.integration.cli.conftest import Cli


def _settings() -> Settings:
    return load_settings(AppPaths.from_environment().settings_file).settings


def _files_holding(home: Path, secret: str) -> list[Path]:
    return [
        path for path in home.rglob("*") if path.is_file() and secret.encode() in path.read_bytes()
    ]


def test_connect_saves_server_and_project_and_keeps_the_token_in_the_keyring(
    cli: Cli,
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
    testdeck_home: Path,
) -> None:
    monkeypatch.setenv("TESTDECK_TOKEN", DEMO_TOKEN)

    outcome = cli(
        "--verbose", "connect", "--server", sandbox.url + "/v1/", "--project", "proj_demo"
    )

    assert outcome.code == 0, outcome.err
    assert outcome.out.splitlines()[0] == (
        f"Connected to {sandbox.url}: project “Acme Web Shop” (proj_demo)."
    )
    assert "the token is kept in the system keyring" in outcome.out
    assert outcome.err == ""
    assert (_settings().server_url, _settings().project_id) == (sandbox.url, DEMO_PROJECT_ID)
    assert memory_keyring.passwords == {("testdeck", server_key(sandbox.url)): DEMO_TOKEN}
    assert DEMO_TOKEN not in outcome.out + outcome.err
    assert (testdeck_home / "logs" / "testdeck.log").stat().st_size > 0
    assert _files_holding(testdeck_home, DEMO_TOKEN) == []


def test_connect_keeps_the_other_settings(
    cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(AppPaths.from_environment().settings_file, Settings(theme="dark"))
    monkeypatch.setenv("TESTDECK_TOKEN", DEMO_TOKEN)

    assert cli("connect", "--server", sandbox.url, "--project", "proj_demo").code == 0
    assert (_settings().theme, _settings().project_id) == ("dark", "proj_demo")


def test_connect_asks_for_the_token_on_a_terminal(
    sandbox: SandboxServer, memory_keyring: MemoryKeyring
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    prompts: list[str] = []

    def ask_secret(prompt: str) -> str:
        prompts.append(prompt)
        return DEMO_TOKEN + "\n"

    stdout = io.StringIO()
    console = dataclasses.replace(
        Console.system(), stdout=stdout, stdin=Terminal(), ask_secret=ask_secret
    )

    assert main(["connect", "--server", sandbox.url, "--project", "proj_demo"], console) == 0
    assert prompts == ["Testably API token (typing is hidden): "]
    assert list(memory_keyring.passwords.values()) == [DEMO_TOKEN]
    assert DEMO_TOKEN not in stdout.getvalue()


def test_connect_without_a_secure_keyring_says_where_the_token_is_kept(
    cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch, testdeck_home: Path
) -> None:
    keyring.set_keyring(FailingKeyring())  # the autouse fixture puts the previous one back
    monkeypatch.setenv("TESTDECK_TOKEN", DEMO_TOKEN)

    outcome = cli("connect", "--server", sandbox.url, "--project", "proj_demo")

    assert outcome.code == 0
    assert "kept in memory until Testdeck closes" in outcome.out
    assert outcome.err.startswith("note: No secure password store (keyring) is available")
    assert _files_holding(testdeck_home, DEMO_TOKEN) == []


@pytest.mark.parametrize(
    ("token", "project", "message"),
    [
        (
            "testably_not_a_real_one",
            "proj_demo",
            "error: Testably did not accept the API token. Sign in again with a valid token.",
        ),
        (
            OUTSIDER_TOKEN,
            "proj_demo",
            "error: Could not check the connection: This token may not use this project",
        ),
        (DEMO_TOKEN, "proj_nope", "has no project 'proj_nope', or this token can't see it."),
    ],
)
def test_connect_refuses_what_the_server_refuses_and_saves_nothing(
    cli: Cli,
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
    token: str,
    project: str,
    message: str,
) -> None:
    monkeypatch.setenv("TESTDECK_TOKEN", token)

    outcome = cli("connect", "--server", sandbox.url, "--project", project)

    assert outcome.code == 1
    assert outcome.out == ""
    assert message in outcome.err
    assert outcome.err.count("\n") == 1
    assert token not in outcome.err
    assert memory_keyring.passwords == {}
    assert _settings().project_id is None


def test_connect_refuses_plain_http_to_another_host(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    monkeypatch.setenv("TESTDECK_TOKEN", DEMO_TOKEN)

    outcome = cli("connect", "--server", "http://testably.example.com", "--project", "proj_demo")

    assert outcome.code == 1
    assert outcome.err == (
        "error: Testdeck connects to Testably only over HTTPS, so the token cannot be read on "
        "the way. Use an address that starts with https://.\n"
    )
    assert memory_keyring.passwords == {}


def test_connect_to_a_server_that_is_not_there(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on once it is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("TESTDECK_TOKEN", DEMO_TOKEN)

    outcome = cli("connect", "--server", f"http://127.0.0.1:{port}", "--project", "proj_demo")

    assert outcome.code == 1
    assert outcome.err.startswith(
        f"error: Could not check the connection: Could not reach the server at "
        f"http://127.0.0.1:{port}"
    )
    assert memory_keyring.passwords == {}
