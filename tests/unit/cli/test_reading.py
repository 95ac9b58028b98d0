"""`testdeck runs` and `testdeck results`: the local copy, as text and as JSON."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from app.config import AppPaths, Settings, save_settings
from app.store import EditCommands
from tests.builders import seed_server_run
from tests.unit.cli.conftest import Cache, Cli

RUN_FIELDS = {
    "key", "id", "server_id", "name", "status", "read_only", "milestone_id", "milestone_name",
    "total", "passed", "failed", "blocked", "retest", "not_tested", "pass_rate", "created_by",
    "created_at", "closed_at", "undelivered", "parked", "missing_on_server",
}  # fmt: skip
RESULT_FIELDS = {
    "result_id", "server_id", "test_case_id", "title", "status", "elapsed", "elapsed_text",
    "note", "tested_by", "tested_at", "executed_at", "sync_state",
}  # fmt: skip


def test_runs_lists_the_cached_runs_newest_first(cli: Cli, configured: Cache) -> None:
    outcome = cli("runs")

    assert outcome.code == 0
    assert outcome.err == ""
    header, *rows = outcome.out.splitlines()
    assert header.split()[:3] == ["KEY", "NAME", "STATUS"]
    assert "PASS RATE" in header
    assert [row.split()[0] for row in rows] == ["run_active", "run_closed"]
    assert rows[0].split() == [
        "run_active", "Regression", "active", "1", "1", "1", "0", "1", "25.0%", "-", "synced",
    ]  # fmt: skip
    assert "100.0%" in rows[1]


def test_runs_flags_local_runs_and_undelivered_work(cli: Cli, configured: Cache) -> None:
    commands = EditCommands(configured.engine)
    created = commands.create_run("proj_1", "Nightly", configured.project.case_ids[:2])
    commands.update_run(created.id, milestone_id=configured.project.milestone_ids[0])

    rows = cli("runs").out.splitlines()[1:]

    assert rows[0].split()[:2] == [f"local:{created.id}", "Nightly"]
    assert "Release 2.1" in rows[0]
    assert rows[0].endswith("2 unsent")


def test_runs_as_json_has_stable_fields(cli: Cli, configured: Cache) -> None:
    outcome = cli("runs", "--json")

    runs = json.loads(outcome.out)
    assert [run["key"] for run in runs] == ["run_active", "run_closed"]
    assert all(set(run) == RUN_FIELDS for run in runs)
    active = runs[0]
    assert (active["passed"], active["failed"], active["blocked"]) == (1, 1, 1)
    assert (active["not_tested"], active["total"], active["pass_rate"]) == (1, 4, 25.0)
    assert active["read_only"] is False
    assert active["created_at"] == "2026-11-02T09:00:00Z"
    assert runs[1]["read_only"] is True


def test_runs_of_an_empty_cache_says_how_to_get_some(cli: Cli, paths: AppPaths) -> None:
    save_settings(paths.settings_file, Settings(project_id="proj_new"))

    outcome = cli("runs")

    assert outcome.code == 0
    assert "No runs of project proj_new in the local copy yet" in outcome.out
    assert json.loads(cli("runs", "--json").out) == []


def test_every_local_command_needs_a_project_first(cli: Cli, cache: Cache) -> None:
    for argv in (
        ["runs"],
        ["results", "run_active"],
        ["record", "run_active", "tc_1", "passed"],
        ["new-run", "Nightly", "--case", "tc_1"],
        ["edit-run", "run_active", "--name", "Renamed"],
        ["close", "run_active"],
        ["status"],
        ["sync"],
    ):
        outcome = cli(*argv)
        assert outcome.code == 1, argv
        assert outcome.out == ""
        assert outcome.err == (
            "error: No Testably project is set up yet. Run `testdeck connect` first.\n"
        )


def test_results_show_each_result_of_a_run(cli: Cli, configured: Cache) -> None:
    case = configured.project.case_ids[2]
    result_id = _result_id(configured, case)
    EditCommands(configured.engine).record_result(
        result_id, "failed", note="Spinner never stops\nSecond line", elapsed=95
    )

    outcome = cli("results", "run_active")

    assert outcome.code == 0
    title, header, *rows = outcome.out.splitlines()
    assert title == "“Regression” (run_active), active, 4 of 4 tested, pass rate 25.0%"
    assert header.split() == ["CASE", "TITLE", "STATUS", "ELAPSED", "NOTE", "SYNC"]
    assert len(rows) == 4
    assert rows[0].split()[0] == configured.project.case_ids[0]
    assert "Not tested" not in outcome.out
    recorded = rows[2]
    assert recorded.startswith(case)
    assert "Failed" in recorded
    assert "1:35" in recorded
    assert "Spinner never stops…" in recorded
    assert "Second line" not in outcome.out
    assert recorded.endswith("waiting to sync")
    assert rows[0].endswith("synced")


def test_results_as_json_hold_the_full_note(cli: Cli, configured: Cache) -> None:
    case = configured.project.case_ids[2]
    note = "Spinner never stops\nSecond line"
    EditCommands(configured.engine).record_result(
        _result_id(configured, case), "retest", note=note, elapsed=3725
    )

    results = json.loads(cli("results", "run_active", "--json").out)

    assert [result["test_case_id"] for result in results] == configured.project.case_ids
    assert all(set(result) == RESULT_FIELDS for result in results)
    recorded = results[2]
    assert recorded["status"] == "retest"
    assert recorded["note"] == note
    assert (recorded["elapsed"], recorded["elapsed_text"]) == (3725, "1:02:05")
    assert recorded["sync_state"] == "pending"
    assert results[0]["sync_state"] == "synced"
    assert results[0]["status"] == "passed"


def test_results_find_a_run_by_its_local_key_or_id(cli: Cli, configured: Cache) -> None:
    run_id = seed_server_run(configured.engine, configured.project, "Local", age=timedelta(1))

    for reference in (f"local:{run_id}", str(run_id)):
        outcome = cli("results", reference)
        assert outcome.code == 0
        assert outcome.out.startswith(f"“Local” (local:{run_id})")


def test_results_of_an_unknown_run_is_a_readable_error(cli: Cli, configured: Cache) -> None:
    outcome = cli("results", "run_nope")

    assert outcome.code == 1
    assert outcome.out == ""
    assert outcome.err == "error: There is no run 'run_nope' in this project's local cache.\n"


def test_an_unreadable_database_is_a_readable_error(
    cli: Cli, paths: AppPaths, testdeck_home: Path
) -> None:
    save_settings(paths.settings_file, Settings(project_id="proj_1"))
    paths.database_file.write_bytes(b"this is not a database" * 100)

    outcome = cli("runs")

    assert outcome.code == 1
    assert outcome.err.startswith("error: Testdeck could not read its database")
    assert outcome.err.count("\n") == 1
    assert "Traceback" not in outcome.err


def _result_id(cache: Cache, case_id: str) -> int:
    from app.store import Queries

    return Queries(cache.engine).result_for_case(cache.active_run, case_id).id
