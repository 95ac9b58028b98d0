"""How long opening a 10,000-result run takes, and how fast one row is refreshed.

Targets:
- `RunDetailPane.show_run(big_run)` until the model is filled and the view laid out and
  painted costs at most 5x a plain `sqlite3` read of the same rows (the floor);
- a status key press on that run (`EditCommands.record_result`, then `refresh_results` and
  `refresh_run`, then the repaint) has p99 <= 10 ms, of which `refresh_results` <= 2 ms.

The floor and the pane are measured interleaved (their order alternating) and the medians
compared. The big cache is made once by `make_big_cache` and kept in the temp dir; each
benchmark works on a copy, since recording results changes it.

Not collected by pytest; run it as a script:

    python tests/benchmarks/bench_open_run.py [--repeats 9] [--refreshes 500] [--fresh]
"""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication

from app.domain import ResultStatus
from app.store import EditCommands, Queries, create_engine
from app.ui.run_detail import RunDetailPane
from app.ui.theme import STATUS_ORDER, apply_theme
from tests.benchmarks.make_big_cache import BigCache, make_big_cache

CACHE_DIR = Path(tempfile.gettempdir()) / "testdeck-bench-cache"
FLOOR_SQL = (
    "SELECT id, test_case_title, status, tested_by, elapsed, note, position, test_case_id "
    "FROM result WHERE run_id = ? ORDER BY position, id"
)


def main(argv: Sequence[str] | None = None) -> None:
    options = _parse(argv)
    cache = _cached_big_cache(options.fresh)
    application = QApplication([sys.argv[0]])
    apply_theme(application, "light")
    with tempfile.TemporaryDirectory(prefix="testdeck-bench-") as directory:
        work = Path(directory) / "work.sqlite3"
        _copy_database(cache.path, work)
        _run(application, BigCache(work, cache.project_id, cache.big_run_id), options)


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Time opening a big run in the detail pane.")
    parser.add_argument("--repeats", type=int, default=9, help="interleaved repetitions (>= 7)")
    parser.add_argument("--refreshes", type=int, default=500, help="refreshes to time")
    parser.add_argument("--fresh", action="store_true", help="rebuild the big cache")
    options = parser.parse_args(argv)
    if options.repeats < 7:
        parser.error("--repeats must be at least 7")
    return options


def _cached_big_cache(fresh: bool) -> BigCache:
    path = CACHE_DIR / "big-2000-200000-10000.sqlite3"
    if fresh or not path.exists():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        cache = make_big_cache(path)
        _say(f"made the big cache in {time.perf_counter() - started:.1f} s: {path}")
        return cache
    with sqlite3.connect(path) as connection:
        big_run_id = connection.execute(
            "SELECT run_id FROM result GROUP BY run_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
        project_id = connection.execute("SELECT id FROM project").fetchone()[0]
    connection.close()
    return BigCache(path, project_id, big_run_id)


def _copy_database(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as reader, sqlite3.connect(target) as writer:
        reader.backup(writer)
    reader.close()
    writer.close()


def _run(application: QApplication, cache: BigCache, options: argparse.Namespace) -> None:
    engine = create_engine(cache.path)
    pane = RunDetailPane(Queries(engine), engine)
    pane.resize(1200, 800)
    pane.show()
    application.processEvents()
    other_run = _another_run(cache)
    floor = sqlite3.connect(cache.path)
    # As the app does after start-up: long-lived objects out of the collector's sight.
    gc.collect()
    gc.freeze()
    try:
        _open_run(application, pane, floor, cache.big_run_id, other_run, options.repeats)
        _refresh(application, pane, floor, options.refreshes)
        _record_and_refresh(application, pane, EditCommands(engine), options.refreshes)
    finally:
        floor.close()
        pane.close()
        engine.dispose()
    _say(f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}")


def _another_run(cache: BigCache) -> int:
    with sqlite3.connect(cache.path) as connection:
        row = connection.execute("SELECT min(id) FROM run WHERE id != ?", (cache.big_run_id,))
        other = int(row.fetchone()[0])
    connection.close()
    return other


def _open_run(
    application: QApplication,
    pane: RunDetailPane,
    floor: sqlite3.Connection,
    big_run: int,
    other_run: int,
    repeats: int,
) -> None:
    def read_floor() -> None:
        rows = floor.execute(FLOOR_SQL, (big_run,)).fetchall()
        assert len(rows) >= 1

    def open_in_pane() -> None:
        pane.show_run(big_run)
        application.processEvents()
        assert pane.model.rowCount() >= 1

    floors: list[float] = []
    opens: list[float] = []
    for repeat in range(repeats):
        pane.show_run(other_run)
        application.processEvents()
        pair = [(floors, read_floor), (opens, open_in_pane)]
        for timings, action in pair if repeat % 2 else reversed(pair):
            timings.append(_time(action))
    floor_ms, open_ms = statistics.median(floors), statistics.median(opens)
    _say(f"open a {pane.model.rowCount():,}-result run, median of {repeats}:")
    _say(f"  floor (plain sqlite3 read)   {floor_ms:8.2f} ms")
    _say(f"  show_run + layout + paint    {open_ms:8.2f} ms")
    _say(f"  ratio                        {open_ms / floor_ms:8.2f} x (target <= 5)")


def _refresh(
    application: QApplication, pane: RunDetailPane, writer: sqlite3.Connection, count: int
) -> None:
    """Each refresh finds a real change (written beforehand, untimed) and repaints the row."""
    ids = _visible_ids(pane)
    refresh: list[float] = []
    repaint: list[float] = []
    for number in range(count):
        result_id = ids[number % len(ids)]
        status = _status_for(number, len(ids)).value
        writer.execute("UPDATE result SET status = ? WHERE id = ?", (status, result_id))
        writer.commit()
        refresh.append(_time(partial(pane.refresh_results, [result_id])))
        repaint.append(_time(application.processEvents))
    _report("refresh_results([one changed id])", refresh, "target p99 <= 2 ms")
    _report("  then the repaint (processEvents)", repaint, "")


def _record_and_refresh(
    application: QApplication, pane: RunDetailPane, commands: EditCommands, count: int
) -> None:
    """A status key press: commit the verdict, refresh the row and the header, repaint."""
    ids = _visible_ids(pane)
    parts: dict[str, list[float]] = {"record": [], "refresh": [], "header": [], "repaint": []}
    totals = []
    for number in range(count):
        result_id = ids[number % len(ids)]
        status = _status_for(number, len(ids))
        steps = (
            ("record", lambda i=result_id, s=status: commands.record_result(i, s)),
            ("refresh", lambda i=result_id: pane.refresh_results([i])),
            ("header", pane.refresh_run),
            ("repaint", application.processEvents),
        )
        for name, step in steps:
            parts[name].append(_time(step))
        totals.append(sum(parts[name][-1] for name, _step in steps))
    _report("key press: record_result + refresh + repaint", totals, "target p99 <= 10 ms")
    for name, millis in parts.items():
        _report(f"  of which {name}", millis, "")


def _status_for(number: int, rows: int) -> ResultStatus:
    """A status different from the one the same row got on the previous pass."""
    return STATUS_ORDER[(number + number // rows) % len(STATUS_ORDER)]


def _visible_ids(pane: RunDetailPane) -> list[int]:
    rows = range(min(20, pane.proxy.rowCount()))
    return [pane.model.record(row).id for row in rows]


def _time(action: Callable[[], object]) -> float:
    started = time.perf_counter_ns()
    action()
    return (time.perf_counter_ns() - started) / 1e6


def _report(name: str, millis: list[float], target: str) -> None:
    cuts = statistics.quantiles(millis, n=100, method="inclusive")
    _say(
        f"{name:<46} p50 {cuts[49]:7.3f} ms  p99 {cuts[98]:7.3f} ms  "
        f"max {max(millis):8.3f} ms  ({len(millis)} times) {target}"
    )


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")


if __name__ == "__main__":
    main()
