"""What a run card says: the badge chosen, the pass rate, the date."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine

from app.store import EditCommands, Queries
from app.ui.runs.describe import BadgeTone, badge_for, date_text, detail_text, pass_rate_text
from tests.builders import SeededProject
from tests.gui.runs.helpers import add_run, park_changes, set_run_fields


def test_the_most_important_badge_wins(
    database: Engine, project: SeededProject, queries: Queries, commands: EditCommands
) -> None:
    run_id = add_run(database, project, "Busy run")
    assert badge_for(queries.run(run_id)) is None

    commands.record_result(queries.results(run_id)[0].id, "passed")
    commands.record_result(queries.results(run_id)[1].id, "failed")
    badge = badge_for(queries.run(run_id))
    assert badge is not None
    assert (badge.text, badge.tone) == ("2 unsent", BadgeTone.PENDING)

    set_run_fields(database, run_id, missing_on_server=True)
    badge = badge_for(queries.run(run_id))
    assert badge is not None
    assert (badge.text, badge.tone) == ("Missing on server", BadgeTone.PROBLEM)

    park_changes(database, run_id)
    badge = badge_for(queries.run(run_id))
    assert badge is not None
    assert badge.text == "Sync issue"
    assert "2 changes set aside" in badge.explanation


def test_a_run_made_here_is_not_yet_on_the_server(
    project: SeededProject, commands: EditCommands
) -> None:
    badge = badge_for(commands.create_run(project.project_id, "Offline", project.case_ids[:1]))
    assert badge is not None
    assert badge.text == "Not yet on server"


def test_the_pass_rate_waits_for_a_first_verdict(
    database: Engine, project: SeededProject, queries: Queries, commands: EditCommands
) -> None:
    run_id = add_run(database, project, "Fresh")
    assert pass_rate_text(queries.run(run_id)) == "\u2013"

    commands.record_result(queries.results(run_id)[0].id, "failed")
    assert pass_rate_text(queries.run(run_id)) == "0.0%"

    closed = add_run(database, project, "Closed", passed=3, status="closed")
    assert pass_rate_text(queries.run(closed)) == "30.0%"


def test_dates_show_the_year_only_when_it_is_not_this_one() -> None:
    moment = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)

    assert date_text(moment, today=date(2026, 12, 31)) == "2 Nov"
    assert date_text(moment, today=date(2027, 1, 1)) == "2 Nov 2026"


def test_the_detail_line_names_the_milestone_progress_and_date(
    database: Engine, project: SeededProject, queries: Queries
) -> None:
    run_id = add_run(database, project, "Run", passed=4, milestone=project.milestone_ids[1])

    run = queries.run(run_id)

    text = detail_text(run, today=date(2020, 1, 1))

    assert text == f"Release 2.2 · 4/10 tested · {date_text(run.created_at, date(2020, 1, 1))}"
    assert text.endswith(" 2026")
