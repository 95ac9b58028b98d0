"""How many requests per second the API client sustains against the sandbox on loopback.

Starts the sandbox in-process (demo seed, rate limit off, in-memory database), then times
three request mixes through one `TestablyClient` with pacing off:

- `GET /v1/projects/:pid/runs?page=1` (a list page of runs),
- `GET /v1/projects/:pid/runs/:id` (a run with its results),
- `PUT /v1/runs/:rid/results/:id` (a result write).

Not collected by pytest; run it as a script:

    python tests/benchmarks/bench_client_throughput.py [--requests 2000]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.api import Pacer, TestablyClient
from app.domain import ApiToken, ResultStatus
from app.sandbox import DEMO_TOKEN, SandboxConfig, SandboxServer

PROJECT = "proj_demo"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per mix")
    options = parser.parse_args(argv)
    config = SandboxConfig(seed="demo", rate_limit_per_minute=0)
    with SandboxServer(config) as server:
        client = TestablyClient(server.url, ApiToken(DEMO_TOKEN), pacer=Pacer(0))
        with client:
            for name, call in _mixes(client).items():
                _measure(name, call, options.requests)


def _mixes(client: TestablyClient) -> dict[str, Callable[[], object]]:
    active = next(run for run in client.iter_runs(PROJECT) if run.status == "active")
    detail = client.run(PROJECT, active.id)
    results = itertools.cycle(detail.results)
    statuses = itertools.cycle([ResultStatus.PASSED, ResultStatus.FAILED, ResultStatus.RETEST])

    def list_page() -> object:
        return next(client.iter_run_pages(PROJECT))

    def run_detail() -> object:
        return client.run(PROJECT, active.id)

    def write_result() -> object:
        result = next(results)
        return client.set_result(active.id, result.id, next(statuses), "bench", 12)

    return {
        f"list page of runs ({_count(client)} runs)": list_page,
        f"run detail ({len(detail.results)} results)": run_detail,
        "result write (PUT)": write_result,
    }


def _count(client: TestablyClient) -> int:
    return sum(1 for _ in client.iter_runs(PROJECT))


def _measure(name: str, call: Callable[[], object], requests: int) -> None:
    for _ in range(20):  # warm up the connection and the server
        call()
    started = time.perf_counter()
    for _ in range(requests):
        call()
    elapsed = time.perf_counter() - started
    per_second = requests / elapsed
    print(f"{name:<38} {per_second:8.0f} requests/s  ({1000 / per_second:.2f} ms each)")


if __name__ == "__main__":
    main()
