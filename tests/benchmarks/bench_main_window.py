"""The main window on a big cache: status keys, opening the big run, memory (issue: the app).

Targets, with a cache of 2,000 runs and 200,000 results (make_big_cache.py):
- pressing a status key on a 10,000-result run until the change is committed and the row
  repainted: p99 <= 10 ms;
- resident memory with that cache and the big run open: <= 300 MiB.

The real MainWindow (without sync) opens the big run; each press is a QTest key click on
the results table (the window's single-key shortcut records the result and commits it with its
outbox entry), and the time counts until the table's viewport starts painting the row
again (the window repaints the saved row at once). What the window does after that (moving
on to the next untested result, the run's card and header, the pending count) is not
timed; it completes before the next press, as between a tester's key presses. Run:

    python tests/benchmarks/bench_main_window.py [--presses 500]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QObject, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from app.config import AppPaths, Settings  # noqa: E402
from app.store import open_database  # noqa: E402
from app.ui.application import finish_starting  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.workspace import Workspace  # noqa: E402
from tests.benchmarks.make_big_cache import make_big_cache  # noqa: E402

KEYS = (Qt.Key.Key_P, Qt.Key.Key_F, Qt.Key.Key_B, Qt.Key.Key_R)
TARGET_P99_MS = 10.0
TARGET_RSS_MIB = 300.0


class PaintWatch(QObject):
    """Notes when the table's viewport first paints after `arm()`."""

    def __init__(self) -> None:
        super().__init__()
        self.painted_at: float | None = None

    def arm(self) -> None:
        self.painted_at = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.perf_counter()
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=500)
    args = parser.parse_args()
    application = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="testdeck-window-") as scratch:
        paths = AppPaths.under(Path(scratch) / "home").ensure()
        cache = make_big_cache(paths.database_file)
        database = open_database(paths.database_file, paths.backup_dir)
        workspace = Workspace(
            paths=paths,
            database=database,
            project_id=cache.project_id,
            settings=Settings(project_id=cache.project_id, stopwatch_autostart=False),
            save_settings=lambda settings: None,
            session_factory=None,
        )
        window = MainWindow(workspace, None)
        window.resize(1440, 900)
        window.show()
        settle(application)
        finish_starting()  # as the app does after its first paint
        opened = time.perf_counter()
        window.runs.select_run(cache.big_run_id)
        settle(application)
        print(f"open the big run in the window: {(time.perf_counter() - opened) * 1000:.0f} ms")
        print(f"resident memory, big run open: {rss_mib():.0f} MiB (target <= {TARGET_RSS_MIB})")
        table = window.detail.findChild(QTableView, "resultTable")
        first = window.detail.next_untested_after(0) or 0
        window.detail.select_result(first)
        table.setFocus()
        settle(application)
        times = press_keys(application, table, args.presses)
        report(times)
        window.close()
        database.dispose()


def press_keys(application: QApplication, table: QTableView, presses: int) -> list[float]:
    watch = PaintWatch()
    table.viewport().installEventFilter(watch)
    times = []
    for number in range(presses):
        watch.arm()
        began = time.perf_counter()
        QTest.keyClick(table, KEYS[number % len(KEYS)])
        while watch.painted_at is None:
            application.processEvents()
            if time.perf_counter() - began > 5:
                raise SystemExit("A status key press did not repaint the table within 5 s")
        times.append((watch.painted_at - began) * 1000)
        settle(application)  # what follows the repaint, before the next press
    return times


def report(times: list[float]) -> None:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, round(len(ordered) * 0.99) - 1)]
    verdict = "met" if p99 <= TARGET_P99_MS else "NOT met"
    print(
        f"status key -> committed + repainted over {len(times)} presses: "
        f"median {statistics.median(times):.2f} ms, p99 {p99:.2f} ms, max {ordered[-1]:.1f} ms "
        f"(target p99 <= {TARGET_P99_MS} ms: {verdict})"
    )


def settle(application: QApplication) -> None:
    for _ in range(10):
        application.processEvents()


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    main()
