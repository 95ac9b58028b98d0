"""The per-token rate limit: 429 with Retry-After, budget headers, refill over time."""

from collections.abc import Callable

import httpx

from app.sandbox import SandboxServer
from tests.sandbox_server import FakeClocks

MakeClient = Callable[..., httpx.Client]
MakeSandbox = Callable[..., SandboxServer]


def test_three_per_minute_allows_three_then_asks_to_wait_twenty_seconds(
    make_sandbox: MakeSandbox, make_client: MakeClient, clocks: FakeClocks
) -> None:
    server = make_sandbox(rate_limit_per_minute=3, monotonic=clocks.monotonic)
    api = make_client(server)
    answers = [api.get("/v1/projects") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a.headers["X-RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert {a.headers["X-RateLimit-Limit"] for a in answers} == {"3"}
    limited = answers[-1]
    assert limited.headers["Retry-After"] == "20"
    assert limited.json()["error"] == "rate_limited"
    assert limited.json()["retry_after_seconds"] == 20
    clocks.advance(19)
    assert api.get("/v1/projects").headers["Retry-After"] == "1"
    clocks.advance(1)
    assert api.get("/v1/projects").status_code == 200


def test_each_token_has_its_own_budget_and_every_v1_answer_reports_it(
    make_sandbox: MakeSandbox, make_client: MakeClient, clocks: FakeClocks
) -> None:
    server = make_sandbox(rate_limit_per_minute=1, monotonic=clocks.monotonic)
    ana, ben = make_client(server), make_client(server, "testably_demo_ben")
    assert ana.get("/v1/projects").status_code == 200
    assert ana.get("/v1/projects").status_code == 429
    assert ben.get("/v1/projects").status_code == 200
    unknown = make_client(server, "testably_nope").get("/v1/nothing")
    assert unknown.status_code == 404
    assert unknown.headers["X-RateLimit-Limit"] == "1"


def test_admin_routes_are_not_limited_and_the_limit_can_change_at_runtime(
    make_sandbox: MakeSandbox, make_client: MakeClient, clocks: FakeClocks
) -> None:
    server = make_sandbox(rate_limit_per_minute=1, monotonic=clocks.monotonic)
    api = make_client(server)
    assert all(api.get("/_sandbox/requests").status_code == 200 for _ in range(5))
    api.get("/v1/projects")
    assert api.get("/v1/projects").status_code == 429
    server.set_rate_limit(0)
    free = api.get("/v1/projects")
    assert free.status_code == 200
    assert "X-RateLimit-Limit" not in free.headers
    assert api.post("/_sandbox/rate-limit", json={"per_minute": 2}).status_code == 200
    assert [api.get("/v1/projects").status_code for _ in range(3)] == [200, 200, 429]


def test_the_default_is_sixty_per_minute(
    make_sandbox: MakeSandbox, make_client: MakeClient, clocks: FakeClocks
) -> None:
    server = make_sandbox(rate_limit_per_minute=60, monotonic=clocks.monotonic)
    api = make_client(server)
    statuses = [api.get("/v1/projects").status_code for _ in range(61)]
    assert statuses.count(200) == 60
    assert statuses[-1] == 429
