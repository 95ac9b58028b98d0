"""`testdeck sync` and `testdeck status` against a real sandbox: one headless pass each."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.api import Pacer, TestablyClient
from app.domain import ApiToken
from app.sandbox import DEMO_PROJECT_ID, DEMO_TOKEN, SandboxServer
from tests.fakes import MemoryKeyring
from tests.integration.cli.conftest import Cli, Outcome
from tests.sandbox_server import MakeSandbox


@pytest.fixture
def server_view(connected: SandboxServer) -> Iterator[TestablyClient]:
    """A client of our own, to check what the server holds after a sync."""
    with TestablyClient(connected.url, ApiToken(DEMO_TOKEN), pacer=Pacer(0)) as client:
        yield client


def _active_run(cli: Cli) -> dict[str, object]:
    runs = json.loads(cli("runs", "--json").out)
    return next(run for run in runs if run["status"] == "active" and run["not_tested"])


def _untested_case(cli: Cli, run_key: object) -> str:
    results = json.loads(cli("results", str(run_key), "--json").out)
    return str(next(r["test_case_id"] for r in results if r["status"] == "not_tested"))


def _error_line(outcome: Outcome) -> str:
    """The one `error:` line (the engine's logged warning may come before it)."""
    [line] = [line for line in outcome.err.splitlines() if line.startswith("error: ")]
    assert outcome.err.endswith(line + "\n")
    return line


def test_the_first_sync_fetches_the_project(cli: Cli, connected: SandboxServer) -> None:
    outcome = cli("sync")

    assert outcome.code == 0, outcome.err
    assert outcome.err == ""
    lines = outcome.out.splitlines()
    assert lines[0] == "Pushed: 0 delivered, 0 parked, 0 to retry later."
    assert lines[1].startswith("Pulled: 15 runs listed, 15 fetched")
    assert lines[-1] == "Everything is delivered."
    runs = json.loads(cli("runs", "--json").out)
    assert len(runs) == 15
    assert all(run["server_id"] for run in runs)


def test_sync_delivers_a_recorded_result(
    cli: Cli, connected: SandboxServer, server_view: TestablyClient
) -> None:
    cli("sync")
    run = _active_run(cli)
    case = _untested_case(cli, run["key"])
    assert cli("record", str(run["key"]), case, "failed", "--note", "From the CLI").code == 0

    outcome = cli("sync", "--json")

    assert outcome.code == 0, outcome.err
    report = json.loads(outcome.out)
    assert report["pushed"]["delivered"] == 1
    assert (report["state"], report["pending"], report["parked"], report["entries"]) == (
        "online",
        0,
        0,
        [],
    )
    detail = server_view.run(DEMO_PROJECT_ID, str(run["server_id"]))
    [result] = [r for r in detail.results if r.test_case_id == case]
    assert (result.status.value, result.note) == ("failed", "From the CLI")


def test_sync_creates_edits_and_closes_a_new_run(
    cli: Cli, connected: SandboxServer, server_view: TestablyClient
) -> None:
    cli("sync")
    case = _untested_case(cli, _active_run(cli)["key"])
    created = cli("new-run", "CLI nightly", "--case", case, "--json")
    key = json.loads(created.out)["key"]
    cli("record", key, case, "passed")
    cli("edit-run", key, "--name", "CLI nightly (renamed)")
    cli("close", key)

    outcome = cli("sync")

    assert outcome.code == 0, outcome.err
    assert "Everything is delivered." in outcome.out
    [run] = [r for r in json.loads(cli("runs", "--json").out) if r["name"].startswith("CLI")]
    assert run["server_id"] is not None
    on_server = server_view.run(DEMO_PROJECT_ID, run["server_id"]).run
    assert (on_server.name, on_server.status) == ("CLI nightly (renamed)", "closed")
    assert on_server.pass_rate == 100.0


def test_sync_exits_2_when_changes_are_parked(
    cli: Cli, make_sandbox: MakeSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = make_sandbox(coming_soon=True)
    monkeypatch.setenv("TESTDECK_TOKEN", DEMO_TOKEN)
    assert cli("connect", "--server", server.url, "--project", DEMO_PROJECT_ID).code == 0
    cli("sync")
    run = _active_run(cli)
    cli("record", str(run["key"]), _untested_case(cli, run["key"]), "blocked")

    outcome = cli("sync")

    assert outcome.code == 2
    assert outcome.err == ""
    assert "Undelivered:  1 change, 1 parked" in outcome.out
    assert "waiting for server support" in outcome.out
    status = json.loads(cli("status", "--json").out)
    assert (status["pending"], status["parked"]) == (1, 1)
    assert status["entries"][0]["state"] == "waiting_support"
    assert cli("sync", "--json").code == 2


def test_sync_with_a_refused_token_exits_1(
    cli: Cli, connected: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TESTDECK_TOKEN", "testably_revoked")  # the variable wins over the keyring

    outcome = cli("sync")

    assert outcome.code == 1
    assert _error_line(outcome).startswith("error: Testably did not accept the API token.")
    assert "signed out" in outcome.out
    assert "testably_revoked" not in outcome.out + outcome.err


def test_sync_without_a_token_exits_1(
    cli: Cli, connected: SandboxServer, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.passwords.clear()

    outcome = cli("sync")

    assert (outcome.code, outcome.out) == (1, "")
    assert outcome.err == (
        "error: No API token is saved for this server; run `testdeck connect` "
        "(or set TESTDECK_TOKEN).\n"
    )


def test_sync_while_the_server_is_down_exits_1_and_keeps_the_work(
    cli: Cli, connected: SandboxServer
) -> None:
    cli("sync")
    run = _active_run(cli)
    cli("record", str(run["key"]), _untested_case(cli, run["key"]), "passed")
    connected.stop()

    outcome = cli("sync")

    assert outcome.code == 1
    assert _error_line(outcome).startswith("error: Could not reach the server at ")
    assert "Connection: offline" in outcome.out
    status = cli("status")
    assert "Connection:   offline: the server could not be reached" in status.out
    assert "Undelivered:  1 change, 0 parked" in status.out


def test_the_token_is_in_no_file_after_a_verbose_sync(
    cli: Cli, connected: SandboxServer, testdeck_home: Path
) -> None:
    assert cli("--verbose", "sync").code == 0

    log = (testdeck_home / "logs" / "testdeck.log").read_text()
    assert "GET /v1/projects/proj_demo/runs" in log
    leaks = [
        p for p in testdeck_home.rglob("*") if p.is_file() and DEMO_TOKEN.encode() in p.read_bytes()
    ]
    assert leaks == []
