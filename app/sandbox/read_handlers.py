"""Handlers of the read routes: projects, test cases, milestones, runs and results."""

from __future__ import annotations

from app.sandbox import queries
from app.sandbox.auth import check_project, check_run
from app.sandbox.context import Sandbox
from app.sandbox.endpoint import Answer, Call, ok
from app.sandbox.errors import not_found
from app.sandbox.paging import list_body, parse_page
from app.sandbox.shapes import JsonObject

_CASE_FILTERS = ("folder_id", "priority", "type", "search")


def list_projects(sandbox: Sandbox, call: Call) -> Answer:
    page = parse_page(call.query)
    with sandbox.db.read() as connection:
        items, total = queries.list_projects(connection, call.user_id, page)
    return Answer(200, list_body(items, total, page))


def get_project(sandbox: Sandbox, call: Call) -> Answer:
    project_id = call.params["project_id"]
    with sandbox.db.read() as connection:
        check_project(connection, project_id, call.user_id)
        return ok(queries.get_project(connection, project_id))


def list_test_cases(sandbox: Sandbox, call: Call) -> Answer:
    project_id = call.params["project_id"]
    filters = {name: call.query[name] for name in _CASE_FILTERS if name in call.query}
    with sandbox.db.read() as connection:
        check_project(connection, project_id, call.user_id)
        page = parse_page(call.query)
        items, total = queries.list_test_cases(connection, project_id, filters, page)
    return Answer(200, list_body(items, total, page))


def get_test_case(sandbox: Sandbox, call: Call) -> Answer:
    project_id, case_id = call.params["project_id"], call.params["case_id"]
    with sandbox.db.read() as connection:
        check_project(connection, project_id, call.user_id)
        case = queries.get_test_case(connection, project_id, case_id)
    return ok(_found(case, f"There is no test case {case_id} in this project."))


def list_milestones(sandbox: Sandbox, call: Call) -> Answer:
    project_id = call.params["project_id"]
    with sandbox.db.read() as connection:
        check_project(connection, project_id, call.user_id)
        page = parse_page(call.query)
        status = call.query.get("status")
        items, total = queries.list_milestones(connection, project_id, status, page)
    return Answer(200, list_body(items, total, page))


def get_milestone(sandbox: Sandbox, call: Call) -> Answer:
    """One milestone as a bare object, without the `data` envelope, as some docs show it."""
    project_id, milestone_id = call.params["project_id"], call.params["milestone_id"]
    with sandbox.db.read() as connection:
        check_project(connection, project_id, call.user_id)
        milestone = queries.get_milestone(connection, project_id, milestone_id)
    return Answer(200, _found(milestone, f"There is no milestone {milestone_id} here."))


def list_runs(sandbox: Sandbox, call: Call) -> Answer:
    project_id = call.params["project_id"]
    with sandbox.db.read() as connection:
        check_project(connection, project_id, call.user_id)
        page = parse_page(call.query)
        items, total = queries.list_runs(connection, project_id, page)
    return Answer(200, list_body(items, total, page))


def get_run(sandbox: Sandbox, call: Call) -> Answer:
    """A run with every one of its results, in order."""
    project_id, run_id = call.params["project_id"], call.params["run_id"]
    with sandbox.db.read() as connection:
        check_run(connection, run_id, call.user_id, project_id)
        run = _found(queries.get_run(connection, run_id), f"There is no run {run_id}.")
        results, _total = queries.list_results(connection, run_id)
    return ok(run | {"results": results})


def list_results(sandbox: Sandbox, call: Call) -> Answer:
    run_id = call.params["run_id"]
    with sandbox.db.read() as connection:
        check_run(connection, run_id, call.user_id)
        page = parse_page(call.query)
        items, total = queries.list_results(connection, run_id, page)
    return Answer(200, list_body(items, total, page))


def _found(shape: JsonObject | None, message: str) -> JsonObject:
    if shape is None:
        raise not_found(message)
    return shape
