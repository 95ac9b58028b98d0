"""The sync engine's performance targets (issue: the sync engine), measured side by side.

1. 1,000 result edits across 10 runs are delivered in at most 10 result-write requests.
2. Push time for those edits is at most 1.5x a bare httpx loop sending the same requests to
   the same sandbox.
3. A pull of 500 runs of which 10 changed makes at most 5 list and 10 detail requests.

Everything runs against an in-process sandbox on 127.0.0.1 with its rate limit off. Not
collected by pytest; run it as a script:

    python tests/benchmarks/bench_sync.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import uuid
from fnmatch import fnmatch
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import httpx
from sqlalchemy import Engine

from app.api import Pacer, TestablyClient
from app.domain import ApiToken, ResultStatus
from app.sandbox import DEMO_PROJECT_ID as P
from app.sandbox import DEMO_TOKEN, RequestRecord, SandboxConfig, SandboxServer
from app.store import EditCommands, Queries
from app.sync.engine import SyncEngine
from tests.builders import new_database

RUNS, CASES_PER_RUN, TOTAL_RUNS, CHANGED_RUNS, ROUNDS = 10, 100, 500, 10, 9
STATUSES = ("passed", "failed", "blocked", "retest")


def main() -> None:
    with SandboxServer(SandboxConfig(seed="demo", rate_limit_per_minute=0)) as server:
        client = TestablyClient(server.url, ApiToken(DEMO_TOKEN), pacer=Pacer(0))
        with client, tempfile.TemporaryDirectory(prefix="testdeck-bench-") as directory:
            run_ids = _make_runs(client)
            database = new_database(Path(directory))
            engine = SyncEngine(database, client, P)
            engine.run_pass()
            _push_targets(server, database, engine, run_ids)
            _pull_target(server, client, engine)
            database.dispose()


def _make_runs(client: TestablyClient) -> list[str]:
    cases = [case.id for case in client.iter_test_cases(P)][:CASES_PER_RUN]
    return [
        client.create_run(P, f"Bench {n}", cases, idempotency_key=str(uuid.uuid4())).id
        for n in range(RUNS)
    ]


def _push_targets(
    server: SandboxServer, database: Engine, engine: SyncEngine, run_ids: list[str]
) -> None:
    """Our push and the bare loop side by side; the medians of the rounds are compared.

    Each round records fresh edits, then runs both sides in alternating order (so neither
    always goes first, right after the edits were written); both must send the same requests.
    """
    ours: list[float] = []
    bare: list[float] = []
    writes: list[int] = []
    for round_number in range(ROUNDS):
        ours_status, bare_status = _statuses(round_number)
        _record_edits(database, run_ids, ours_status)
        if round_number % 2 == 0:
            our_time, our_requests = _our_push(server, engine)
            bare_time, bare_requests = _bare_loop(server, run_ids, bare_status)
        else:
            bare_time, bare_requests = _bare_loop(server, run_ids, bare_status)
            our_time, our_requests = _our_push(server, engine)
        assert sorted(our_requests) == sorted(bare_requests), "the sides sent different requests"
        ours.append(our_time)
        bare.append(bare_time)
        writes.append(_result_writes(our_requests))
    ratio = statistics.median(ours) / statistics.median(bare)
    print(f"1,000 edits across {RUNS} runs: {max(writes)} result-write requests (target <= 10)")
    print(
        f"push {_ms(ours)} vs bare httpx {_ms(bare)}: {ratio:.2f}x "
        f"(target <= 1.5x; medians of {ROUNDS} interleaved rounds)"
    )


def _statuses(round_number: int) -> tuple[str, str]:
    """Different values for the two sides, so each request really changes the server's."""
    first = STATUSES[round_number % len(STATUSES)]
    return first, STATUSES[(round_number + 1) % len(STATUSES)]


def _ms(times: list[float]) -> str:
    return (
        f"{statistics.median(times) * 1000:.1f} ms "
        f"(range {min(times) * 1000:.1f}-{max(times) * 1000:.1f})"
    )


def _our_push(server: SandboxServer, engine: SyncEngine) -> tuple[float, list[RequestRecord]]:
    server.requests.clear()
    started = time.perf_counter()
    report = engine.push()
    elapsed = time.perf_counter() - started
    assert report.delivered == RUNS * CASES_PER_RUN, report
    return elapsed, server.requests.snapshot()


def _record_edits(database: Engine, run_ids: list[str], status: str) -> None:
    queries, commands = Queries(database), EditCommands(database)
    for server_id in run_ids:
        run = queries.find_run(P, server_id)
        for result in queries.results(run.id):
            commands.record_result(result.id, status, "x", 30)


def _result_writes(requests: list[RequestRecord]) -> int:
    return sum(
        1 for record in requests if record.method in ("POST", "PUT") and "/results" in record.path
    )


def _bare_loop(
    server: SandboxServer, run_ids: list[str], status: str
) -> tuple[float, list[RequestRecord]]:
    """The same result writes, sent with a plain httpx client and no bookkeeping.

    The bodies are made before the clock starts (they are what the outbox holds); the
    connection is already open from reading them, as our client's is from earlier passes.
    """
    headers = {"Authorization": f"Bearer {DEMO_TOKEN}"}
    with httpx.Client(base_url=server.url, headers=headers) as plain:
        bodies = {}
        for run_id in run_ids:
            results = plain.get(f"/v1/projects/{P}/runs/{run_id}").json()["data"]["results"]
            bodies[run_id] = {
                "results": [
                    {
                        "test_case_id": r["test_case_id"],
                        "status": status,
                        "note": "x",
                        "elapsed": 30,
                    }
                    for r in results
                ]
            }
        server.requests.clear()
        started = time.perf_counter()
        for run_id, body in bodies.items():
            answer = plain.post(
                f"/v1/runs/{run_id}/results/bulk",
                json=body,
                headers={"Idempotency-Key": str(uuid.uuid4())},
            )
            answer.raise_for_status()
        return time.perf_counter() - started, server.requests.snapshot()


def _pull_target(server: SandboxServer, client: TestablyClient, engine: SyncEngine) -> None:
    case_id = next(iter(client.iter_test_cases(P))).id
    existing = sum(1 for _ in client.iter_runs(P))
    for n in range(TOTAL_RUNS - existing):
        client.create_run(P, f"Filler {n}", [case_id], idempotency_key=str(uuid.uuid4()))
    engine.pull()
    for run in list(client.iter_runs(P))[:CHANGED_RUNS]:  # the newest: active fillers
        result = client.run(P, run.id).results[0]
        client.set_result(run.id, result.id, ResultStatus.RETEST, None, None)
    server.requests.clear()
    started = time.perf_counter()
    report = engine.pull()
    elapsed = time.perf_counter() - started
    runs_path = f"/v1/projects/{P}/runs"
    gets = [record.path for record in server.requests.snapshot() if record.method == "GET"]
    lists = gets.count(runs_path)
    details = sum(1 for path in gets if fnmatch(path, f"{runs_path}/*"))
    print(
        f"pull of {report.runs_listed} runs, {CHANGED_RUNS} changed: {lists} list requests "
        f"(target <= 5), {details} detail requests (target <= 10), {elapsed * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
