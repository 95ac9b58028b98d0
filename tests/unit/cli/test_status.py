"""`testdeck status`: the sync state and every undelivered change, offline."""

from __future__ import annotations

import json

from app.config import AppPaths, TokenStore
from app.domain import ApiToken
from app.store import EditCommands, OutboxState, write_session
from app.store.models import OutboxEntry
from tests.builders import seed_project, seed_server_run
from tests.unit.cli.conftest import Cache, Cli


def _park(cache: Cache, seq: int, state: OutboxState, reason: str, attempts: int) -> None:
    with write_session(cache.engine) as session:
        entry = session.get(OutboxEntry, seq)
        assert entry is not None
        entry.state, entry.last_error, entry.attempts = state.value, reason, attempts
        session.add(entry)


def _edits(cache: Cache) -> None:
    """Four undelivered changes: a result, a new run, a rename and a close."""
    commands = EditCommands(cache.engine)
    result = commands.record_result(_first_result(cache), "failed", note="Broken")
    assert result.run_id == cache.active_run
    created = commands.create_run("proj_1", "Nightly", cache.project.case_ids[:1])
    commands.update_run(created.id, name="Nightly 2")
    commands.close_run(created.id)


def _first_result(cache: Cache) -> int:
    from app.store import Queries

    return Queries(cache.engine).results(cache.active_run)[0].id


def test_status_when_everything_is_delivered(cli: Cli, configured: Cache) -> None:
    outcome = cli("status")

    assert outcome.code == 0
    assert outcome.out.splitlines()[-1] == "Everything is delivered."
    assert "Project:      proj_1 on https://api.testably.app" in outcome.out


def test_status_lists_every_undelivered_change_in_order(cli: Cli, configured: Cache) -> None:
    _edits(configured)
    _park(configured, 1, OutboxState.REJECTED, "The server rejected the request: bad note.", 2)

    outcome = cli("status")

    assert outcome.code == 0
    lines = outcome.out.splitlines()
    assert "Connection:   signed out: the server needs a valid API token" in lines
    start = next(n for n, line in enumerate(lines) if line.startswith("Undelivered:"))
    assert lines[start].startswith("Undelivered:  4 changes, 1 parked; the oldest from ")
    case = configured.project.case_ids[0]
    assert lines[start + 1 :] == [
        f"#1  record failed for {case} in “Regression” [run_active]",
        "      rejected by the server (2 attempts): The server rejected the request: bad note.",
        "#2  create the run “Nightly 2” [local:3]",
        "      waiting to be sent (0 attempts)",
        "#3  change the run “Nightly 2”: name “Nightly 2” [local:3]",
        "      waiting to be sent (0 attempts)",
        "#4  close the run “Nightly 2” [local:3]",
        "      waiting to be sent (0 attempts)",
    ]


def test_status_as_json(cli: Cli, configured: Cache) -> None:
    _edits(configured)
    _park(configured, 2, OutboxState.WAITING_SUPPORT, "The server does not offer this yet.", 1)

    status = json.loads(cli("status", "--json").out)

    assert (status["project_id"], status["state"]) == ("proj_1", "signed_out")
    assert (status["pending"], status["parked"]) == (4, 1)
    assert status["oldest_pending_at"].endswith("Z")
    entries = status["entries"]
    assert [entry["seq"] for entry in entries] == [1, 2, 3, 4]
    assert [entry["kind"] for entry in entries] == [
        "set_result", "create_run", "update_run", "close_run",
    ]  # fmt: skip
    assert entries[1] == {
        **entries[1],
        "run_key": "local:3",
        "run_name": "Nightly 2",
        "state": "waiting_support",
        "parked": True,
        "attempts": 1,
        "last_error": "The server does not offer this yet.",
        "description": "create the run “Nightly 2”",
    }
    assert entries[0]["run_key"] == "run_active"
    assert entries[0]["result_id"] is not None


def test_status_shows_other_projects_work_apart(cli: Cli, configured: Cache) -> None:
    other = seed_project(configured.engine, "proj_2", cases=1)
    run = seed_server_run(configured.engine, other, "Elsewhere", server_id="run_other")
    EditCommands(configured.engine).close_run(run)

    status = json.loads(cli("status", "--json").out)
    lines = cli("status").out.splitlines()

    assert status["pending"] == 0  # the counts are the connected project's
    [entry] = status["entries"]  # but no undelivered change is ever hidden
    assert (entry["project_id"], entry["run_key"], entry["kind"]) == (
        "proj_2",
        "run_other",
        "close_run",
    )
    everything, heading, count, change, standing = lines[-5:]
    assert everything == "Everything is delivered."
    assert heading == (
        "Project proj_2 (not the one connected; `testdeck connect --project proj_2` "
        "delivers these):"
    )
    assert count.startswith("Undelivered:  1 change, 0 parked")
    assert change == "#1  close the run “Elsewhere” [run_other]"
    assert standing == "      waiting to be sent (0 attempts)"


def test_status_with_a_saved_token_asks_the_sync_engine(
    cli: Cli, configured: Cache, paths: AppPaths
) -> None:
    TokenStore(paths).save("https://api.testably.app", ApiToken("testably_status_check"))
    _edits(configured)

    outcome = cli("status")

    assert outcome.code == 0
    assert "Connection:   not synced yet" in outcome.out
    assert "Last sync:    never" in outcome.out
    assert "Undelivered:  4 changes, 0 parked" in outcome.out
    assert json.loads(cli("status", "--json").out)["pending"] == 4
