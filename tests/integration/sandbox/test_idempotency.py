"""Idempotency-Key: the first answer is replayed; a reused key with another body is refused."""

from collections.abc import Callable
from typing import Any

import httpx

from app.sandbox import SandboxServer
from tests.sandbox_server import FakeClocks

MakeClient = Callable[..., httpx.Client]
RUNS = "/v1/projects/proj_demo/runs"


def new_run_body(api: httpx.Client, name: str = "Idempotent run") -> dict[str, Any]:
    cases = api.get("/v1/projects/proj_demo/test-cases", params={"per_page": 2}).json()["data"]
    return {"name": name, "test_case_ids": [case["id"] for case in cases]}


def keyed(key: str) -> dict[str, str]:
    return {"Idempotency-Key": key}


def test_a_repeated_create_replays_the_first_answer(api: httpx.Client) -> None:
    body = new_run_body(api)
    first = api.post(RUNS, json=body, headers=keyed("3f6c-key"))
    again = api.post(RUNS, json=dict(reversed(body.items())), headers=keyed("3f6c-key"))
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert api.get(RUNS).json()["meta"]["total"] == 16


def test_a_key_reused_for_another_request_is_refused(api: httpx.Client) -> None:
    api.post(RUNS, json=new_run_body(api), headers=keyed("k1"))
    other = api.post(RUNS, json=new_run_body(api, "Other name"), headers=keyed("k1"))
    assert other.status_code == 422
    assert other.json()["error"] == "idempotency_key_reused"
    run_id = api.get(RUNS).json()["data"][0]["id"]
    elsewhere = api.post(f"{RUNS}/{run_id}/close", headers=keyed("k1"))
    assert elsewhere.status_code == 422
    assert api.get(RUNS).json()["meta"]["total"] == 16


def test_keys_are_per_user(sandbox: SandboxServer, make_client: MakeClient) -> None:
    ana, ben = make_client(sandbox), make_client(sandbox, "testably_demo_ben")
    body = new_run_body(ana)
    first = ana.post(RUNS, json=body, headers=keyed("shared")).json()["data"]
    second = ben.post(RUNS, json=body, headers=keyed("shared")).json()["data"]
    assert first["id"] != second["id"]
    assert second["created_by"] == "user_ben"


def test_a_repeated_close_replays_instead_of_conflicting(api: httpx.Client) -> None:
    run = api.post(RUNS, json=new_run_body(api)).json()["data"]
    first = api.post(f"{RUNS}/{run['id']}/close", headers=keyed("close-1"))
    again = api.post(f"{RUNS}/{run['id']}/close", headers=keyed("close-1"))
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.content == first.content
    assert api.post(f"{RUNS}/{run['id']}/close").status_code == 409  # without the key


def test_a_repeated_bulk_replays_and_errors_are_replayed_too(api: httpx.Client) -> None:
    run = api.post(RUNS, json=new_run_body(api)).json()["data"]
    case = api.get(f"{RUNS}/{run['id']}").json()["data"]["results"][0]["test_case_id"]
    url = f"/v1/runs/{run['id']}/results/bulk"
    good = {"results": [{"test_case_id": case, "status": "passed"}]}
    assert api.post(url, json=good, headers=keyed("b1")).json()["data"]["updated"] == 1
    replay = api.post(url, json=good, headers=keyed("b1"))
    assert replay.headers["Idempotent-Replayed"] == "true"
    bad = {"results": [{"test_case_id": "tc_x", "status": "passed"}]}
    first_bad = api.post(url, json=bad, headers=keyed("b2"))
    assert first_bad.status_code == 422
    again_bad = api.post(url, json=bad, headers=keyed("b2"))
    assert (again_bad.status_code, again_bad.content) == (422, first_bad.content)


def test_a_key_is_forgotten_after_24_hours(
    make_sandbox: Callable[..., SandboxServer], make_client: MakeClient, clocks: FakeClocks
) -> None:
    server = make_sandbox(clock=clocks.now)
    api = make_client(server)
    body = new_run_body(api)
    first = api.post(RUNS, json=body, headers=keyed("day-key")).json()["data"]
    clocks.advance(24 * 3600 - 1)
    assert api.post(RUNS, json=body, headers=keyed("day-key")).json()["data"] == first
    clocks.advance(1)
    later = api.post(RUNS, json=body, headers=keyed("day-key"))
    assert later.status_code == 201
    assert "Idempotent-Replayed" not in later.headers
    assert later.json()["data"]["id"] != first["id"]
