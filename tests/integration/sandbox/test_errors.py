"""Who may ask what: 401, 403 and 404 answers, always as JSON errors."""

from collections.abc import Callable

import httpx
import pytest

from app.sandbox import OUTSIDER_TOKEN, SandboxServer

MakeClient = Callable[..., httpx.Client]


def first_run_id(api: httpx.Client, project: str = "proj_demo") -> str:
    return str(api.get(f"/v1/projects/{project}/runs").json()["data"][0]["id"])


@pytest.mark.parametrize("header", [None, "testably_demo_ana", "Bearer", "Bearer nope", "Basic x"])
def test_a_missing_or_unknown_token_is_unauthorized(
    sandbox: SandboxServer, header: str | None
) -> None:
    headers = {"Authorization": header} if header else {}
    answer = httpx.get(sandbox.url + "/v1/projects", headers=headers)
    assert answer.status_code == 401
    assert answer.json()["error"] == "unauthorized"
    assert answer.json()["message"]


def test_an_outsider_sees_no_projects_and_may_open_none(
    sandbox: SandboxServer, make_client: MakeClient, api: httpx.Client
) -> None:
    outsider = make_client(sandbox, OUTSIDER_TOKEN)
    assert outsider.get("/v1/projects").json() == {
        "data": [],
        "meta": {"total": 0, "page": 1, "per_page": 20},
    }
    run_id = first_run_id(api)
    for path in (
        "/v1/projects/proj_demo",
        "/v1/projects/proj_demo/test-cases",
        "/v1/projects/proj_demo/milestones",
        "/v1/projects/proj_demo/runs",
        f"/v1/projects/proj_demo/runs/{run_id}",
        f"/v1/runs/{run_id}/results",
    ):
        answer = outsider.get(path)
        assert answer.status_code == 403, path
        assert answer.json()["error"] == "forbidden"
    refused = outsider.post("/v1/projects/proj_demo/runs", json={"name": "x"})
    assert refused.status_code == 403


def test_unknown_things_are_not_found(api: httpx.Client) -> None:
    mobile_run = first_run_id(api, "proj_mobile")
    for path in (
        "/v1/projects/proj_nope",
        "/v1/projects/proj_nope/runs",
        "/v1/projects/proj_demo/runs/run_nope",
        f"/v1/projects/proj_demo/runs/{mobile_run}",  # a run of another project
        "/v1/projects/proj_demo/test-cases/tc_nope",
        "/v1/projects/proj_demo/milestones/ms_nope",
        "/v1/runs/run_nope/results",
        "/v1/v1/projects",
        "/v1/projects/",
        "/nothing",
    ):
        answer = api.get(path)
        assert answer.status_code == 404, path
        assert answer.json()["error"] == "not_found", path


def test_a_wrong_method_is_a_json_error(api: httpx.Client) -> None:
    answer = api.delete("/v1/projects")
    assert answer.status_code == 405
    assert answer.json()["error"] == "method_not_allowed"
