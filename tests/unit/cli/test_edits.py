"""`testdeck record`, `new-run`, `edit-run` and `close`: local edits, queued for the next sync."""

from __future__ import annotations

import json

import pytest

from app.domain import ResultStatus
from app.store import OutboxKind, Queries
from tests.unit.cli.conftest import Cache, Cli


def _queries(cache: Cache) -> Queries:
    return Queries(cache.engine)


def _result(
    cache: Cache, case_id: str, run_id: int | None = None
) -> tuple[str, str | None, int | None]:
    row = _queries(cache).result_for_case(run_id or cache.active_run, case_id)
    return row.status.value, row.note, row.elapsed


# record ------------------------------------------------------------------------------


def test_record_saves_the_result_and_queues_it(cli: Cli, configured: Cache) -> None:
    case = configured.project.case_ids[2]

    outcome = cli("record", "run_active", case, "Failed", "--note", "Crash", "--elapsed", "1:30")

    assert outcome.code == 0
    assert outcome.err == ""
    assert outcome.out == (
        f"Recorded failed for {case} in “Regression”; it will be delivered on the next sync.\n"
    )
    assert _result(configured, case) == ("failed", "Crash", 90)
    [entry] = _queries(configured).outbox()
    assert entry.kind is OutboxKind.SET_RESULT
    assert entry.data() == {
        "test_case_id": case,
        "status": "failed",
        "note": "Crash",
        "elapsed": 90,
    }
    assert _queries(configured).run(configured.active_run).summary.failed == 2


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("passed", "passed"),
        ("BLOCKED", "blocked"),
        ("retest", "retest"),
        ("not tested", "not_tested"),
        ("not-tested", "not_tested"),
        ("untested", "not_tested"),
    ],
)
def test_record_reads_statuses_like_the_app(
    cli: Cli, configured: Cache, typed: str, status: str
) -> None:
    case = configured.project.case_ids[0]

    assert cli("record", "run_active", case, typed).code == 0
    assert _result(configured, case)[0] == status


@pytest.mark.parametrize(("typed", "seconds"), [("90", 90), ("1:30", 90), ("1:02:03", 3723)])
def test_record_reads_elapsed_as_seconds_or_clock_time(
    cli: Cli, configured: Cache, typed: str, seconds: int
) -> None:
    case = configured.project.case_ids[0]

    assert cli("record", "run_active", case, "passed", "--elapsed", typed).code == 0
    assert _result(configured, case)[2] == seconds


def test_record_keeps_the_note_and_time_unless_told(cli: Cli, configured: Cache) -> None:
    case = configured.project.case_ids[0]
    cli("record", "run_active", case, "failed", "--note", "Broken", "--elapsed", "40")

    cli("record", "run_active", case, "retest")
    assert _result(configured, case) == ("retest", "Broken", 40)

    cli("record", "run_active", case, "passed", "--note", "", "--elapsed", "")
    assert _result(configured, case) == ("passed", None, None)


def test_record_as_json_shows_the_saved_result(cli: Cli, configured: Cache) -> None:
    case = configured.project.case_ids[3]

    result = json.loads(cli("record", "run_active", case, "passed", "--json").out)

    assert (result["test_case_id"], result["status"], result["sync_state"]) == (
        case,
        "passed",
        "pending",
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["record", "run_active", "tc_proj_1_0001", "flaky"],
            "error: 'flaky' is not a result status; use one of passed, failed, blocked, "
            "retest, not_tested.",
        ),
        (
            ["record", "run_active", "tc_proj_1_0001", "passed", "--elapsed", "ten"],
            "error: 'ten' is not a time; type seconds (90), mm:ss (1:30) or h:mm:ss (1:02:03).",
        ),
        (
            ["record", "run_active", "tc_proj_1_0001", "passed", "--elapsed", "1:75"],
            "error: '1:75' has more than 59 seconds.",
        ),
        (
            ["record", "run_active", "tc_proj_1_0001", "passed", "--elapsed", "25:00:00"],
            "error: The elapsed time can't be more than 24 hours (86,400 seconds).",
        ),
        (
            ["record", "run_nope", "tc_proj_1_0001", "passed"],
            "error: There is no run 'run_nope' in this project's local cache.",
        ),
        (
            ["record", "run_active", "tc_nope", "passed"],
            "error: Test case 'tc_nope' is not part of this run.",
        ),
        (
            ["record", "run_closed", "tc_proj_1_0001", "failed"],
            "error: The run “Old smoke” is closed, so its results can no longer be changed.",
        ),
    ],
)
def test_record_refuses_with_one_readable_line(
    cli: Cli, configured: Cache, argv: list[str], message: str
) -> None:
    outcome = cli(*argv)

    assert outcome.code == 1
    assert outcome.out == ""
    assert outcome.err == message + "\n"
    assert _queries(configured).outbox() == []


def test_record_refuses_a_note_that_is_too_long(cli: Cli, configured: Cache) -> None:
    outcome = cli("record", "run_active", "tc_proj_1_0001", "failed", "--note", "x" * 10_001)

    assert outcome.code == 1
    assert outcome.err.startswith("error: The note is 10,001 characters long")
    assert _result(configured, "tc_proj_1_0001")[0] == ResultStatus.PASSED.value


# new-run -----------------------------------------------------------------------------


def test_new_run_creates_a_local_run_and_prints_its_key(cli: Cli, configured: Cache) -> None:
    cases = configured.project.case_ids

    outcome = cli(
        "new-run", "Nightly", "--case", cases[1], "--case", cases[0],
        "--milestone", configured.project.milestone_ids[1],
    )  # fmt: skip

    assert outcome.code == 0
    [run] = [run for run in _queries(configured).runs("proj_1") if run.name == "Nightly"]
    assert outcome.out == (
        f"Created the run “Nightly” as {run.key} with 2 test cases; "
        "it will be delivered on the next sync.\n"
    )
    assert run.key == f"local:{run.id}"
    assert run.milestone_id == configured.project.milestone_ids[1]
    results = _queries(configured).results(run.id)
    assert [result.test_case_id for result in results] == [cases[1], cases[0]]
    assert [entry.kind for entry in _queries(configured).outbox()] == [OutboxKind.CREATE_RUN]


def test_new_run_as_json(cli: Cli, configured: Cache) -> None:
    run = json.loads(cli("new-run", "Solo", "--case", "tc_proj_1_0004", "--json").out)

    assert (run["name"], run["total"], run["server_id"]) == ("Solo", 1, None)
    assert run["key"].startswith("local:")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["new-run", "  ", "--case", "tc_proj_1_0001"], "error: Give the run a name."),
        (
            ["new-run", "Nightly", "--case", "tc_gone"],
            "error: 1 selected test case(s) are not in this project's local cache (tc_gone); "
            "sync, then select them again.",
        ),
        (
            ["new-run", "Nightly", "--case", "tc_proj_1_0001", "--milestone", "ms_gone"],
            "error: Milestone 'ms_gone' is not in this project's local cache; sync, then "
            "choose it again.",
        ),
    ],
)
def test_new_run_refuses_with_one_readable_line(
    cli: Cli, configured: Cache, argv: list[str], message: str
) -> None:
    outcome = cli(*argv)

    assert (outcome.code, outcome.out, outcome.err) == (1, "", message + "\n")
    assert len(_queries(configured).runs("proj_1")) == 2


def test_new_run_needs_at_least_one_case(cli: Cli, configured: Cache) -> None:
    outcome = cli("new-run", "Nightly")

    assert outcome.code == 1
    assert outcome.err.endswith("error: the following arguments are required: --case\n")


# edit-run ----------------------------------------------------------------------------


def test_edit_run_renames_and_links_a_milestone(cli: Cli, configured: Cache) -> None:
    milestone = configured.project.milestone_ids[0]

    outcome = cli("edit-run", "run_active", "--name", "Regression 2", "--milestone", milestone)

    assert outcome.code == 0
    assert outcome.out == (
        "Updated run_active: name “Regression 2”, milestone Release 2.1; "
        "it will be delivered on the next sync.\n"
    )
    run = _queries(configured).run(configured.active_run)
    assert (run.name, run.milestone_id) == ("Regression 2", milestone)
    [entry] = _queries(configured).outbox()
    assert entry.data() == {"name": "Regression 2", "milestone_id": milestone}


def test_edit_run_with_milestone_none_unlinks_it(cli: Cli, configured: Cache) -> None:
    cli("edit-run", "run_active", "--milestone", configured.project.milestone_ids[0])

    outcome = cli("edit-run", "run_active", "--milestone", "none")

    assert outcome.code == 0
    assert "no milestone" in outcome.out
    assert _queries(configured).run(configured.active_run).milestone_id is None
    assert _queries(configured).outbox()[-1].data() == {"milestone_id": None}


def test_edit_run_that_changes_nothing_says_so(cli: Cli, configured: Cache) -> None:
    outcome = cli("edit-run", "run_active", "--name", "Regression")

    assert outcome.code == 0
    assert outcome.out == "Nothing changed: the run run_active already looks like that.\n"
    assert _queries(configured).outbox() == []


def test_edit_run_as_json(cli: Cli, configured: Cache) -> None:
    run = json.loads(cli("edit-run", "run_active", "--name", "Renamed", "--json").out)

    assert (run["key"], run["name"], run["undelivered"]) == ("run_active", "Renamed", 1)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["edit-run", "run_active"],
            "error: Nothing to change: give --name NAME and/or --milestone ID (or none).",
        ),
        (
            ["edit-run", "run_closed", "--name", "New"],
            "error: The run “Old smoke” is closed, so it can no longer be renamed or moved.",
        ),
        (
            ["edit-run", "run_nope", "--name", "New"],
            "error: There is no run 'run_nope' in this project's local cache.",
        ),
        (
            ["edit-run", "run_active", "--name", "Line\nbreak"],
            "error: The run name contains a line break; run names must fit on one line "
            "without control characters.",
        ),
    ],
)
def test_edit_run_refuses_with_one_readable_line(
    cli: Cli, configured: Cache, argv: list[str], message: str
) -> None:
    outcome = cli(*argv)

    assert (outcome.code, outcome.out, outcome.err) == (1, "", message + "\n")
    assert _queries(configured).outbox() == []


# close -------------------------------------------------------------------------------


def test_close_shows_the_final_counts_and_pass_rate(cli: Cli, configured: Cache) -> None:
    cli("record", "run_active", configured.project.case_ids[2], "passed")

    outcome = cli("close", "run_active")

    assert outcome.code == 0
    assert outcome.out.splitlines() == [
        "Closed “Regression” (run_active): 2 passed, 1 failed, 1 blocked, 0 retest, "
        "0 not tested; pass rate 50.0%.",
        "2 changes of this run are waiting for delivery; the server closes the run on the "
        "next sync, after its results.",
    ]
    run = _queries(configured).run(configured.active_run)
    assert run.is_read_only
    assert _queries(configured).outbox()[-1].kind is OutboxKind.CLOSE_RUN


def test_close_as_json(cli: Cli, configured: Cache) -> None:
    run = json.loads(cli("close", "run_active", "--json").out)

    assert (run["status"], run["read_only"], run["pass_rate"]) == ("closed", True, 25.0)


def test_close_refuses_a_closed_run_with_the_store_message(cli: Cli, configured: Cache) -> None:
    outcome = cli("close", "run_closed")

    assert outcome.code == 1
    assert outcome.err == "error: The run “Old smoke” is closed, so it is already closed.\n"
    assert _queries(configured).outbox() == []
