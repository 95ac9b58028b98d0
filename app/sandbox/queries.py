"""Reads: every function takes a connection from `Database.read()` and returns API shapes.

Run counts are computed from the results on every read, so they can never disagree.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from app.sandbox import shapes
from app.sandbox.paging import Page
from app.sandbox.shapes import JsonObject

Listing = tuple[list[JsonObject], int]

_PROJECT_SELECT = """
SELECT p.*,
    (SELECT COUNT(*) FROM test_cases c WHERE c.project_id = p.id) AS test_case_count,
    (SELECT COUNT(*) FROM runs r WHERE r.project_id = p.id) AS run_count,
    (SELECT COUNT(*) FROM members m WHERE m.project_id = p.id) AS member_count
FROM projects p
"""

_RUN_SELECT = """
SELECT r.*,
    COUNT(x.id) AS total,
    COALESCE(SUM(x.status = 'passed'), 0) AS passed,
    COALESCE(SUM(x.status = 'failed'), 0) AS failed,
    COALESCE(SUM(x.status = 'blocked'), 0) AS blocked,
    COALESCE(SUM(x.status = 'retest'), 0) AS retest,
    COALESCE(SUM(x.status = 'not_tested'), 0) AS not_tested
FROM runs r LEFT JOIN results x ON x.run_id = r.id
"""

_MILESTONE_SELECT = """
SELECT m.*, (
    SELECT CAST(COALESCE(100 * SUM(x.status != 'not_tested') / COUNT(x.id), 0) AS INTEGER)
    FROM runs r JOIN results x ON x.run_id = r.id WHERE r.milestone_id = m.id
) AS progress
FROM milestones m
"""

# Test case filters: query parameter -> SQL condition on the test_cases table.
_CASE_FILTERS = {
    "folder_id": "folder_id = ?",
    "priority": "priority = ?",
    "type": "type = ?",
    "search": "instr(casefold(title), casefold(?)) > 0",
}


def list_projects(connection: sqlite3.Connection, user_id: str, page: Page) -> Listing:
    """The projects `user_id` is a member of, by name."""
    where = "WHERE p.id IN (SELECT project_id FROM members WHERE user_id = ?)"
    total = _count(connection, f"SELECT COUNT(*) FROM projects p {where}", (user_id,))
    rows = connection.execute(
        f"{_PROJECT_SELECT} {where} ORDER BY p.name, p.id LIMIT ? OFFSET ?",
        (user_id, page.per_page, page.offset),
    ).fetchall()
    return [shapes.project(row) for row in rows], total


def get_project(connection: sqlite3.Connection, project_id: str) -> JsonObject | None:
    row = connection.execute(f"{_PROJECT_SELECT} WHERE p.id = ?", (project_id,)).fetchone()
    return None if row is None else shapes.project_detail(row)


def is_member(connection: sqlite3.Connection, project_id: str, user_id: str) -> bool:
    row = connection.execute(
        "SELECT 1 FROM members WHERE project_id = ? AND user_id = ?", (project_id, user_id)
    ).fetchone()
    return row is not None


def list_test_cases(
    connection: sqlite3.Connection, project_id: str, filters: Mapping[str, str], page: Page
) -> Listing:
    """A project's test cases in their folder order, narrowed by the known filters."""
    conditions, values = ["project_id = ?"], [project_id]
    for name, condition in _CASE_FILTERS.items():
        if filters.get(name):
            conditions.append(condition)
            values.append(filters[name])
    where = "WHERE " + " AND ".join(conditions)
    total = _count(connection, f"SELECT COUNT(*) FROM test_cases {where}", values)
    rows = connection.execute(
        f"SELECT * FROM test_cases {where} ORDER BY position, id LIMIT ? OFFSET ?",
        (*values, page.per_page, page.offset),
    ).fetchall()
    return [shapes.test_case(row) for row in rows], total


def get_test_case(
    connection: sqlite3.Connection, project_id: str, case_id: str
) -> JsonObject | None:
    row = connection.execute(
        "SELECT * FROM test_cases WHERE project_id = ? AND id = ?", (project_id, case_id)
    ).fetchone()
    return None if row is None else shapes.test_case_detail(row)


def list_milestones(
    connection: sqlite3.Connection, project_id: str, status: str | None, page: Page
) -> Listing:
    """A project's milestones by start date, optionally only those in one status."""
    where, values = "WHERE m.project_id = ?", [project_id]
    if status:
        where, values = where + " AND m.status = ?", [project_id, status]
    total = _count(connection, f"SELECT COUNT(*) FROM milestones m {where}", values)
    rows = connection.execute(
        f"{_MILESTONE_SELECT} {where} ORDER BY m.start_date, m.id LIMIT ? OFFSET ?",
        (*values, page.per_page, page.offset),
    ).fetchall()
    return [shapes.milestone(row) for row in rows], total


def get_milestone(
    connection: sqlite3.Connection, project_id: str, milestone_id: str
) -> JsonObject | None:
    row = connection.execute(
        f"{_MILESTONE_SELECT} WHERE m.project_id = ? AND m.id = ?", (project_id, milestone_id)
    ).fetchone()
    return None if row is None else shapes.milestone(row)


def list_runs(connection: sqlite3.Connection, project_id: str, page: Page) -> Listing:
    """A project's runs, newest first (by `created_at`, then id, both descending)."""
    total = _count(connection, "SELECT COUNT(*) FROM runs WHERE project_id = ?", (project_id,))
    rows = connection.execute(
        f"{_RUN_SELECT} WHERE r.project_id = ? GROUP BY r.id "
        "ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?",
        (project_id, page.per_page, page.offset),
    ).fetchall()
    return [shapes.run(row) for row in rows], total


def get_run(connection: sqlite3.Connection, run_id: str) -> JsonObject | None:
    """One run with its counts (without its results), or None."""
    row = connection.execute(f"{_RUN_SELECT} WHERE r.id = ? GROUP BY r.id", (run_id,)).fetchone()
    return None if row is None else shapes.run(row)


def run_project_id(connection: sqlite3.Connection, run_id: str) -> str | None:
    """The project a run belongs to, or None when there is no such run."""
    row = connection.execute("SELECT project_id FROM runs WHERE id = ?", (run_id,)).fetchone()
    return None if row is None else str(row["project_id"])


def list_results(connection: sqlite3.Connection, run_id: str, page: Page | None = None) -> Listing:
    """A run's results in their position order: one page, or all when `page` is None."""
    total = _count(connection, "SELECT COUNT(*) FROM results WHERE run_id = ?", (run_id,))
    sql = "SELECT * FROM results WHERE run_id = ? ORDER BY position"
    values: tuple[object, ...] = (run_id,)
    if page is not None:
        sql, values = sql + " LIMIT ? OFFSET ?", (run_id, page.per_page, page.offset)
    rows = connection.execute(sql, values).fetchall()
    return [shapes.result(row) for row in rows], total


def _count(connection: sqlite3.Connection, sql: str, values: Any) -> int:
    return int(connection.execute(sql, values).fetchone()[0])


def get_result(connection: sqlite3.Connection, result_id: str) -> JsonObject | None:
    row = connection.execute("SELECT * FROM results WHERE id = ?", (result_id,)).fetchone()
    return None if row is None else shapes.result(row)
