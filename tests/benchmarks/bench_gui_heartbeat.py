"""GUI responsiveness while sync pulls a 10,000-result run (issue: the sync engine).

Target: while a 10,000-result run is pulled, the GUI thread is never blocked for more than
50 ms, measured with a heartbeat timer on the GUI thread.

A sandbox with the `large` seed (one project of 10,000 cases and a run holding all of them)
serves on 127.0.0.1 with its rate limit off; a `SyncController` pulls it into a fresh local
cache from its sync thread while a 5 ms `QTimer` on the GUI thread records the gaps between
its ticks. Two scenarios, each with a fresh cache:

    idle: the GUI thread does nothing but tick.
    read: on `data_changed` the GUI thread also reads the big run's results once
          (`fetch_result_table_rows`, as the run detail pane does on a reload).

Each pass also records when a few phases (server rendering, client decoding, parsing, the
catalogue and run-detail transactions) ran, in which thread, so the longest gaps can be put
next to what was running then. The sandbox runs in this process, so its thread competes for
the GIL too (as it would not against the real service). Not collected by pytest; run it as
a script:

    python tests/benchmarks/bench_gui_heartbeat.py [--rounds N]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import PySide6
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

import app.api.client as api_client
import app.api.parse as api_parse
import app.sandbox.endpoint as sandbox_endpoint
import app.sandbox.queries as sandbox_queries
import app.sync.pull as sync_pull
from app.api import Pacer, TestablyClient, TransientError
from app.domain import ApiToken
from app.sandbox import DEMO_TOKEN, SandboxConfig, SandboxServer
from app.store import Queries
from app.store.result_table import fetch_result_table_rows
from app.sync import ChangeSet, PassReport
from app.sync.engine import SyncEngine
from app.ui.sync import ClientSession, SyncController
from tests.builders import new_database

PROJECT = "proj_large"
BIG_RUN_SIZE = 10_000
HEARTBEAT_MS = 5
TARGET_MS = 50.0
PASS_TIMEOUT_S = 300
SHOWN_GAPS = 5
SHOWN_SPAN_MS = 5.0  # shorter phases (a page of the catalogue, a small GC) are only summed


# Phase tracing -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    label: str
    thread: str
    start: float
    end: float


@dataclass(slots=True)
class Tracer:
    spans: list[Span] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wrap(self, owner: object, name: str, label: str) -> None:
        original = getattr(owner, name)

        @functools.wraps(original)
        def traced(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.add(label, start, time.perf_counter())

        setattr(owner, name, traced)

    def add(self, label: str, start: float, end: float) -> None:
        with self.lock:
            self.spans.append(Span(label, threading.current_thread().name, start, end))

    def take(self) -> list[Span]:
        with self.lock:
            spans, self.spans = self.spans, []
        return spans


TRACER = Tracer()


def _install_tracing() -> None:
    """Time the heavy steps of a pull, without touching the application's code."""
    TRACER.wrap(sandbox_queries, "list_results", "server: query results")
    TRACER.wrap(sandbox_endpoint, "render", "server: json.dumps body")
    TRACER.wrap(api_client, "_decode", "client: json.loads body")
    TRACER.wrap(api_parse, "run_detail", "client: parse run detail")
    TRACER.wrap(api_client.TestablyClient, "run", "client: GET run (whole)")
    TRACER.wrap(sync_pull.Puller, "_pull_catalog", "pull: catalogue (whole)")
    TRACER.wrap(sync_pull, "sync_catalog", "pull: sync_catalog txn")
    TRACER.wrap(sync_pull.Puller, "_fetch_run", "pull: fetch+apply run (whole)")
    TRACER.wrap(sync_pull, "apply_run_detail", "pull: apply_run_detail txn")
    TRACER.wrap(sync_pull, "remote_result", "pull: remote_result")  # summed up, not listed
    gc_started: dict[int, float] = {}

    def on_gc(phase: str, info: dict[str, int]) -> None:
        thread = threading.get_ident()
        if phase == "start":
            gc_started[thread] = time.perf_counter()
        elif thread in gc_started:
            TRACER.add(
                f"gc: generation {info['generation']}", gc_started.pop(thread), time.perf_counter()
            )

    gc.callbacks.append(on_gc)


# One measurement ---------------------------------------------------------------------------


@dataclass(slots=True)
class Measurement:
    scenario: str
    pull_s: float = 0.0
    results_cached: int = 0
    ticks: list[float] = field(default_factory=list)
    gui_read_s: float | None = None
    gui_read_rows: int | None = None
    failure: str | None = None
    spans: list[Span] = field(default_factory=list)

    @property
    def gaps_ms(self) -> list[float]:
        return [(b - a) * 1000 for a, b in zip(self.ticks, self.ticks[1:], strict=False)]


class Sessions:
    """Makes the client and the engine in the calling thread (the sync thread)."""

    def __init__(self, server_url: str, database: Engine) -> None:
        self.server_url = server_url
        self.database = database

    def __call__(self) -> ClientSession:
        client = TestablyClient(self.server_url, ApiToken(DEMO_TOKEN), pacer=Pacer(0))
        return ClientSession(SyncEngine(self.database, client, PROJECT), client)


def measure(server_url: str, directory: Path, scenario: str, gc_mode: str) -> Measurement:
    database = new_database(directory)
    result = Measurement(scenario)
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(lambda: result.ticks.append(time.perf_counter()))
    controller = SyncController(Sessions(server_url, database), interval_seconds=0)
    loop = QEventLoop()

    def on_data_changed(changes: ChangeSet) -> None:
        if scenario != "read":
            return
        start = time.perf_counter()
        queries = Queries(database)
        big = max(queries.runs(PROJECT), key=lambda run: run.summary.total)
        rows = fetch_result_table_rows(database, big.id)  # what the run detail pane reads
        end = time.perf_counter()
        TRACER.add("GUI: Queries.runs + result table", start, end)
        result.gui_read_s, result.gui_read_rows = end - start, len(rows)

    def on_finished(report: PassReport) -> None:
        result.pull_s = time.perf_counter() - started
        result.ticks.append(time.perf_counter())  # counts a block by the read just before
        heartbeat.stop()
        loop.quit()

    def on_failed(message: str) -> None:
        result.failure = message
        result.ticks.append(time.perf_counter())
        heartbeat.stop()
        loop.quit()

    controller.data_changed.connect(on_data_changed)
    controller.pass_finished.connect(on_finished)
    controller.pass_failed.connect(on_failed)
    gc.collect()
    TRACER.take()  # not that collection: it ran before the measurement
    if gc_mode == "freeze":
        gc.freeze()  # what is alive now is never scanned again
    elif gc_mode == "off":
        gc.disable()
    heartbeat.start()
    started = time.perf_counter()
    result.ticks.append(started)
    controller.start()
    QTimer.singleShot(PASS_TIMEOUT_S * 1000, loop.quit)
    loop.exec()
    if not result.pull_s and not result.failure:
        result.failure = f"no pass_finished within {PASS_TIMEOUT_S} s"
    result.spans = TRACER.take()
    gc.enable()
    gc.unfreeze()
    assert controller.shutdown() is True, "the sync thread did not stop"
    result.results_cached = _count_results(database)
    database.dispose()
    return result


def _count_results(database: Engine) -> int:
    """The results in the local cache, over all of the project's runs."""
    queries = Queries(database)
    return sum(len(queries.results(run.id)) for run in queries.runs(PROJECT))


# Reporting ---------------------------------------------------------------------------------


def report(measurement: Measurement) -> bool:
    gaps = measurement.gaps_ms
    worst = max(gaps, default=0.0)
    p99 = statistics.quantiles(gaps, n=100)[98] if len(gaps) >= 2 else worst
    met = worst <= TARGET_MS
    print(f"\n[{measurement.scenario}]")
    if measurement.failure:
        print(f"  pass FAILED: {measurement.failure}")
        return False
    print(f"  pull (start -> pass_finished): {measurement.pull_s:7.2f} s")
    print(f"  results cached:                {measurement.results_cached:7d}")
    if measurement.gui_read_s is not None:
        print(
            f"  GUI read of the big run:       {measurement.gui_read_s * 1000:7.1f} ms "
            f"({measurement.gui_read_rows} rows)"
        )
    print(f"  heartbeat ticks:               {len(gaps):7d} (every {HEARTBEAT_MS} ms)")
    print(
        f"  gap median / p99 / max:        {statistics.median(gaps):.1f} / {p99:.1f} / "
        f"{worst:.1f} ms"
    )
    print(f"  gaps > {TARGET_MS:.0f} ms:                  {sum(g > TARGET_MS for g in gaps):7d}")
    print(f"  target max gap <= {TARGET_MS:.0f} ms:       {'MET' if met else 'MISSED'}")
    _explain_gaps(measurement)
    return met


def _explain_gaps(measurement: Measurement) -> None:
    ticks = measurement.ticks
    origin = ticks[0]
    spans = [s for s in measurement.spans if s.label != "pull: remote_result"]
    conversions = [s for s in measurement.spans if s.label == "pull: remote_result"]
    if conversions:
        total = sum(s.end - s.start for s in conversions) * 1000
        print(f"  remote_result: {len(conversions)} calls, {total:.0f} ms in all")
    collections = [s for s in spans if s.label.startswith("gc:")]
    if collections:
        longest_gc = max(collections, key=lambda s: s.end - s.start)
        print(
            f"  garbage collections: {len(collections)}, "
            f"{sum(s.end - s.start for s in collections) * 1000:.0f} ms in all, longest "
            f"{(longest_gc.end - longest_gc.start) * 1000:.1f} ms ({longest_gc.label})"
        )
    print(f"  phases of {SHOWN_SPAN_MS:.0f} ms or more (start ms, duration, thread):")
    for span in sorted(spans, key=lambda s: s.start):
        if (span.end - span.start) * 1000 >= SHOWN_SPAN_MS:
            print(
                f"    {span.label:<32} at {(span.start - origin) * 1000:6.0f}"
                f" {(span.end - span.start) * 1000:7.1f} ms  {span.thread}"
            )
    longest = sorted(range(1, len(ticks)), key=lambda i: ticks[i] - ticks[i - 1])[-SHOWN_GAPS:]
    print(f"  the {SHOWN_GAPS} longest gaps and the traced phases overlapping them (ms):")
    for index in sorted(longest):
        start, end = ticks[index - 1], ticks[index]
        overlapping = [
            f"{s.label} [{s.thread}] ({_overlap_ms(s, start, end):.0f})"
            for s in spans
            if s.start < end and s.end > start and "(whole)" not in s.label
        ]
        print(
            f"    {(end - start) * 1000:6.1f} ms at {(start - origin) * 1000:6.0f}: "
            + (", ".join(overlapping) or "nothing traced")
        )


def _overlap_ms(span: Span, start: float, end: float) -> float:
    return (min(span.end, end) - max(span.start, start)) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=1, help="measure each scenario N times")
    parser.add_argument(
        "--gc",
        choices=("default", "freeze", "off"),
        default="freeze",
        help="freeze (what the app does after start-up: gc.freeze()), default (plain "
        "collector) or off (gc.disable() during the pass)",
    )
    parser.add_argument(
        "--server-process",
        action="store_true",
        help="run the sandbox in a child process (`testdeck sandbox`), off this GIL",
    )
    args = parser.parse_args()
    print(
        f"Python {sys.version.split()[0]}, PySide6 {PySide6.__version__}, "
        f"SQLite {sqlite3.sqlite_version}, switch interval "
        f"{sys.getswitchinterval() * 1000:.1f} ms, gc thresholds {gc.get_threshold()}, "
        f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM')}"
    )
    print(
        f"gc mode: {args.gc}; sandbox: {'child process' if args.server_process else 'in process'}"
    )
    _install_tracing()
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    starting = time.perf_counter()
    with _sandbox(args.server_process) as server_url:
        print(f"sandbox (large seed) up in {time.perf_counter() - starting:.2f} s at {server_url}")
        status = _measure_all(server_url, args.rounds, args.gc)
    del qt_app
    return status


def _measure_all(server_url: str, rounds: int, gc_mode: str) -> int:
    all_met = True
    for round_number in range(1, rounds + 1):
        for scenario in ("idle", "read"):
            with tempfile.TemporaryDirectory(prefix="testdeck-heartbeat-") as directory:
                measurement = measure(server_url, Path(directory), scenario, gc_mode)
            if rounds > 1:
                measurement.scenario += f" #{round_number}"
            met = report(measurement)
            if measurement.failure:
                return 1
            if measurement.results_cached < BIG_RUN_SIZE:
                print(f"  only {measurement.results_cached} results cached")
                return 1
            all_met = all_met and met
    print(f"\noverall: target {'MET' if all_met else 'MISSED'}")
    return 0


@contextlib.contextmanager
def _sandbox(in_child: bool) -> Iterator[str]:
    if not in_child:
        with SandboxServer(SandboxConfig(seed="large", rate_limit_per_minute=0)) as server:
            yield server.url
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = Path(__file__).resolve().parents[2]
    command = [sys.executable, "-m", "app", "sandbox", "--seed", "large", "--rate-limit", "0"]
    child = subprocess.Popen(
        [*command, "--port", str(port)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(url, child)
        yield url
    finally:
        child.terminate()
        child.wait(10)


def _wait_until_up(url: str, child: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise RuntimeError(f"the sandbox exited with {child.returncode}")
        try:
            with TestablyClient(url, ApiToken(DEMO_TOKEN), pacer=Pacer(0)) as client:
                client.project(PROJECT)
            return
        except TransientError:  # not listening yet
            time.sleep(0.1)
    raise RuntimeError("the sandbox did not come up within 30 s")


if __name__ == "__main__":
    sys.exit(main())
