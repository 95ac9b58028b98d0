"""Fault injection: failures, delays, dropped connections and garbage bodies."""

import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from app.sandbox import SandboxServer

MakeClient = Callable[..., httpx.Client]
RUNS = "/v1/projects/proj_demo/runs"
PROXY_PAGE = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"


def new_run_body(api: httpx.Client, name: str) -> dict[str, Any]:
    case = api.get("/v1/projects/proj_demo/test-cases", params={"per_page": 1}).json()["data"][0]
    return {"name": name, "test_case_ids": [case["id"]]}


def run_names(api: httpx.Client) -> list[str]:
    return [run["name"] for run in api.get(RUNS, params={"per_page": 100}).json()["data"]]


def test_fail_answers_without_processing(sandbox: SandboxServer, api: httpx.Client) -> None:
    body = new_run_body(api, "Never created")
    sandbox.faults.fail_next(1, 502, PROXY_PAGE, method="POST", path="/v1/projects/*/runs")
    assert api.get(RUNS).status_code == 200  # not matching: served normally
    answer = api.post(RUNS, json=body)
    assert answer.status_code == 502
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.text == PROXY_PAGE
    assert "Never created" not in run_names(api)
    assert api.post(RUNS, json=body).status_code == 201  # the fault is used up


def test_fail_defaults_to_a_json_503_and_can_repeat(
    sandbox: SandboxServer, api: httpx.Client
) -> None:
    sandbox.faults.fail_next(2)
    answers = [api.get("/v1/projects") for _ in range(3)]
    assert [a.status_code for a in answers] == [503, 503, 200]
    assert answers[0].json()["error"] == "server_error"


def test_delay_answers_late_but_has_already_done_the_work(
    sandbox: SandboxServer, api: httpx.Client, make_client: MakeClient
) -> None:
    sandbox.faults.delay_next(1, 0.3, method="GET")
    started = time.perf_counter()
    assert api.get("/v1/projects").status_code == 200
    assert time.perf_counter() - started >= 0.3
    sandbox.faults.delay_next(1, 30, method="POST")
    impatient = make_client(sandbox, timeout=0.2)
    with pytest.raises(httpx.ReadTimeout):
        impatient.post(RUNS, json=new_run_body(api, "Slow create"))
    assert "Slow create" in run_names(api)


def test_drop_commits_the_work_then_hangs_up(sandbox: SandboxServer, api: httpx.Client) -> None:
    sandbox.faults.drop_next(method="POST", path=RUNS)
    with pytest.raises(httpx.RemoteProtocolError):
        api.post(RUNS, json=new_run_body(api, "Dropped create"))
    assert run_names(api).count("Dropped create") == 1
    assert api.get("/v1/projects").status_code == 200  # the server is fine
    assert sandbox.requests.count(method="POST", path=RUNS) == 1
    assert sandbox.requests[-3] == ("POST", RUNS, 201)


def test_garbage_invalid_json(sandbox: SandboxServer, api: httpx.Client) -> None:
    sandbox.faults.garbage_next(kind="invalid_json")
    answer = api.get("/v1/projects")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    with pytest.raises(json.JSONDecodeError):
        answer.json()
    assert answer.text.startswith('{"data":[')


@pytest.mark.parametrize(("status", "expected"), [(None, 502), (200, 200)])
def test_garbage_html(
    sandbox: SandboxServer, api: httpx.Client, status: int | None, expected: int
) -> None:
    sandbox.faults.garbage_next(kind="html", status=status)
    answer = api.get("/v1/projects")
    assert answer.status_code == expected
    assert answer.headers["content-type"].startswith("text/html")
    assert "<html>" in answer.text


def test_garbage_wrong_types(sandbox: SandboxServer, api: httpx.Client) -> None:
    sandbox.faults.garbage_next(kind="wrong_types", path=RUNS)
    body = api.get(RUNS).json()
    assert body["meta"]["total"] == "15"
    assert isinstance(body["data"][0]["passed"], str)
    assert isinstance(body["data"][0]["name"], str)


def test_garbage_truncated(sandbox: SandboxServer, api: httpx.Client) -> None:
    sandbox.faults.garbage_next(kind="truncated")
    with pytest.raises(httpx.RemoteProtocolError):
        api.get("/v1/projects")
    assert api.get("/v1/projects").status_code == 200


def test_faults_can_be_set_through_the_admin_route(
    sandbox: SandboxServer, api: httpx.Client
) -> None:
    added = api.post(
        "/_sandbox/faults",
        json={"action": "fail", "count": 2, "status": 500, "path": "/v1/projects"},
    )
    assert added.json() == {"data": {"pending": [{"kind": "fail", "remaining": 2}]}}
    assert api.get("/v1/projects").status_code == 500
    api.post("/_sandbox/faults", json={"action": "garbage", "kind": "html"})
    api.post("/_sandbox/faults", json={"action": "clear"})
    assert api.get("/v1/projects").status_code == 200
    api.post("/_sandbox/faults", json={"action": "drop", "method": "GET"})
    with pytest.raises(httpx.RemoteProtocolError):
        api.get("/v1/projects")
    api.post("/_sandbox/faults", json={"action": "delay", "seconds": 0})
    assert api.get("/v1/projects").status_code == 200
    bad = api.post("/_sandbox/faults", json={"action": "explode"})
    assert bad.status_code == 422
    assert api.post("/_sandbox/faults", json={"action": "garbage", "kind": "x"}).status_code == 422
