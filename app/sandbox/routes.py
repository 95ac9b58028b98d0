"""The `/v1` route table: every path of API.md and how each one is served."""

from __future__ import annotations

from starlette.routing import Route

from app.sandbox import read_handlers as read
from app.sandbox import write_handlers as write
from app.sandbox.context import Sandbox
from app.sandbox.endpoint import Spec, endpoint

API = "/v1"
PROJECT = "/projects/{project_id}"
RUN = PROJECT + "/runs/{run_id}"
RESULTS = "/runs/{run_id}/results"

# (method, path under /v1, how to serve it)
ROUTES: tuple[tuple[str, str, Spec], ...] = (
    ("GET", "/projects", Spec(read.list_projects)),
    ("GET", PROJECT, Spec(read.get_project)),
    ("GET", PROJECT + "/test-cases", Spec(read.list_test_cases)),
    ("GET", PROJECT + "/test-cases/{case_id}", Spec(read.get_test_case)),
    ("GET", PROJECT + "/milestones", Spec(read.list_milestones)),
    ("GET", PROJECT + "/milestones/{milestone_id}", Spec(read.get_milestone)),
    ("GET", PROJECT + "/runs", Spec(read.list_runs)),
    (
        "POST",
        PROJECT + "/runs",
        Spec(write.create_run, reads_body=True, idempotent=True, coming_soon=404),
    ),
    ("GET", RUN, Spec(read.get_run)),
    ("PATCH", RUN, Spec(write.update_run, reads_body=True, coming_soon=404)),
    ("POST", RUN + "/close", Spec(write.close_run, idempotent=True, coming_soon=404)),
    ("GET", RESULTS, Spec(read.list_results)),
    ("PUT", RESULTS + "/{result_id}", Spec(write.set_result, reads_body=True, coming_soon=501)),
    (
        "POST",
        RESULTS + "/bulk",
        Spec(write.bulk_set_results, reads_body=True, idempotent=True, coming_soon=501),
    ),
)


def api_routes(sandbox: Sandbox) -> list[Route]:
    """Starlette routes for every `/v1` endpoint, bound to `sandbox`."""
    return [
        Route(API + path, endpoint(sandbox, spec), methods=[method])
        for method, path, spec in ROUTES
    ]
