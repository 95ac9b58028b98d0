"""Cold start of the desktop app on a big cache (issue: the desktop application).

Target: with a cache of 2,000 runs and 200,000 results, cold start to the main window
painted with the run list takes at most 1.5x the floor measured in the same run. The floor
is a script that imports PySide6.QtWidgets and sqlmodel and shows an empty QMainWindow.

Both are fresh Python processes (cold_start_child.py), started alternately; each reports the
wall-clock moment of its first paint, and the time counts from just before the spawn. The
app runs the real `testdeck` entry point on a TESTDECK_HOME holding the big cache and a
project; sync is on, against a closed local port, so its thread starts as it would. Run:

    python tests/benchmarks/bench_cold_start.py [--rounds 9]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.make_big_cache import make_big_cache  # noqa: E402

TARGET_RATIO = 1.5
CLOSED_PORT_URL = "http://127.0.0.1:9"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="testdeck-cold-") as scratch:
        home = prepare_home(Path(scratch))
        start(["floor"], {})  # warm the OS file cache for both sides before timing
        start(["app"], app_environment(home))
        floors, apps = [], []
        for _ in range(args.rounds):
            floors.append(start(["floor"], {}))
            apps.append(start(["app"], app_environment(home)))
    floor, app = statistics.median(floors), statistics.median(apps)
    describe("floor", floors)
    describe("app", apps)
    ratio = app / floor
    verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
    print(f"ratio: {ratio:.2f}x (target <= {TARGET_RATIO}x: {verdict})")


def describe(name: str, seconds: list[float]) -> None:
    median, low, high = (
        round(value * 1000) for value in (statistics.median(seconds), *_span(seconds))
    )
    print(f"{name + ':':7}median {median} ms (min {low}, max {high}, {len(seconds)} starts)")


def _span(seconds: list[float]) -> tuple[float, float]:
    return min(seconds), max(seconds)


def prepare_home(scratch: Path) -> Path:
    home = scratch / "home"
    cache = make_big_cache(scratch / "big.sqlite3")
    (home / "data").mkdir(parents=True)
    (home / "config").mkdir()
    shutil.copy(cache.path, home / "data" / "testdeck.sqlite3")
    settings = {"server_url": CLOSED_PORT_URL, "project_id": cache.project_id}
    (home / "config" / "settings.json").write_text(json.dumps(settings))
    return home


def app_environment(home: Path) -> dict[str, str]:
    return {
        "TESTDECK_HOME": str(home),
        "TESTDECK_SOURCE": str(ROOT),
        "TESTDECK_TOKEN": "testably_benchmark_token",
    }


def start(arguments: list[str], extra_environment: dict[str, str]) -> float:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra_environment}
    # As on a user's machine, both sides compile their modules once and start from the
    # bytecode cache afterwards (some CI images switch the cache off).
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    began = time.time()
    finished = subprocess.run(
        [sys.executable, str(HERE / "cold_start_child.py"), *arguments],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    if finished.returncode != 0 or not finished.stdout.strip():
        raise SystemExit(f"{arguments[0]} failed ({finished.returncode}):\n{finished.stderr}")
    return float(finished.stdout.strip().splitlines()[-1]) - began


if __name__ == "__main__":
    main()
