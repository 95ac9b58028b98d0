from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from app.store import EditCommands, OutboxKind, OutboxState, Queries
from app.store.sync_issues import SyncIssue, fetch_sync_issues
from app.ui.sync_view.issue_details import details_html
from app.ui.sync_view.issue_words import (
    change_values,
    describe_change,
    discard_question,
    discard_words,
    format_elapsed,
    plain_report,
    reason_words,
    retry_words,
    state_words,
)
from tests.builders import SeededProject
from tests.gui.sync_view.conftest import REJECTED_REASON, Issues, last_seq, set_entry


def by_seq(engine: Engine) -> dict[int, SyncIssue]:
    return {issue.seq: issue for issue in fetch_sync_issues(engine)}


def test_a_result_names_its_values_in_words(engine: Engine, issues: Issues) -> None:
    issue = by_seq(engine)[issues.rejected]

    assert change_values(issue) == [
        ("Status", "Failed"),
        ("Note", "SSO button does nothing"),
        ("Elapsed", "3 min 05 s"),
    ]
    assert "note SSO button does nothing" in discard_question(issue)
    assert "status Failed" in discard_question(issue)
    assert "cannot be undone" in discard_question(issue)


def test_discarding_a_create_says_the_run_and_its_results_go(
    engine: Engine, issues: Issues
) -> None:
    issue = by_seq(engine)[issues.waiting]

    assert describe_change(issue) == "Create run “Smoke”"
    assert change_values(issue) == [("Name", "Smoke"), ("Test cases", "4"), ("Milestone", "(none)")]
    assert "deletes the run “Smoke” from this computer" in discard_question(issue)
    assert "waits here again" in retry_words(issue)


def test_a_change_to_a_closed_run_explains_why_retry_will_not_help(
    engine: Engine, issues: Issues
) -> None:
    issue = by_seq(engine)[issues.conflict]

    assert state_words(issue) == "Run was closed on the server"
    assert "reopen the run on the server first" in retry_words(issue)


def test_a_failing_change_is_retried_by_testdeck_itself(engine: Engine, issues: Issues) -> None:
    issue = by_seq(engine)[issues.retrying]

    assert state_words(issue) == "Retrying"
    assert "tries again on its own" in retry_words(issue)
    assert change_values(issue) == [("New name", "Sprint 42 hotfix")]


def test_other_conflicts_and_missing_reasons_get_plain_words(
    engine: Engine, commands: EditCommands, run_id: int
) -> None:
    result = Queries(engine).results(run_id)[0]
    commands.record_result(result.id, "blocked")
    set_entry(engine, last_seq(engine), state="conflict")
    [issue] = fetch_sync_issues(engine)

    assert state_words(issue) == "Conflicts with the server"
    assert reason_words(issue) == (
        "The server's copy changed in a way that does not fit this change."
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"milestone_id": "ms_proj_1_2"}, "Move run “Sprint 42” to milestone “Release 2.2”"),
        ({"milestone_id": None}, "Move run “Sprint 42” to no milestone"),
        (
            {"name": "Sprint 43", "milestone_id": "ms_proj_1_1"},
            "Rename run to “Sprint 43”; move it to milestone “Release 2.1”",
        ),
    ],
)
def test_run_updates_say_what_moves(
    engine: Engine,
    commands: EditCommands,
    project: SeededProject,
    run_id: int,
    changes: dict[str, str | None],
    expected: str,
) -> None:
    if changes.get("milestone_id") is None:
        commands.update_run(run_id, milestone_id="ms_proj_1_1")
    commands.update_run(run_id, **changes)  # type: ignore[arg-type]
    for entry in Queries(engine).outbox():
        set_entry(engine, entry.seq, state="rejected")
    *_, issue = fetch_sync_issues(engine)

    assert describe_change(issue) == expected
    assert issue.kind is OutboxKind.UPDATE_RUN


def test_a_close_says_discard_brings_the_run_back(
    engine: Engine, commands: EditCommands, run_id: int
) -> None:
    commands.close_run(run_id)
    set_entry(engine, last_seq(engine), state="waiting_support")
    [issue] = fetch_sync_issues(engine)

    assert describe_change(issue) == "Close run “Sprint 42”"
    assert "cancels the close" in discard_words(issue)


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (None, "(not timed)"),
        (0, "0 s"),
        (45, "45 s"),
        (200, "3 min 20 s"),
        (3725, "1 h 02 min 05 s"),
    ],
)
def test_elapsed_time_reads_naturally(seconds: int | None, words: str) -> None:
    assert format_elapsed(seconds) == words


def test_the_report_holds_everything_needed_to_understand_the_change(
    engine: Engine, issues: Issues
) -> None:
    report = plain_report(by_seq(engine)[issues.rejected])

    lines = report.splitlines()
    assert lines[0] == "Change: Result of “Case tc_proj_1_0001” in run “Sprint 42 hotfix”"
    assert "State: Rejected by the server" in lines
    assert f"Reason: {REJECTED_REASON}" in lines
    assert "Note: SSO button does nothing" in lines
    assert "Failed attempts: 1" in lines
    assert lines[-1] == f"Outbox entry: #{issues.rejected} (set_result, rejected)"


def test_the_report_of_a_retried_change_says_when_it_is_tried_next(
    engine: Engine, issues: Issues
) -> None:
    next_at = datetime(2026, 11, 2, 12, 30, tzinfo=UTC)
    set_entry(engine, issues.retrying, next_attempt_at=next_at.replace(tzinfo=None))
    issue = by_seq(engine)[issues.retrying]

    report = plain_report(issue)

    local = next_at.astimezone()
    assert f"Next attempt: {local.day} {local:%b %Y, %H:%M}" in report
    assert issue.state is OutboxState.PENDING


def test_the_details_escape_what_the_tester_typed(
    engine: Engine, commands: EditCommands, run_id: int
) -> None:
    result = Queries(engine).results(run_id)[0]
    commands.record_result(result.id, "failed", "<b>bold</b> & more")
    set_entry(engine, last_seq(engine), state="rejected")
    [issue] = fetch_sync_issues(engine)

    html = details_html(issue, "#808080")

    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in html
    assert "What the buttons do" in html
