"""Handlers of the write routes: create, update and close runs; set results one by one or in bulk.

Each runs in one transaction: access check, then the closed-run check (409), then the
body's validation (422), then the change. Anything refused changes nothing.
"""

from __future__ import annotations

import sqlite3

from app.sandbox import mutations, queries, rules
from app.sandbox.auth import check_project, check_run
from app.sandbox.context import Sandbox
from app.sandbox.endpoint import Answer, Call, ok
from app.sandbox.errors import not_found
from app.sandbox.shapes import JsonObject


def create_run(sandbox: Sandbox, call: Call) -> Answer:
    project_id = call.params["project_id"]
    with sandbox.db.transaction() as connection:
        check_project(connection, project_id, call.user_id)
        new = rules.new_run(call.body)
        run_id = mutations.create_run(connection, project_id, call.user_id, new, sandbox.now())
        return ok(_run(connection, run_id), status=201)


def update_run(sandbox: Sandbox, call: Call) -> Answer:
    project_id, run_id = call.params["project_id"], call.params["run_id"]
    with sandbox.db.transaction() as connection:
        check_run(connection, run_id, call.user_id, project_id)
        mutations.writable_run(connection, run_id)
        changes = rules.run_changes(call.body)
        mutations.update_run(connection, run_id, changes, sandbox.now())
        return ok(_run(connection, run_id))


def close_run(sandbox: Sandbox, call: Call) -> Answer:
    project_id, run_id = call.params["project_id"], call.params["run_id"]
    with sandbox.db.transaction() as connection:
        check_run(connection, run_id, call.user_id, project_id)
        mutations.close_run(connection, run_id, sandbox.now())
        return ok(_run(connection, run_id))


def set_result(sandbox: Sandbox, call: Call) -> Answer:
    """Replace a result's status, note and elapsed; answer the result as it is now."""
    run_id, result_id = call.params["run_id"], call.params["result_id"]
    with sandbox.db.transaction() as connection:
        check_run(connection, run_id, call.user_id)
        mutations.writable_run(connection, run_id)
        fields = rules.result_fields(call.body)
        mutations.set_result(connection, run_id, result_id, fields, call.user_id, sandbox.now())
        return ok(_result(connection, result_id))


def bulk_set_results(sandbox: Sandbox, call: Call) -> Answer:
    run_id = call.params["run_id"]
    with sandbox.db.transaction() as connection:
        check_run(connection, run_id, call.user_id)
        mutations.writable_run(connection, run_id)
        items = rules.bulk_items(call.body)
        outcome = mutations.bulk_set_results(connection, run_id, items, call.user_id, sandbox.now())
    return ok({"updated": len(outcome), "results": outcome})


def _run(connection: sqlite3.Connection, run_id: str) -> JsonObject:
    run = queries.get_run(connection, run_id)
    if run is None:
        raise not_found(f"There is no run {run_id}.")
    return run


def _result(connection: sqlite3.Connection, result_id: str) -> JsonObject:
    result = queries.get_result(connection, result_id)
    if result is None:
        raise not_found(f"There is no result {result_id}.")
    return result
