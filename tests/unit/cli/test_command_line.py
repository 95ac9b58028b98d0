"""The command line itself: usage errors, help, exit codes, token input, lazy imports."""

from __future__ import annotations

import dataclasses
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app import __version__
from app.cli import main
from app.cli.context import Console
from app.config import AppPaths, load_settings
from tests.fakes import MemoryKeyring
from tests.fresh_python import run_fresh_python
from tests.unit.cli.conftest import Cache, Cli

COMMANDS = (
    "gui", "info", "sandbox", "runs", "results", "record", "new-run", "edit-run", "close",
    "connect", "status", "sync",
)  # fmt: skip


class Terminal(io.StringIO):
    """A stdin that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_help_lists_every_command(cli: Cli) -> None:
    outcome = cli("--help")

    assert outcome.code == 0
    assert all(command in outcome.out for command in COMMANDS)
    assert "local:12" in outcome.out


def test_version(cli: Cli) -> None:
    assert cli("--version").out == f"testdeck {__version__}\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["frobnicate"], "argument COMMAND: invalid choice: 'frobnicate'"),
        (["record", "run_1"], "the following arguments are required: CASE, STATUS"),
        (["runs", "--colour"], "unrecognized arguments: --colour"),
        (["connect"], "the following arguments are required: --project"),
    ],
)
def test_a_wrong_command_line_shows_usage_and_exits_1(
    cli: Cli, argv: list[str], message: str
) -> None:
    outcome = cli(*argv)

    assert outcome.code == 1
    assert outcome.out == ""
    usage, error = outcome.err.splitlines()[0], outcome.err.splitlines()[-1]
    assert usage.startswith("usage: testdeck")
    assert error.startswith(f"error: {message}")


def test_connect_without_a_terminal_or_token_variable_says_how(cli: Cli) -> None:
    outcome = cli("connect", "--project", "proj_demo")

    assert outcome.code == 1
    assert outcome.err == (
        "error: No API token: set the TESTDECK_TOKEN environment variable, or run "
        "`testdeck connect` in a terminal to type it.\n"
    )


def test_connect_refuses_plain_http_to_another_host_before_asking_for_a_token(
    capsys: pytest.CaptureFixture[str],
) -> None:
    asked: list[str] = []

    def ask_secret(prompt: str) -> str:
        asked.append(prompt)
        return "testably_never_used"

    console, stderr = _console(ask_secret)

    code = main(["connect", "--server", "http://testably.example", "--project", "p"], console)

    assert code == 1
    assert asked == []
    assert stderr.getvalue().startswith("error: Testdeck connects to Testably only over HTTPS")


def test_connect_refuses_a_malformed_token_without_showing_it(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring, paths: AppPaths
) -> None:
    monkeypatch.setenv("TESTDECK_TOKEN", "testably_half pasted")

    outcome = cli("connect", "--project", "proj_demo")

    assert outcome.code == 1
    assert outcome.err.startswith("error: The token from TESTDECK_TOKEN is not usable: ")
    assert "half" not in outcome.err + outcome.out
    assert memory_keyring.passwords == {}
    assert load_settings(paths.settings_file).settings.project_id is None


def test_connect_with_nothing_typed_saves_nothing(paths: AppPaths) -> None:
    console, stderr = _console(lambda prompt: "  ")

    assert main(["connect", "--project", "proj_demo"], console) == 1
    assert stderr.getvalue() == "error: No token was typed, so nothing was saved.\n"
    assert not paths.settings_file.exists()


def test_local_commands_load_neither_qt_nor_the_http_client(configured: Cache) -> None:
    """`testdeck runs` and friends must start fast: no PySide6, no httpx."""
    case = configured.project.case_ids[0]
    local = [
        ["runs"], ["runs", "--json"], ["results", "run_active"],
        ["record", "run_active", case, "passed"], ["new-run", "N", "--case", case],
        ["edit-run", "run_active", "--name", "R"], ["close", "run_active"],
    ]  # fmt: skip
    assert _loaded_after(local) == {"codes": [0] * len(local), "qt": [], "http": []}


def test_no_headless_command_loads_qt(configured: Cache) -> None:
    headless = [["info"], ["status"], ["status", "--json"], ["sync"], ["connect", "--project", "p"]]
    loaded = _loaded_after(headless)

    assert loaded["codes"] == [0, 0, 0, 1, 1]
    assert loaded["qt"] == []


def _loaded_after(commands: list[list[str]]) -> dict[str, list[object]]:
    """Run `commands` in a fresh interpreter; report exit codes and what got imported."""
    script = (
        "import json, sys\n"
        "from app.cli import main\n"
        f"codes = [main(argv) for argv in {commands!r}]\n"
        "loaded = lambda top: sorted(m for m in sys.modules if m.split('.')[0] == top)\n"
        "print(json.dumps({'codes': codes, 'qt': loaded('PySide6'), 'http': loaded('httpx')}))\n"
    )
    environment = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",  # never the real keyring
    }
    environment.pop("TESTDECK_TOKEN", None)
    result: dict[str, list[object]] = run_fresh_python(
        script,
        stdin=subprocess.DEVNULL,  # `connect` must not find a terminal to prompt on
        env=environment,
    )
    return result


def _console(ask_secret: Callable[[str], str]) -> tuple[Console, io.StringIO]:
    """A console on a (pretend) terminal whose prompt answers with `ask_secret`."""
    stderr = io.StringIO()
    console = dataclasses.replace(
        Console.system(),
        stdout=io.StringIO(),
        stderr=stderr,
        stdin=Terminal(),
        ask_secret=ask_secret,
    )
    return console, stderr


def test_a_reader_that_goes_away_ends_the_command_quietly(testdeck_home: Path) -> None:
    """`testdeck runs | head -1` must not print a BrokenPipeError traceback."""
    command = [sys.executable, "-m", "app", "info"]
    repo_root = Path(__file__).resolve().parents[3]
    reader = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=repo_root
    )
    assert reader.stdout is not None
    reader.stdout.close()  # nobody reads what the command prints
    _, errors = reader.communicate(timeout=60)
    assert b"BrokenPipeError" not in errors
    assert b"Traceback" not in errors
    assert reader.returncode == 0
