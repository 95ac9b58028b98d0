"""The admin routes, the request log, starting, stopping and restarting a sandbox."""

import asyncio
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from app.sandbox import DEMO_TOKEN, DEMO_TOKENS, SandboxConfig, SandboxServer
from app.sandbox.app import create_app
from app.sandbox.context import Sandbox
from app.sandbox.standalone import exposure_warning, welcome

MakeClient = Callable[..., httpx.Client]
MakeSandbox = Callable[..., SandboxServer]
RUNS = "/v1/projects/proj_demo/runs"


def test_the_request_log_can_be_read_and_cleared(sandbox: SandboxServer, api: httpx.Client) -> None:
    api.get("/v1/projects")
    api.get("/v1/projects/proj_nope")
    assert list(sandbox.requests) == [
        ("GET", "/v1/projects", 200),
        ("GET", "/v1/projects/proj_nope", 404),
    ]
    logged = api.get("/_sandbox/requests").json()["data"]
    assert logged[1] == {"method": "GET", "path": "/v1/projects/proj_nope", "status": 404}
    assert api.delete("/_sandbox/requests").status_code == 200
    assert len(sandbox.requests) == 0  # admin calls are not logged


def test_admin_routes_need_no_token(sandbox: SandboxServer, make_client: MakeClient) -> None:
    anonymous = make_client(sandbox, token=None)
    assert anonymous.get("/_sandbox/requests").status_code == 200
    refused = anonymous.post("/_sandbox/coming-soon", json={"enabled": "yes"})
    assert refused.status_code == 422


def ask_admin(sandbox: Sandbox, client_host: str, method: str, path: str) -> httpx.Response:
    """Call an admin route in-process, as if from `client_host`."""

    async def ask() -> httpx.Response:
        transport = httpx.ASGITransport(create_app(sandbox), client=(client_host, 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as client:
            return await client.request(method, path, json={"action": "clear"})

    return asyncio.run(ask())


def test_admin_routes_refuse_other_machines() -> None:
    sandbox = Sandbox(SandboxConfig(seed="empty"))
    remote = ask_admin(sandbox, "192.168.1.20", "POST", "/_sandbox/faults")
    assert remote.status_code == 403
    assert remote.json()["error"] == "forbidden"
    assert ask_admin(sandbox, "10.0.0.7", "GET", "/_sandbox/requests").status_code == 403
    assert ask_admin(sandbox, "127.0.0.1", "POST", "/_sandbox/faults").status_code == 200
    sandbox.close()


def test_a_sandbox_restarted_on_the_same_file_keeps_its_data(
    tmp_path: Path, make_sandbox: MakeSandbox, make_client: MakeClient
) -> None:
    database = tmp_path / "sandbox.db"
    first = make_sandbox(database=database)
    api = make_client(first)
    case = api.get("/v1/projects/proj_demo/test-cases").json()["data"][0]["id"]
    body = {"name": "Survives restarts", "test_case_ids": [case]}
    created = api.post(RUNS, json=body, headers={"Idempotency-Key": "k"}).json()["data"]
    first.stop()
    assert first.thread is not None
    assert not first.thread.is_alive()

    second = make_sandbox(database=database, seed="empty")  # not re-seeded: the data is kept
    again = make_client(second)
    assert again.get(f"{RUNS}/{created['id']}").json()["data"]["name"] == "Survives restarts"
    assert again.get(RUNS).json()["meta"]["total"] == 16
    replay = again.post(RUNS, json=body, headers={"Idempotency-Key": "k"})
    assert replay.headers["Idempotent-Replayed"] == "true"
    for token in DEMO_TOKENS:
        assert make_client(second, token).get("/v1/projects").status_code == 200


def test_an_empty_sandbox_has_one_empty_project(
    make_sandbox: MakeSandbox, make_client: MakeClient
) -> None:
    api = make_client(make_sandbox(seed="empty"))
    projects = api.get("/v1/projects").json()["data"]
    assert [(p["id"], p["test_case_count"], p["run_count"]) for p in projects] == [
        ("proj_empty", 0, 0)
    ]
    assert api.get("/v1/projects/proj_empty/runs").json()["data"] == []


def test_start_and_stop(tmp_path: Path) -> None:
    server = SandboxServer(SandboxConfig(rate_limit_per_minute=0))
    with server:
        assert server.url == f"http://127.0.0.1:{server.port}"
        headers = {"Authorization": f"Bearer {DEMO_TOKEN}"}
        assert httpx.get(server.url + "/v1/projects", headers=headers).status_code == 200
        with pytest.raises(RuntimeError, match="starts only once"):
            server.start()
    assert server.thread is not None
    assert not server.thread.is_alive()
    server.stop()  # stopping twice is harmless
    with pytest.raises(httpx.ConnectError):
        httpx.get(server.url + "/v1/projects")


def test_two_sandboxes_get_different_free_ports(make_sandbox: MakeSandbox) -> None:
    assert make_sandbox().port != make_sandbox().port


def test_the_standalone_greeting_shows_tokens_and_an_example() -> None:
    text = welcome("http://127.0.0.1:8765", SandboxConfig())
    assert "http://127.0.0.1:8765" in text
    assert (
        "curl -H 'Authorization: Bearer testably_demo_ana' http://127.0.0.1:8765/v1/projects"
        in text
    )
    assert all(token in text for token in DEMO_TOKENS)
    assert exposure_warning("127.0.0.1") is None
    assert exposure_warning("::1") is None
    warning = exposure_warning("0.0.0.0")
    assert warning is not None
    assert "other machines" in warning
