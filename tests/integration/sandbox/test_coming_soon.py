"""Coming-soon mode: run writes answer 404, result writes 501, reads keep working."""

from collections.abc import Callable

import httpx

from app.sandbox import SandboxServer

MakeClient = Callable[..., httpx.Client]
RUNS = "/v1/projects/proj_demo/runs"


def writes(api: httpx.Client) -> list[httpx.Response]:
    run = api.get(RUNS).json()["data"][0]
    result = api.get(f"/v1/runs/{run['id']}/results").json()["data"][0]
    body = {"name": "x", "test_case_ids": [result["test_case_id"]]}
    return [
        api.post(RUNS, json=body),
        api.patch(f"{RUNS}/{run['id']}", json={"name": "y"}),
        api.post(f"{RUNS}/{run['id']}/close"),
        api.put(f"/v1/runs/{run['id']}/results/{result['id']}", json={"status": "passed"}),
        api.post(f"/v1/runs/{run['id']}/results/bulk", json={"results": []}),
    ]


def test_writes_answer_like_the_real_service_today(
    make_sandbox: Callable[..., SandboxServer], make_client: MakeClient
) -> None:
    api = make_client(make_sandbox(coming_soon=True))
    answers = writes(api)
    assert [a.status_code for a in answers] == [404, 404, 404, 501, 501]
    assert [a.json()["error"] for a in answers] == ["not_found"] * 3 + ["not_implemented"] * 2
    assert answers[3].json()["message"] == "Coming soon."
    assert api.get(RUNS).json()["meta"]["total"] == 15


def test_coming_soon_can_be_switched_at_runtime(sandbox: SandboxServer, api: httpx.Client) -> None:
    sandbox.set_coming_soon(True)
    assert api.post(RUNS, json={}).status_code == 404
    sandbox.set_coming_soon(False)
    assert api.post(RUNS, json={}).status_code == 422
    assert api.post("/_sandbox/coming-soon", json={"enabled": True}).json() == {
        "data": {"coming_soon": True}
    }
    assert api.post(RUNS, json={}).status_code == 404
