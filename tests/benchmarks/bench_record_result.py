"""How long recording one result takes, commit included.

Measures the latency of `EditCommands.record_result` (the result change, the run's counts and
the outbox entry in one `BEGIN IMMEDIATE` transaction, committed with WAL and
`synchronous=FULL`) over 2,000 edits spread across the 2,000 results of ten 200-case runs.
The target to report is the median and p99 latency of recording one result, commit included,
over 2,000 edits.

Not collected by pytest; run it as a script from anywhere:

    python tests/benchmarks/bench_record_result.py [--edits 2000] [--dir PATH]

`--dir` puts the temporary database on another file system: the commit's fsync dominates,
so the disk matters more than the CPU.
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import Engine

from app.domain import ResultStatus
from app.store import EditCommands, Queries
from tests.builders import new_database, seed_project, seed_server_run

CASES = 200
RUNS = 10
VERDICTS = (
    ResultStatus.PASSED,
    ResultStatus.FAILED,
    ResultStatus.BLOCKED,
    ResultStatus.RETEST,
    ResultStatus.NOT_TESTED,
)
SYNCHRONOUS = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


def main(argv: Sequence[str] | None = None) -> None:
    options = _parse(argv)
    with tempfile.TemporaryDirectory(prefix="testdeck-bench-", dir=options.dir) as directory:
        engine = new_database(Path(directory))
        try:
            result_ids = _seed(engine)
            settings = _settings(engine)
            timings = _time_edits(EditCommands(engine), result_ids, options.edits)
        finally:
            engine.dispose()
        _report(timings, settings, Path(directory))


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Time EditCommands.record_result.")
    parser.add_argument("--edits", type=int, default=2000, help="edits to time (default 2000)")
    parser.add_argument("--dir", type=Path, default=None, help="where to put the database")
    options = parser.parse_args(argv)
    if options.edits < 2:
        parser.error("--edits must be at least 2")
    return options


def _seed(engine: Engine) -> list[int]:
    """Ten runs of 200 results; their ids interleaved so that edits go round the runs."""
    project = seed_project(engine, cases=CASES)
    run_ids = [
        seed_server_run(engine, project, f"Regression {n}", server_id=f"run_{n}")
        for n in range(1, RUNS + 1)
    ]
    queries = Queries(engine)
    per_run = [[row.id for row in queries.results(run_id)] for run_id in run_ids]
    return [result_id for row in zip(*per_run, strict=True) for result_id in row]


def _settings(engine: Engine) -> dict[str, str]:
    with engine.connect() as connection:
        journal = connection.exec_driver_sql("PRAGMA journal_mode").scalar_one()
        synchronous = connection.exec_driver_sql("PRAGMA synchronous").scalar_one()
    settings = {"journal_mode": str(journal), "synchronous": SYNCHRONOUS[int(synchronous)]}
    if settings != {"journal_mode": "wal", "synchronous": "FULL"}:
        raise SystemExit(f"unexpected database settings: {settings}")
    return settings


def _time_edits(commands: EditCommands, result_ids: list[int], edits: int) -> list[int]:
    """Nanoseconds per `record_result` call; each call commits its own transaction."""
    timings = []
    for edit in range(edits):
        result_id = result_ids[edit % len(result_ids)]
        status = VERDICTS[edit % len(VERDICTS)]
        note = f"Edit {edit}: checked on build 2.{edit % 7}" if edit % 3 else None
        elapsed = edit % 600 if edit % 4 else None
        started = time.perf_counter_ns()
        commands.record_result(result_id, status, note, elapsed)
        timings.append(time.perf_counter_ns() - started)
    return timings


def _report(timings: list[int], settings: dict[str, str], directory: Path) -> None:
    millis = [nanos / 1e6 for nanos in timings]
    percentiles = statistics.quantiles(millis, n=100, method="inclusive")
    print(f"record_result, commit included: {len(millis)} edits")
    print(f"  median {statistics.median(millis):8.3f} ms")
    print(f"  p90    {percentiles[89]:8.3f} ms")
    print(f"  p99    {percentiles[98]:8.3f} ms")
    slowest = max(range(len(millis)), key=millis.__getitem__)
    print(f"  max    {millis[slowest]:8.3f} ms (edit {slowest + 1})")
    print(f"  total  {sum(millis) / 1000:8.3f} s")
    print(f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")
    print(f"journal_mode={settings['journal_mode']}, synchronous={settings['synchronous']}")
    print(f"database in {directory.parent}")


if __name__ == "__main__":
    main()
