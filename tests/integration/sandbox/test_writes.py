"""Creating, changing and closing runs, and recording results, over HTTP."""

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from app.sandbox import SandboxServer

MakeClient = Callable[..., httpx.Client]
RUNS = "/v1/projects/proj_demo/runs"


def case_ids(api: httpx.Client, count: int, project: str = "proj_demo") -> list[str]:
    cases = api.get(f"/v1/projects/{project}/test-cases", params={"per_page": count}).json()
    return [case["id"] for case in cases["data"]]


def create_run(api: httpx.Client, count: int = 3, **extra: Any) -> dict[str, Any]:
    answer = api.post(
        RUNS, json={"name": "New run", "test_case_ids": case_ids(api, count), **extra}
    )
    assert answer.status_code == 201, answer.text
    return dict(answer.json()["data"])


def detail(api: httpx.Client, run_id: str) -> dict[str, Any]:
    return dict(api.get(f"{RUNS}/{run_id}").json()["data"])


def milestone_id(api: httpx.Client, name: str) -> str:
    milestones = api.get("/v1/projects/proj_demo/milestones").json()["data"]
    return next(str(m["id"]) for m in milestones if m["name"] == name)


def test_a_created_run_is_active_with_every_case_not_tested(
    sandbox: SandboxServer, make_client: MakeClient
) -> None:
    ben = make_client(sandbox, "testably_demo_ben")
    ids = case_ids(ben, 5)[::-1]
    release = milestone_id(ben, "Release 3.5")
    body = {"name": "  Smoke on rc3 ", "test_case_ids": ids, "milestone_id": release}
    answer = ben.post(RUNS, json=body)
    assert answer.status_code == 201
    run = answer.json()["data"]
    assert run["id"].startswith("run_")
    assert (run["name"], run["status"], run["milestone_id"]) == ("Smoke on rc3", "active", release)
    assert (run["total"], run["not_tested"], run["passed"], run["created_by"]) == (
        5, 5, 0, "user_ben",
    )  # fmt: skip
    assert run["created_at"] == run["updated_at"]
    assert "pass_rate" not in run
    results = detail(ben, run["id"])["results"]
    assert [r["test_case_id"] for r in results] == ids
    assert {(r["status"], r["tested_by"], r["note"]) for r in results} == {
        ("not_tested", None, None)
    }
    assert ben.get(RUNS).json()["data"][0]["id"] == run["id"]  # newest first


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, ["name", "test_case_ids"]),
        ({"name": "", "test_case_ids": []}, ["name", "test_case_ids"]),
        ({"name": "x" * 251, "test_case_ids": ["tc_1"]}, ["name"]),
        ({"name": "Run", "test_case_ids": "tc_1"}, ["test_case_ids"]),
        ({"name": "Run", "test_case_ids": ["tc_1"], "milestone_id": 3}, ["milestone_id"]),
    ],
)
def test_a_bad_new_run_is_a_validation_error(
    api: httpx.Client, body: dict[str, Any], fields: list[str]
) -> None:
    answer = api.post(RUNS, json=body)
    assert answer.status_code == 422
    assert answer.json()["error"] == "validation_error"
    assert [d["field"] for d in answer.json()["details"]] == fields


def test_unknown_cases_are_named_one_by_one_and_nothing_is_created(api: httpx.Client) -> None:
    mobile_case = case_ids(api, 1, "proj_mobile")[0]
    ids = [*case_ids(api, 2), "tc_nope", mobile_case]
    answer = api.post(RUNS, json={"name": "Run", "test_case_ids": ids})
    assert answer.status_code == 422
    assert [d["test_case_id"] for d in answer.json()["details"]] == ["tc_nope", mobile_case]
    unknown_milestone = api.post(
        RUNS, json={"name": "Run", "test_case_ids": ids[:2], "milestone_id": "ms_nope"}
    )
    assert unknown_milestone.json()["details"][0]["field"] == "milestone_id"
    assert api.get(RUNS).json()["meta"]["total"] == 15


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'"text"'])
def test_a_body_that_is_not_a_json_object_is_a_bad_request(
    api: httpx.Client, content: bytes
) -> None:
    answer = api.post(RUNS, content=content, headers={"Content-Type": "application/json"})
    assert answer.status_code == 400
    assert answer.json()["error"] == "bad_request"


def test_a_run_can_be_renamed_linked_and_unlinked(api: httpx.Client) -> None:
    run = create_run(api)
    beta = milestone_id(api, "Mobile beta")
    renamed = api.patch(f"{RUNS}/{run['id']}", json={"name": "Renamed", "milestone_id": beta})
    assert renamed.status_code == 200
    data = renamed.json()["data"]
    assert (data["name"], data["milestone_id"], data["total"]) == ("Renamed", beta, 3)
    assert data["updated_at"] > run["updated_at"]
    unlinked = api.patch(f"{RUNS}/{run['id']}", json={"milestone_id": None}).json()["data"]
    assert (unlinked["name"], unlinked["milestone_id"]) == ("Renamed", None)
    assert unlinked["updated_at"] > data["updated_at"]
    bad = api.patch(f"{RUNS}/{run['id']}", json={"name": " ", "milestone_id": "ms_nope"})
    assert bad.status_code == 422
    assert [d["field"] for d in bad.json()["details"]] == ["name"]
    assert api.patch(f"{RUNS}/{run['id']}", json={"milestone_id": "ms_nope"}).status_code == 422


def test_closing_a_run_gives_its_pass_rate_and_makes_it_read_only(api: httpx.Client) -> None:
    run = create_run(api, 3)
    results = detail(api, run["id"])["results"]
    api.put(f"/v1/runs/{run['id']}/results/{results[0]['id']}", json={"status": "passed"})
    answer = api.post(f"{RUNS}/{run['id']}/close")
    assert answer.status_code == 200
    closed = answer.json()["data"]
    assert (closed["status"], closed["pass_rate"], closed["passed"]) == ("closed", 33.3, 1)
    assert closed["closed_at"] == closed["updated_at"]
    assert closed["closed_at"].endswith("Z")
    refused = [
        api.post(f"{RUNS}/{run['id']}/close"),
        api.patch(f"{RUNS}/{run['id']}", json={"name": "Again"}),
        api.put(f"/v1/runs/{run['id']}/results/{results[1]['id']}", json={"status": "failed"}),
        api.post(f"/v1/runs/{run['id']}/results/bulk", json={"results": []}),
    ]
    for answer in refused:
        assert answer.status_code == 409
        assert answer.json()["error"] == "run_closed"
    assert detail(api, run["id"])["updated_at"] == closed["updated_at"]


def test_put_replaces_status_note_and_elapsed(
    sandbox: SandboxServer, make_client: MakeClient
) -> None:
    chen = make_client(sandbox, "testably_demo_chen")
    run = create_run(chen)
    result = detail(chen, run["id"])["results"][0]
    url = f"/v1/runs/{run['id']}/results/{result['id']}"
    first = chen.put(url, json={"status": "failed", "note": "Spinner never stops", "elapsed": 95})
    assert first.status_code == 200
    saved = first.json()["data"]
    assert (saved["status"], saved["note"], saved["elapsed"]) == (
        "failed",
        "Spinner never stops",
        95,
    )
    assert (saved["tested_by"], saved["id"]) == ("user_chen", result["id"])
    assert saved["tested_at"].endswith("Z")
    again = chen.put(url, json={"status": "untested"}).json()["data"]
    assert (again["status"], again["note"], again["elapsed"]) == ("not_tested", None, None)
    after = detail(chen, run["id"])
    assert (after["failed"], after["not_tested"]) == (0, 3)
    assert after["updated_at"] > run["updated_at"]


def test_a_bad_result_is_a_validation_error_and_an_unknown_one_is_not_found(
    api: httpx.Client,
) -> None:
    run = create_run(api)
    result = detail(api, run["id"])["results"][0]
    url = f"/v1/runs/{run['id']}/results/{result['id']}"
    answer = api.put(url, json={"status": "done", "elapsed": 1.5, "note": ["x"]})
    assert answer.status_code == 422
    assert [d["field"] for d in answer.json()["details"]] == ["status", "note", "elapsed"]
    assert api.put(url, json={"note": "no status"}).status_code == 422
    missing = api.put(f"/v1/runs/{run['id']}/results/res_nope", json={"status": "passed"})
    assert missing.status_code == 404
    no_run = api.put("/v1/runs/run_nope/results/res_nope", json={"status": "passed"})
    assert no_run.status_code == 404


def test_bulk_sets_results_by_test_case(api: httpx.Client) -> None:
    run = create_run(api, 4)
    ids = [r["test_case_id"] for r in detail(api, run["id"])["results"]]
    items = [
        {"test_case_id": ids[0], "status": "passed", "note": None, "elapsed": 30},
        {"test_case_id": ids[2], "status": "blocked", "note": "Blocked: payment sandbox down"},
        {"test_case_id": ids[3], "status": "untested", "note": None, "elapsed": None},
    ]
    answer = api.post(f"/v1/runs/{run['id']}/results/bulk", json={"results": items})
    assert answer.status_code == 200
    assert answer.json() == {
        "data": {
            "updated": 3,
            "results": [
                {"test_case_id": ids[0], "status": "passed"},
                {"test_case_id": ids[2], "status": "blocked"},
                {"test_case_id": ids[3], "status": "not_tested"},
            ],
        }
    }
    after = detail(api, run["id"])
    assert (after["passed"], after["blocked"], after["not_tested"], after["total"]) == (1, 1, 2, 4)
    assert after["results"][2]["note"] == "Blocked: payment sandbox down"


def test_bulk_is_all_or_nothing_and_names_every_bad_item(api: httpx.Client) -> None:
    run = create_run(api, 3)
    before = detail(api, run["id"])
    ids = [r["test_case_id"] for r in before["results"]]
    items = [
        {"test_case_id": ids[0], "status": "passed"},
        {"test_case_id": "tc_not_in_run", "status": "passed"},
        {"test_case_id": ids[1], "status": "finished"},
        {"test_case_id": ids[2], "status": "failed", "elapsed": -4},
    ]
    answer = api.post(f"/v1/runs/{run['id']}/results/bulk", json={"results": items})
    assert answer.status_code == 422
    details = answer.json()["details"]
    assert [d["test_case_id"] for d in details] == ["tc_not_in_run", ids[1], ids[2]]
    assert all(d["error"] for d in details)
    assert detail(api, run["id"]) == before  # nothing changed, not even updated_at


def test_bulk_takes_at_most_a_hundred_items(api: httpx.Client) -> None:
    run = create_run(api, 1)
    case = detail(api, run["id"])["results"][0]["test_case_id"]
    items = [{"test_case_id": case, "status": "passed"}] * 101
    answer = api.post(f"/v1/runs/{run['id']}/results/bulk", json={"results": items})
    assert answer.status_code == 422
    assert answer.json()["details"][0]["field"] == "results"


def test_a_body_over_ten_megabytes_is_refused(api: httpx.Client) -> None:
    run = create_run(api, 1)
    result = detail(api, run["id"])["results"][0]
    note = "x" * (10 * 1024 * 1024)
    answer = api.put(
        f"/v1/runs/{run['id']}/results/{result['id']}", json={"status": "passed", "note": note}
    )
    assert answer.status_code == 413
    assert answer.json()["error"] == "payload_too_large"
    assert detail(api, run["id"])["not_tested"] == 1
