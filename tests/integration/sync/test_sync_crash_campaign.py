"""`testdeck sync` killed with SIGKILL at random moments: the next sync converges, exactly once.

One sandbox serves the whole campaign. Each trial makes local edits in the parent through
`EditCommands` (new offline runs, results in them and in an older active run, a rename,
sometimes a close), slows a few of the server's routes down so that the child spends its
time waiting on answers, starts `python -m app sync --json` and kills it with SIGKILL after a
seeded random pause. Kills land before the first request, while a create, a bulk write, a
rename or a close is on the wire (processed by the server, unanswered), between a
request and the commit of its outcome, and during the pull. Then `python -m app sync` runs
to completion, and the server must hold every edit once: each local run has its server id,
the server's run has the local name, status and results, and no `Crash …` run exists twice.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from app.api import TestablyClient
from app.config import AppPaths, Settings, save_settings
from app.domain import ResultStatus
from app.sandbox import DEMO_PROJECT_ID, DEMO_TOKEN, SandboxServer
from app.store import EditCommands, OutboxState, Queries, RunRow, open_database

REPO_ROOT = Path(__file__).resolve().parents[3]
SEED = 20261205
TRIALS = 24
MIN_INTERRUPTED = 12  # the child was still running when the kill arrived
MIN_MID_SYNC = 8  # ... and had already reached the server
MAX_FINISHING_SYNCS = 10
CRASH_PREFIX = "Crash "
VERDICTS = (ResultStatus.PASSED, ResultStatus.FAILED, ResultStatus.BLOCKED, ResultStatus.RETEST)
PROJECT_RUNS = f"/v1/projects/{DEMO_PROJECT_ID}/runs"
# (method, path glob) of the routes a trial may slow down.
SLOW_ROUTES = (
    ("POST", PROJECT_RUNS),
    ("POST", "/v1/runs/*/results/bulk"),
    ("POST", PROJECT_RUNS + "/*/close"),
    ("PATCH", PROJECT_RUNS + "/*"),
    ("GET", PROJECT_RUNS + "/*"),
    ("GET", PROJECT_RUNS),
)
BASE_PASS_SECONDS = 0.4  # a pass with a little to push, without delays, once imported

MakeClient = Callable[..., TestablyClient]
Expected = tuple[str, str | None, int | None]  # status, note, elapsed of one result


@dataclass
class _ExpectedRun:
    """What the server must show for one local run after convergence (edited fields only)."""

    name: str
    closed: bool = False
    results: dict[str, Expected] = field(default_factory=dict)


@dataclass
class _Campaign:
    interrupted: int = 0
    mid_sync: int = 0
    left_in_flight: int = 0
    extra_syncs: int = 0
    runs_created: int = 0
    results_recorded: int = 0


class _Pace:
    """How long a child takes to import and reach the server (spawn to first request)."""

    def __init__(self) -> None:
        self.startups: list[float] = []

    def observe(self, seconds: float | None) -> None:
        if seconds is not None:
            self.startups.append(seconds)

    @property
    def startup(self) -> float:
        ordered = sorted(self.startups) or [1.0]
        return ordered[len(ordered) // 2]


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.skipif(
    sys.platform == "win32", reason="Windows has no SIGKILL to kill the child without warning"
)
def test_sync_killed_at_random_moments_converges_without_loss_or_duplicates(
    sandbox: SandboxServer, make_client: MakeClient, tmp_path: Path
) -> None:
    started = time.perf_counter()
    paths = AppPaths.from_environment()  # the autouse fixture's TESTDECK_HOME
    save_settings(paths.settings_file, Settings(server_url=sandbox.url, project_id=DEMO_PROJECT_ID))
    env = {
        **os.environ,
        "TESTDECK_TOKEN": DEMO_TOKEN,
        "QT_QPA_PLATFORM": "offscreen",
    }
    server = make_client(sandbox)
    rng = random.Random(SEED)
    pace = _Pace()
    campaign = _Campaign()
    expected: dict[int, _ExpectedRun] = {}

    _finish_sync(sandbox, paths, env, pace, campaign, tmp_path / "initial")
    campaign.extra_syncs = 0
    for trial in range(TRIALS):
        label = f"trial {trial} (seed {SEED})"
        _edit(paths, rng, trial, expected, campaign)
        slowed = _slow_down(sandbox, rng)
        window = BASE_PASS_SECONDS + slowed
        # Not a wait for anything: the child prints nothing until it ends. The pause is a
        # seeded jitter over the child's life (import, then push and pull), calibrated from
        # the measured time to its first request, so that the kills land everywhere.
        pause = rng.uniform(0.75 * pace.startup, pace.startup + 0.9 * window)
        killed, reached_server = _kill_after(sandbox, env, pause, tmp_path / f"trial-{trial:02d}")
        sandbox.faults.clear()
        campaign.interrupted += killed
        campaign.mid_sync += killed and reached_server
        campaign.left_in_flight += _in_flight_count(paths)

        _finish_sync(sandbox, paths, env, pace, campaign, tmp_path / f"trial-{trial:02d}", label)
        _check_converged(paths, server, expected, label)

    elapsed = time.perf_counter() - started
    print(
        f"{TRIALS} trials (seed {SEED}) in {elapsed:.1f} s: {campaign.interrupted} kills "
        f"interrupted the sync, {campaign.mid_sync} after it reached the server, "
        f"{campaign.left_in_flight} left an ambiguous in-flight entry; "
        f"{campaign.runs_created} runs created, {campaign.results_recorded} results recorded, "
        f"{campaign.extra_syncs} extra finishing syncs; child startup ~{pace.startup:.2f} s"
    )
    assert campaign.interrupted >= MIN_INTERRUPTED, (
        f"only {campaign.interrupted} of {TRIALS} kills interrupted the sync"
    )
    assert campaign.mid_sync >= MIN_MID_SYNC, (
        f"only {campaign.mid_sync} of {TRIALS} kills landed after the child reached the server"
    )


# Local edits ---------------------------------------------------------------------------


def _edit(
    paths: AppPaths,
    rng: random.Random,
    trial: int,
    expected: dict[int, _ExpectedRun],
    campaign: _Campaign,
) -> None:
    """One trial's edits, made in the parent; the engine is disposed before the child runs."""
    engine = open_database(paths.database_file, paths.backup_dir)
    try:
        commands, queries = EditCommands(engine), Queries(engine)
        case_ids = [case.id for case in queries.test_cases(DEMO_PROJECT_ID)]
        older = [run for run in queries.runs(DEMO_PROJECT_ID) if _editable(run)]
        new_runs = []
        for n in range(rng.randint(1, 2)):
            cases = rng.sample(case_ids, rng.randint(3, 6))
            run = commands.create_run(DEMO_PROJECT_ID, f"{CRASH_PREFIX}{trial}-{n}", cases)
            expected[run.id] = _ExpectedRun(run.name)
            new_runs.append(run)
            campaign.runs_created += 1
        for run in [*new_runs, rng.choice(older)]:
            expected.setdefault(run.id, _ExpectedRun(run.name))
            _record_some(commands, queries, rng, run, trial, expected[run.id], campaign)
        crash_runs = [run for run in older if run.name.startswith(CRASH_PREFIX)]
        renamed = rng.choice(new_runs + crash_runs)
        new_name = f"{CRASH_PREFIX}{trial}-renamed-{renamed.id}"
        commands.update_run(renamed.id, name=new_name)
        expected[renamed.id].name = new_name
        if rng.random() < 0.4:
            closed = rng.choice(new_runs)
            commands.close_run(closed.id)
            expected[closed.id].closed = True
    finally:
        engine.dispose()


def _editable(run: RunRow) -> bool:
    return run.server_id is not None and not run.is_read_only


def _record_some(
    commands: EditCommands,
    queries: Queries,
    rng: random.Random,
    run: RunRow,
    trial: int,
    expected: _ExpectedRun,
    campaign: _Campaign,
) -> None:
    """Record results for a few of the run's cases, some of them twice (the newest wins)."""
    results = queries.results(run.id)
    for edit, result in enumerate(rng.choices(results, k=rng.randint(2, 5))):
        status, note = rng.choice(VERDICTS), f"t{trial} r{run.id} e{edit}"
        elapsed = rng.choice([None, rng.randint(1, 900)])
        commands.record_result(result.id, status, note, elapsed)
        expected.results[result.test_case_id] = (status.value, note, elapsed)
        campaign.results_recorded += 1


# The child -----------------------------------------------------------------------------


def _slow_down(sandbox: SandboxServer, rng: random.Random) -> float:
    """Delay the answers of a few random routes; returns the most the delays can add.

    Creates are always slowed: a kill while one is on the wire leaves the ambiguous
    `in_flight` create that the next sync must adopt rather than create again.
    """
    routes = [SLOW_ROUTES[0], *rng.sample(SLOW_ROUTES[1:], rng.randint(1, 3))]
    total = 0.0
    for method, path in routes:
        count, seconds = rng.randint(1, 2), rng.uniform(0.05, 0.2)
        sandbox.faults.delay_next(count, seconds, method=method, path=path)
        total += count * seconds
    return total


def _spawn(env: dict[str, str], directory: Path, *args: str) -> subprocess.Popen[str]:
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "child.stderr").open("a") as stderr:
        return subprocess.Popen(
            [sys.executable, "-m", "app", *args],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )


def _kill_after(
    sandbox: SandboxServer, env: dict[str, str], pause: float, directory: Path
) -> tuple[bool, bool]:
    """Start `sync --json`, SIGKILL it `pause` seconds later.

    Returns whether the kill interrupted it, and whether it had reached the server by then.
    """
    sandbox.requests.clear()
    faults_before = _fault_uses(sandbox)
    child = _spawn(env, directory, "sync", "--json")
    with child:
        try:
            time.sleep(pause)
            reached_server = len(sandbox.requests) > 0 or _fault_uses(sandbox) < faults_before
        finally:
            os.kill(child.pid, signal.SIGKILL)  # a zombie if it already finished: harmless
            returncode = child.wait()
    errors = (directory / "child.stderr").read_text()
    # 0 only when the sync finished before the kill arrived; anything else is a real failure.
    assert returncode in (0, -signal.SIGKILL), f"sync exited {returncode}:\n{errors}"
    return returncode == -signal.SIGKILL, reached_server


def _fault_uses(sandbox: SandboxServer) -> int:
    """How many delayed answers the plan still holds (it drops as requests take them)."""
    return sum(remaining for _, remaining in sandbox.faults.pending())


def _finish_sync(
    sandbox: SandboxServer,
    paths: AppPaths,
    env: dict[str, str],
    pace: _Pace,
    campaign: _Campaign,
    directory: Path,
    label: str = "initial sync",
) -> None:
    """Run `sync --json` to completion until the outbox is empty; parked entries fail."""
    for attempt in range(MAX_FINISHING_SYNCS):
        sandbox.requests.clear()
        spawned = time.perf_counter()
        child = _spawn(env, directory, "sync", "--json")
        first_request = None
        with child:
            while child.poll() is None:
                if first_request is None and len(sandbox.requests) > 0:
                    first_request = time.perf_counter() - spawned
                time.sleep(0.005)
            output = child.stdout.read() if child.stdout else ""
        pace.observe(first_request)
        errors = (directory / "child.stderr").read_text()
        assert child.returncode in (0, 1), f"{label}: sync exited {child.returncode}:\n{errors}"
        report = json.loads(output)
        _fail_on_parked(paths, label)
        if report["pending"] == 0:
            assert child.returncode == 0, f"{label}: {report}\n{errors}"
            return
        campaign.extra_syncs += 1
        # Entries rescheduled after a failure wait for their backoff (seconds); clearing
        # `next_attempt_at` stands for that time passing, so the next sync sends them now.
        _make_everything_due(paths)
        assert attempt < MAX_FINISHING_SYNCS - 1, f"{label}: never converged: {report}"


def _fail_on_parked(paths: AppPaths, label: str) -> None:
    engine = open_database(paths.database_file, paths.backup_dir)
    try:
        parked = [entry for entry in Queries(engine).outbox() if entry.state.is_parked]
    finally:
        engine.dispose()
    reasons = [f"{e.kind.value} of run {e.run_id}: {e.state.value}: {e.last_error}" for e in parked]
    assert not parked, f"{label}: parked entries: {reasons}"


def _make_everything_due(paths: AppPaths) -> None:
    engine = open_database(paths.database_file, paths.backup_dir)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE outbox SET next_attempt_at = NULL"))
    finally:
        engine.dispose()


def _in_flight_count(paths: AppPaths) -> int:
    """1 if the killed child left an ambiguous entry (sent, its answer never committed)."""
    engine = open_database(paths.database_file, paths.backup_dir)
    try:
        return int(any(Queries(engine).outbox([OutboxState.IN_FLIGHT])))
    finally:
        engine.dispose()


# Convergence ---------------------------------------------------------------------------


def _check_converged(
    paths: AppPaths, server: TestablyClient, expected: dict[int, _ExpectedRun], label: str
) -> None:
    engine = open_database(paths.database_file, paths.backup_dir)
    try:
        _check_against_server(engine, server, expected, label)
    finally:
        engine.dispose()


def _check_against_server(
    engine: Engine, server: TestablyClient, expected: dict[int, _ExpectedRun], label: str
) -> None:
    queries = Queries(engine)
    outbox = queries.outbox()
    assert not outbox, f"{label}: undelivered entries left: {outbox}"
    local_runs = queries.runs(DEMO_PROJECT_ID)
    server_runs = list(server.iter_runs(DEMO_PROJECT_ID))

    server_crash = Counter(run.name for run in server_runs if run.name.startswith(CRASH_PREFIX))
    duplicated = {name: count for name, count in server_crash.items() if count > 1}
    assert not duplicated, f"{label}: duplicate runs on the server: {duplicated}"
    local_crash = Counter(run.name for run in local_runs if run.name.startswith(CRASH_PREFIX))
    assert server_crash == local_crash, f"{label}: the server's Crash runs differ from the cache"
    assert len(server_runs) == len(local_runs), f"{label}: {len(server_runs)} runs on the server"

    for run in local_runs:
        assert run.server_id is not None, f"{label}: run {run.id} ({run.name}) has no server id"
        detail = server.run(DEMO_PROJECT_ID, run.server_id)
        where = f"{label}: run {run.id} ({run.server_id})"
        assert (detail.run.name, detail.run.status) == (run.name, run.status), where
        on_server = {r.test_case_id: (r.status.value, r.note, r.elapsed) for r in detail.results}
        local = {
            r.test_case_id: (r.status.value, r.note, r.elapsed) for r in queries.results(run.id)
        }
        assert on_server == local, f"{where}: results differ from the cache"
        assert detail.run.summary == run.summary, f"{where}: counts differ from the cache"
        wanted = expected.get(run.id)
        if wanted is None:
            continue
        assert run.name == wanted.name, f"{where}: the rename was lost"
        assert (run.status == "closed") == wanted.closed, f"{where}: status {run.status}"
        lost = {
            case: (value, on_server.get(case))
            for case, value in wanted.results.items()
            if on_server.get(case) != value
        }
        assert not lost, f"{where}: results lost (wanted, on the server): {lost}"
    missing = set(expected) - {run.id for run in local_runs}
    assert not missing, f"{label}: local runs gone: {missing}"
