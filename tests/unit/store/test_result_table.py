"""The fast read behind the results table agrees with `Queries.results()`."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, update
from sqlmodel import col, select

from app.domain import ResultStatus
from app.store import (
    DatabaseUnavailableError,
    EditCommands,
    OutboxState,
    Queries,
    ResultRow,
    write_session,
)
from app.store.models import OutboxEntry, Result
from app.store.result_table import (
    NOTE_LINE_LIMIT,
    NOTE_START_LIMIT,
    ResultTableRow,
    fetch_result_table_row,
    fetch_result_table_rows,
    fetch_result_table_rows_by_id,
    result_ids_in_run,
)
from tests.builders import SeededProject, seed_server_run

P, F, N = ResultStatus.PASSED, ResultStatus.FAILED, ResultStatus.NOT_TESTED
NOTES = {
    0: "Only one line",
    1: "First line\nsecond line\nthird",
    2: "\n\n   Starts after blank lines\nnext",
    3: "x" * 600,
    4: "Windows line\r\nends",
    5: "   \n\t",  # blank: stored as None by clean_note, written raw here as the server might
}


def expected(row: ResultRow) -> ResultTableRow:
    return ResultTableRow(
        id=row.id,
        test_case_title=row.test_case_title,
        status=row.status.value,
        tested_by=row.tested_by,
        elapsed=row.elapsed,
        note_start=None if row.note is None else row.note[:NOTE_START_LIMIT],
        undelivered=row.undelivered,
        parked_state=row.parked_state.value if row.parked_state else None,
        position=row.position,
        test_case_id=row.test_case_id,
    )


def write_raw_notes(engine: Engine, result_ids: list[int]) -> None:
    with write_session(engine) as session:
        for offset, note in NOTES.items():
            session.execute(
                update(Result)
                .where(col(Result.id) == result_ids[offset])
                .values(note=note, tested_by="ana.silva", elapsed=60 * offset)
            )


def park_newest_entry(engine: Engine, state: OutboxState) -> None:
    with write_session(engine) as session:
        newest = session.exec(select(OutboxEntry).order_by(col(OutboxEntry.seq).desc())).first()
        assert newest is not None
        newest.state = state.value
        session.add(newest)


@pytest.fixture
def busy_run(engine: Engine, project: SeededProject) -> int:
    """A run with notes, testers, undelivered edits (one edited twice) and a parked edit."""
    run_id = seed_server_run(engine, project, "Busy", [P, F] + [N] * 10, server_id="run_1")
    ids = [row.id for row in Queries(engine).results(run_id)]
    write_raw_notes(engine, ids)
    commands = EditCommands(engine)
    commands.record_result(ids[6], P, "Looks good\nchecked twice", 42)
    commands.record_result(ids[7], F, None, None)
    commands.record_result(ids[7], P, None, 5)
    commands.record_result(ids[8], F, "Rejected by the server", 3)
    park_newest_entry(engine, OutboxState.REJECTED)
    return run_id


def test_rows_of_a_run_match_the_full_query(engine: Engine, busy_run: int) -> None:
    full = Queries(engine).results(busy_run)

    rows = fetch_result_table_rows(engine, busy_run)

    assert rows == [expected(row) for row in full]
    assert [row.undelivered for row in rows[6:9]] == [1, 2, 1]
    assert rows[8].parked_state == "rejected"
    assert rows[1].note_line == "First line"
    assert rows[2].note_line == "Starts after blank lines"
    assert rows[3].note_line == "x" * NOTE_LINE_LIMIT
    assert rows[3].note_start == "x" * NOTE_START_LIMIT
    assert rows[4].note_line == "Windows line"
    assert rows[5].note_line is None


def test_one_row_matches_the_full_query(engine: Engine, busy_run: int) -> None:
    queries = Queries(engine)
    for row in queries.results(busy_run):
        assert fetch_result_table_row(engine, row.id) == expected(queries.result(row.id))


def test_rows_by_id_report_missing_ones_as_none(engine: Engine, busy_run: int) -> None:
    ids = [row.id for row in fetch_result_table_rows(engine, busy_run)]

    found = fetch_result_table_rows_by_id(engine, [ids[8], 999_999], run_id=busy_run)

    parked = found[ids[8]]
    assert parked is not None
    assert parked.parked_state == "rejected"
    assert found[999_999] is None


def test_a_row_of_another_run_is_not_found_when_the_run_is_given(
    engine: Engine, project: SeededProject, busy_run: int
) -> None:
    other = seed_server_run(engine, project, "Other", server_id="run_2")
    other_id = fetch_result_table_rows(engine, other)[0].id

    assert fetch_result_table_row(engine, other_id, run_id=busy_run) is None
    assert fetch_result_table_row(engine, other_id, run_id=other) is not None
    assert fetch_result_table_row(engine, 999_999) is None


def test_result_ids_in_run_keeps_only_that_runs_results(
    engine: Engine, project: SeededProject, busy_run: int
) -> None:
    other = seed_server_run(engine, project, "Other", server_id="run_2")
    mine = [row.id for row in fetch_result_table_rows(engine, busy_run)]
    theirs = [row.id for row in fetch_result_table_rows(engine, other)]

    assert result_ids_in_run(engine, busy_run, [*theirs, mine[0], mine[3], 999_999]) == {
        mine[0],
        mine[3],
    }
    assert result_ids_in_run(engine, busy_run, []) == set()


def test_an_empty_or_unknown_run_has_no_rows(engine: Engine) -> None:
    assert fetch_result_table_rows(engine, 12345) == []


def test_delivered_results_have_no_undelivered_changes(
    engine: Engine, project: SeededProject
) -> None:
    run_id = seed_server_run(engine, project, "Clean", [P] * 12, server_id="run_9")

    rows = fetch_result_table_rows(engine, run_id)

    assert {(row.undelivered, row.parked_state) for row in rows} == {(0, None)}
    assert [row.position for row in rows] == list(range(12))


def test_a_database_problem_is_reported_as_a_store_error(engine: Engine, busy_run: int) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE outbox RENAME TO outbox_elsewhere")

    with pytest.raises(DatabaseUnavailableError, match="could not read the results"):
        fetch_result_table_rows(engine, busy_run)
