"""Rows as the API shows them: the JSON objects of API.md, built from SQLite rows."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from app.domain import ResultStatus

JsonObject = dict[str, Any]

_COUNT_KEYS = tuple(status.value for status in ResultStatus)


def project(row: sqlite3.Row) -> JsonObject:
    return {
        "id": row["id"],
        "name": row["name"],
        "prefix": row["prefix"],
        "test_case_count": row["test_case_count"],
        "run_count": row["run_count"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def project_detail(row: sqlite3.Row) -> JsonObject:
    return project(row) | {
        "description": row["description"],
        "member_count": row["member_count"],
    }


def test_case(row: sqlite3.Row) -> JsonObject:
    return {
        "id": row["id"],
        "title": row["title"],
        "folder_id": row["folder_id"],
        "priority": row["priority"],
        "type": row["type"],
        "precondition": row["precondition"],
        "expected_result": row["expected_result"],
        "steps": json.loads(row["steps"]),
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def test_case_detail(row: sqlite3.Row) -> JsonObject:
    return test_case(row) | {"tags": json.loads(row["tags"]), "created_by": row["created_by"]}


def milestone(row: sqlite3.Row) -> JsonObject:
    return {
        "id": row["id"],
        "name": row["name"],
        "description": row["description"],
        "status": row["status"],
        "start_date": row["start_date"],
        "due_date": row["due_date"],
        "parent_id": row["parent_id"],
        "progress": row["progress"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def run(row: sqlite3.Row) -> JsonObject:
    """A run with its counts; a closed run adds `pass_rate` and `closed_at`."""
    shape: JsonObject = {"id": row["id"], "name": row["name"], "status": row["status"]}
    shape["total"] = row["total"]
    shape.update({key: row[key] for key in _COUNT_KEYS})
    shape.update(
        {
            "milestone_id": row["milestone_id"],
            "created_by": row["created_by"],
            "created_at": row["created_at"],
            "updated_at": row["updated_at"],
        }
    )
    if row["closed_at"] is not None:
        shape["pass_rate"] = row["pass_rate"]
        shape["closed_at"] = row["closed_at"]
    return shape


def result(row: sqlite3.Row) -> JsonObject:
    return {
        "id": row["id"],
        "test_case_id": row["test_case_id"],
        "test_case_title": row["test_case_title"],
        "status": row["status"],
        "note": row["note"],
        "elapsed": row["elapsed"],
        "tested_by": row["tested_by"],
        "tested_at": row["tested_at"],
    }
