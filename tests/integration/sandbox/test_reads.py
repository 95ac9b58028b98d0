"""The read endpoints over HTTP: shapes, envelopes, filters, paging and ordering."""

import httpx
import pytest

RUN_KEYS = {
    "id", "name", "status", "total", "passed", "failed", "blocked", "retest", "not_tested",
    "milestone_id", "created_by", "created_at", "updated_at",
}  # fmt: skip
RESULT_KEYS = {
    "id", "test_case_id", "test_case_title", "status", "note", "elapsed", "tested_by",
    "tested_at",
}  # fmt: skip
CASE_KEYS = {
    "id", "title", "folder_id", "priority", "type", "precondition", "expected_result", "steps",
    "created_at", "updated_at",
}  # fmt: skip
MILESTONE_KEYS = {
    "id", "name", "description", "status", "start_date", "due_date", "parent_id", "progress",
    "created_at", "updated_at",
}  # fmt: skip
PROJECT_KEYS = {
    "id", "name", "prefix", "test_case_count", "run_count", "created_at", "updated_at",
}  # fmt: skip


def test_projects_are_listed_in_the_list_envelope(api: httpx.Client) -> None:
    answer = api.get("/v1/projects")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert body["meta"] == {"total": 2, "page": 1, "per_page": 20}
    assert [p["id"] for p in body["data"]] == ["proj_mobile", "proj_demo"]
    demo = body["data"][1]
    assert set(demo) == PROJECT_KEYS
    assert (demo["name"], demo["prefix"], demo["run_count"]) == ("Acme Web Shop", "AWS", 15)
    assert 140 <= demo["test_case_count"] <= 160


def test_a_project_adds_description_and_member_count(api: httpx.Client) -> None:
    project = api.get("/v1/projects/proj_demo").json()["data"]
    assert set(project) == PROJECT_KEYS | {"description", "member_count"}
    assert project["member_count"] == 4
    assert project["created_at"].endswith("Z")


def test_test_cases_are_paged_with_all_their_fields(api: httpx.Client) -> None:
    body = api.get("/v1/projects/proj_demo/test-cases", params={"per_page": 10}).json()
    assert len(body["data"]) == 10
    assert body["meta"]["per_page"] == 10
    case = body["data"][0]
    assert set(case) == CASE_KEYS
    assert case["priority"] in {"critical", "high", "medium", "low"}
    assert case["steps"][0] == {
        "position": 1,
        "action": "Open the home page and click 'Sign in'.",
        "expected": "The sign-in dialog opens.",
    }


def test_a_test_case_adds_tags_and_author(api: httpx.Client) -> None:
    first = api.get("/v1/projects/proj_demo/test-cases").json()["data"][0]
    case = api.get(f"/v1/projects/proj_demo/test-cases/{first['id']}").json()["data"]
    assert set(case) == CASE_KEYS | {"tags", "created_by"}
    assert case["created_by"].startswith("user_")
    assert "accounts" in case["tags"]


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"folder_id": "fld_checkout"}, lambda c: c["folder_id"] == "fld_checkout"),
        ({"priority": "critical"}, lambda c: c["priority"] == "critical"),
        ({"type": "accessibility"}, lambda c: c["type"] == "accessibility"),
        ({"search": "PROMO"}, lambda c: "promo" in c["title"].lower()),
    ],
)
def test_test_cases_can_be_filtered(
    api: httpx.Client, params: dict[str, str], check: object
) -> None:
    body = api.get("/v1/projects/proj_demo/test-cases", params={**params, "per_page": 100}).json()
    assert 0 < body["meta"]["total"] == len(body["data"]) < 148
    assert all(check(case) for case in body["data"])  # type: ignore[operator]


def test_per_page_is_clamped_to_a_hundred(api: httpx.Client) -> None:
    body = api.get("/v1/projects/proj_demo/test-cases", params={"per_page": 250}).json()
    assert body["meta"]["per_page"] == 100
    assert len(body["data"]) == 100
    second = api.get("/v1/projects/proj_demo/test-cases", params={"per_page": 250, "page": 2})
    assert len(second.json()["data"]) == body["meta"]["total"] - 100
    beyond = api.get("/v1/projects/proj_demo/test-cases", params={"per_page": 100, "page": 9})
    assert beyond.json()["data"] == []
    assert beyond.json()["meta"] == {"total": body["meta"]["total"], "page": 9, "per_page": 100}


@pytest.mark.parametrize(
    "params", [{"page": "0"}, {"page": "x"}, {"per_page": "0"}, {"per_page": "-5"}]
)
def test_bad_paging_is_a_validation_error(api: httpx.Client, params: dict[str, str]) -> None:
    answer = api.get("/v1/projects/proj_demo/runs", params=params)
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"] == "validation_error"
    assert body["details"][0]["field"] == next(iter(params))


def test_milestones_are_listed_but_one_milestone_is_a_bare_object(api: httpx.Client) -> None:
    body = api.get("/v1/projects/proj_demo/milestones").json()
    assert body["meta"]["total"] == 4
    assert all(set(m) == MILESTONE_KEYS for m in body["data"])
    started = api.get("/v1/projects/proj_demo/milestones", params={"status": "started"}).json()
    assert {m["name"] for m in started["data"]} == {"Release 3.5", "Mobile beta"}
    bare = api.get(f"/v1/projects/proj_demo/milestones/{body['data'][0]['id']}").json()
    assert "data" not in bare
    assert bare == body["data"][0]
    assert 0 <= bare["progress"] <= 100


def test_runs_are_listed_newest_first_with_counts(api: httpx.Client) -> None:
    body = api.get("/v1/projects/proj_demo/runs", params={"per_page": 100}).json()
    runs = body["data"]
    assert body["meta"]["total"] == len(runs) == 15
    assert [r["created_at"] for r in runs] == sorted((r["created_at"] for r in runs), reverse=True)
    for run in runs:
        counts = sum(run[key] for key in ("passed", "failed", "blocked", "retest", "not_tested"))
        assert run["total"] == counts
        if run["status"] == "closed":
            assert set(run) == RUN_KEYS | {"pass_rate", "closed_at"}
        else:
            assert set(run) == RUN_KEYS


def test_a_run_holds_every_result_in_order(api: httpx.Client) -> None:
    listed = api.get("/v1/projects/proj_demo/runs").json()["data"]
    biggest = max(listed, key=lambda run: run["total"])
    run = api.get(f"/v1/projects/proj_demo/runs/{biggest['id']}").json()["data"]
    assert len(run["results"]) == run["total"] == 80
    assert all(set(result) == RESULT_KEYS for result in run["results"])
    assert {k: v for k, v in run.items() if k != "results"} == biggest
    statuses = [result["status"] for result in run["results"]]
    assert statuses.count("passed") == run["passed"]


def test_results_are_listed_per_run_and_paged(api: httpx.Client) -> None:
    run = api.get("/v1/projects/proj_demo/runs", params={"per_page": 100}).json()["data"][-1]
    first = api.get(f"/v1/runs/{run['id']}/results", params={"per_page": 50}).json()
    second = api.get(f"/v1/runs/{run['id']}/results", params={"per_page": 50, "page": 2}).json()
    assert first["meta"] == {"total": run["total"], "page": 1, "per_page": 50}
    detail = api.get(f"/v1/projects/proj_demo/runs/{run['id']}").json()["data"]
    assert first["data"] + second["data"] == detail["results"]
