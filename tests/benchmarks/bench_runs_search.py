"""Search-as-you-type in the runs pane with 2,000 cached runs (issue: the runs pane).

Target: with 2,000 runs, typing one character in the run search filters the list in
30 ms or less.

A fresh local cache gets one project, 6 milestones and 2,000 runs through plain SQL inserts
(no results: the pane reads only the runs' counts). The pane is shown offscreen at a usual
size; characters are typed into the search field with `QTest.keyClick`. For each key the
script measures the time until the proxy holds the filtered rows (the filter runs inside
the key press) and the time until the list is laid out and painted again (after
`processEvents`). It also times `RunsPane.reload()` and, inside it, `Queries.runs`. Not
collected by pytest; run it as a script:

    python tests/benchmarks/bench_runs_search.py [--runs 2000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import PySide6
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QListView, QVBoxLayout, QWidget
from sqlalchemy import Engine, insert

from app.store import Queries
from app.store.models import metadata
from app.ui.runs import RunsPane
from tests.builders import new_database

TARGET_MS = 30.0
PROJECT = "proj_bench"
KINDS = ("Regression", "Smoke", "Nightly", "Release candidate", "Exploratory", "Hotfix")
PLATFORMS = ("web", "iOS", "Android", "desktop", "API")
TYPED = ("regression ios", "smoke 2.1", "hotfix")


def build_cache(directory: Path, runs: int) -> Engine:
    """A cache holding `runs` runs of one project, inserted in a few statements."""
    engine = new_database(directory)
    tables = metadata.tables
    epoch = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
    milestones = [
        {"id": f"ms_{n}", "project_id": PROJECT, "name": f"Release 2.{n}", "status": "active"}
        for n in range(6)
    ]
    with engine.begin() as connection:
        connection.execute(insert(tables["project"]), [{"id": PROJECT, "name": "Bench"}])
        connection.execute(insert(tables["milestone"]), milestones)
        connection.execute(insert(tables["run"]), [_run(n, epoch) for n in range(runs)])
    return engine


def _run(number: int, epoch: datetime) -> dict[str, object]:
    closed = number % 4 == 0
    passed, failed, blocked = number % 37, number % 5, number % 3
    name = (
        f"{KINDS[number % len(KINDS)]} 2.{number % 9}.{number % 13} "
        f"{PLATFORMS[number % len(PLATFORMS)]} #{number}"
    )
    return {
        "server_id": f"run_{number}",
        "project_id": PROJECT,
        "name": name,
        "milestone_id": f"ms_{number % 7}" if number % 7 < 6 else None,
        "status": "closed" if closed else "active",
        "created_by": "user_bench",
        "created_at": epoch + timedelta(hours=number),
        "closed_at": epoch + timedelta(hours=number + 5) if closed else None,
        "pass_rate": None,
        "passed": passed,
        "failed": failed,
        "blocked": blocked,
        "retest": 1,
        "not_tested": 40 - passed - failed - blocked - 1,
        "missing_on_server": False,
    }


def time_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def measure_typing(
    app: QApplication, search: QLineEdit, view: QListView
) -> list[tuple[float, ...]]:
    """(filtered ms, painted ms, rows shown) for each key typed, then each Backspace."""
    samples: list[tuple[float, ...]] = []
    for text in TYPED:
        keys = [*text, *(["\b"] * len(text))]
        for key in keys:
            start = time.perf_counter()
            if key == "\b":
                QTest.keyClick(search, Qt.Key.Key_Backspace)
            else:
                QTest.keyClick(search, key)
            filtered = (time.perf_counter() - start) * 1000
            app.processEvents()  # the list's delayed layout
            view.viewport().repaint()  # and a synchronous paint of what it now shows
            painted = (time.perf_counter() - start) * 1000
            samples.append((filtered, painted, view.model().rowCount(), key != "\b"))
    return samples


def report(label: str, values: list[float]) -> None:
    print(
        f"  {label:<34} median {statistics.median(values):6.1f} ms   "
        f"max {max(values):6.1f} ms   (n={len(values)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5, help="reloads to time")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, PySide6 {PySide6.__version__}, {args.runs} runs")
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="testdeck-runs-bench-") as directory:
        started = time.perf_counter()
        engine = build_cache(Path(directory), args.runs)
        print(f"cache built in {(time.perf_counter() - started) * 1000:.0f} ms")
        status = run_benchmark(app, Queries(engine), args.rounds, args.runs)
        engine.dispose()
    return status


def wait_for_every_run(app: QApplication, view: QListView, runs: int) -> None:
    """The pane paints the newest runs first and reads the rest just after: a tester types
    into the full list, so the timing starts once it is there."""
    model = view.model()
    assert isinstance(model, QSortFilterProxyModel)
    deadline = time.perf_counter() + 5
    while model.sourceModel().rowCount() < runs:
        if time.perf_counter() > deadline:
            raise SystemExit("The runs pane did not read every run within 5 s")
        app.processEvents()


def run_benchmark(app: QApplication, queries: Queries, rounds: int, runs: int) -> int:
    host = QWidget()
    host.setMinimumSize(200, 200)
    built = time.perf_counter()
    pane = RunsPane(queries, PROJECT, host)
    print(f"pane built (first load) in {(time.perf_counter() - built) * 1000:.1f} ms")
    QVBoxLayout(host).addWidget(pane)
    host.resize(360, 900)
    host.show()
    app.processEvents()
    search = pane.findChild(QLineEdit, "runSearch")
    view = pane.findChild(QListView, "runList")
    assert search is not None
    assert view is not None
    wait_for_every_run(app, view, runs)
    search.setFocus()
    samples = measure_typing(app, search, view)
    narrowing = [s for s in samples if s[3]]
    widening = [s for s in samples if not s[3]]
    print("search (each key; 'filtered' = rows ready, 'painted' = list drawn again):")
    report("typing a character: filtered", [s[0] for s in narrowing])
    report("typing a character: painted", [s[1] for s in narrowing])
    report("Backspace (widening): filtered", [s[0] for s in widening])
    report("Backspace (widening): painted", [s[1] for s in widening])
    reload_ms = [time_ms(pane.reload) for _ in range(rounds)]
    query_ms = [time_ms(lambda: queries.runs(PROJECT)) for _ in range(rounds)]
    print("reload:")
    report("RunsPane.reload()", reload_ms)
    report("  of which Queries.runs()", query_ms)
    worst = max(s[0] for s in narrowing)
    met = worst <= TARGET_MS
    print(
        f"target: a typed character filters in <= {TARGET_MS:.0f} ms: {'MET' if met else 'MISSED'}"
    )
    host.close()
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
