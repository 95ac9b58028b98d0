"""Writes: every function takes a connection inside `Database.transaction()`.

A function either makes its whole change or raises an `ApiError` before touching anything,
and the transaction rolls back. Each change to a run or its results moves the run's
`updated_at` strictly forward.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.domain import is_read_only_run_status, pass_rate
from app.sandbox.clock import stamp_after
from app.sandbox.errors import ApiError, Detail, field_error, invalid, not_found, run_closed
from app.sandbox.ids import new_id
from app.sandbox.rules import (
    NewRun,
    ResultFields,
    RunChanges,
    Unset,
    item_problem,
    result_fields,
)

BulkOutcome = list[dict[str, str]]


def create_run(
    connection: sqlite3.Connection, project_id: str, user_id: str, new: NewRun, now: datetime
) -> str:
    """Create an active run with one `not_tested` result per case, in order; return its id."""
    _check_milestone(connection, project_id, new.milestone_id)
    titles = _case_titles(connection, project_id, new.test_case_ids)
    # Strictly after the project's newest run, so "newest first" is the creation order.
    newest = connection.execute(
        "SELECT MAX(created_at) FROM runs WHERE project_id = ?", (project_id,)
    ).fetchone()[0]
    run_id, stamp = new_id("run_"), stamp_after(now, newest)
    connection.execute(
        "INSERT INTO runs (id, project_id, name, status, milestone_id, created_by, "
        "created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?, ?, ?)",
        (run_id, project_id, new.name, new.milestone_id, user_id, stamp, stamp),
    )
    connection.executemany(
        "INSERT INTO results (id, run_id, position, test_case_id, test_case_title, status) "
        "VALUES (?, ?, ?, ?, ?, 'not_tested')",
        [
            (new_id("res_"), run_id, position, case_id, titles[case_id])
            for position, case_id in enumerate(new.test_case_ids, start=1)
        ],
    )
    return run_id


def update_run(
    connection: sqlite3.Connection, run_id: str, changes: RunChanges, now: datetime
) -> None:
    """Rename a run and/or link it to a milestone (None unlinks)."""
    run = writable_run(connection, run_id)
    if changes.empty:
        return
    if not isinstance(changes.milestone_id, Unset):
        _check_milestone(connection, run["project_id"], changes.milestone_id)
        connection.execute(
            "UPDATE runs SET milestone_id = ? WHERE id = ?", (changes.milestone_id, run_id)
        )
    if not isinstance(changes.name, Unset):
        connection.execute("UPDATE runs SET name = ? WHERE id = ?", (changes.name, run_id))
    _touch(connection, run, now)


def close_run(connection: sqlite3.Connection, run_id: str, now: datetime) -> None:
    """Close a run: it gets its final `pass_rate` and `closed_at`, and becomes read-only."""
    run = writable_run(connection, run_id)
    total, passed = connection.execute(
        "SELECT COUNT(*), COALESCE(SUM(status = 'passed'), 0) FROM results WHERE run_id = ?",
        (run_id,),
    ).fetchone()
    stamp = _touch(connection, run, now)
    connection.execute(
        "UPDATE runs SET status = 'closed', closed_at = ?, pass_rate = ? WHERE id = ?",
        (stamp, pass_rate(passed, total), run_id),
    )


def set_result(
    connection: sqlite3.Connection,
    run_id: str,
    result_id: str,
    fields: ResultFields,
    user_id: str,
    now: datetime,
) -> None:
    """Replace one result's status, note and elapsed; the writer becomes its tester."""
    run = writable_run(connection, run_id)
    found = connection.execute(
        "SELECT 1 FROM results WHERE id = ? AND run_id = ?", (result_id, run_id)
    ).fetchone()
    if found is None:
        raise not_found(f"Run {run_id} has no result {result_id}.")
    stamp = _touch(connection, run, now)
    _write_result(connection, "id", result_id, run_id, fields, user_id, stamp)


def bulk_set_results(
    connection: sqlite3.Connection,
    run_id: str,
    items: Sequence[Any],
    user_id: str,
    now: datetime,
) -> BulkOutcome:
    """Set many results, matched by `test_case_id`, all or nothing.

    Raises:
        ApiError: 422 listing every bad item as `{"test_case_id", "error"}`; nothing changed.
    """
    run = writable_run(connection, run_id)
    known = _run_case_ids(connection, run_id)
    checked = [_bulk_item(item, known) for item in items]
    problems = [problem for problem in checked if not isinstance(problem, tuple)]
    if problems:
        raise invalid(problems, f"{len(problems)} of {len(items)} results are invalid.")
    stamp = _touch(connection, run, now)
    outcome: BulkOutcome = []
    for case_id, fields in (item for item in checked if isinstance(item, tuple)):
        _write_result(connection, "test_case_id", case_id, run_id, fields, user_id, stamp)
        outcome.append({"test_case_id": case_id, "status": fields.status.value})
    return outcome


def writable_run(connection: sqlite3.Connection, run_id: str) -> sqlite3.Row:
    """The run's row, if it exists and is still open.

    Raises:
        ApiError: 404 for an unknown run, 409 `run_closed` for a closed one.
    """
    run: sqlite3.Row | None = connection.execute(
        "SELECT * FROM runs WHERE id = ?", (run_id,)
    ).fetchone()
    if run is None:
        raise not_found(f"There is no run {run_id}.")
    if is_read_only_run_status(run["status"]):
        raise run_closed(run_id)
    return run


def _bulk_item(item: object, known: set[str]) -> tuple[str, ResultFields] | Detail:
    if not isinstance(item, dict):
        return {"test_case_id": None, "error": "Each result must be an object."}
    case_id = item.get("test_case_id")
    if not isinstance(case_id, str) or case_id not in known:
        return {"test_case_id": case_id, "error": f"This run has no test case {case_id!r}."}
    try:
        return case_id, result_fields(item)
    except ApiError as error:
        return {"test_case_id": case_id, "error": item_problem(error)}


def _write_result(
    connection: sqlite3.Connection,
    key: str,
    value: str,
    run_id: str,
    fields: ResultFields,
    user_id: str,
    stamp: str,
) -> None:
    connection.execute(
        "UPDATE results SET status = ?, note = ?, elapsed = ?, tested_by = ?, tested_at = ? "
        f"WHERE {key} = ? AND run_id = ?",
        (fields.status.value, fields.note, fields.elapsed, user_id, stamp, value, run_id),
    )


def _touch(connection: sqlite3.Connection, run: sqlite3.Row, now: datetime) -> str:
    stamp = stamp_after(now, run["updated_at"])
    connection.execute("UPDATE runs SET updated_at = ? WHERE id = ?", (stamp, run["id"]))
    return stamp


def _check_milestone(
    connection: sqlite3.Connection, project_id: str, milestone_id: str | None
) -> None:
    if milestone_id is None:
        return
    found = connection.execute(
        "SELECT 1 FROM milestones WHERE id = ? AND project_id = ?", (milestone_id, project_id)
    ).fetchone()
    if found is None:
        raise field_error("milestone_id", f"This project has no milestone {milestone_id}.")


def _case_titles(
    connection: sqlite3.Connection, project_id: str, case_ids: Sequence[str]
) -> dict[str, str]:
    marks = ", ".join("?" * len(case_ids))
    rows = connection.execute(
        f"SELECT id, title FROM test_cases WHERE project_id = ? AND id IN ({marks})",
        (project_id, *case_ids),
    ).fetchall()
    titles = {row["id"]: row["title"] for row in rows}
    unknown = [case_id for case_id in case_ids if case_id not in titles]
    if unknown:
        raise invalid(
            [
                {"field": "test_case_ids", "test_case_id": case_id, "error": "No such test case."}
                for case_id in unknown
            ],
            f"{len(unknown)} of the test cases don't exist in this project.",
        )
    return titles


def _run_case_ids(connection: sqlite3.Connection, run_id: str) -> set[str]:
    rows = connection.execute("SELECT test_case_id FROM results WHERE run_id = ?", (run_id,))
    return {row["test_case_id"] for row in rows}
