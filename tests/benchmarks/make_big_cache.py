"""A big, realistic local cache for benchmarks: 2,000 runs, 200,000 results, one 10,000-result run.

The schema comes from `app.store.open_database` (the real migrations); the rows go in with
`executemany` in one transaction on a plain `sqlite3` connection, so a full cache takes a few
seconds. Every run's counts and pass rate agree with its results; runs are spread over two
years, most of them closed and fully tested, the newest ones active and partly tested. The
big run is the newest and active; a few of its results carry undelivered changes (some of
them parked), like a tester's afternoon offline.

A run holds each test case at most once, so the library holds `max(cases, big_run)` test
cases: about 600 hand-written-looking ones by default, more when the big run needs them.

    python tests/benchmarks/make_big_cache.py --out /tmp/big.sqlite3 [--runs 2000]
        [--results 200000] [--big-run 10000]

Other benchmarks import `make_big_cache(path, ...)`.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.domain import ResultStatus, RunSummary
from app.store import open_database

PROJECT_ID = "proj_big"
TESTERS = ("ana.silva", "ben.okafor", "chen.wei", "dana.kowalski", "eli.haddad", "farah.nasser")
CLOSED_WEIGHTS = (80, 8, 3, 4, 5)  # passed, failed, blocked, retest, not tested
ACTIVE_WEIGHTS = (34, 5, 2, 3, 56)
BIG_RUN_WEIGHTS = (30, 4, 2, 3, 61)
VERDICTS = tuple(ResultStatus)  # same order as the weights above
ACTIVE_SHARE = 0.08


@dataclass(frozen=True, slots=True)
class BigCache:
    path: Path
    project_id: str
    big_run_id: int


def make_big_cache(
    path: Path,
    runs: int = 2000,
    results: int = 200_000,
    big_run: int = 10_000,
    cases: int = 600,
    seed: int = 2026,
) -> BigCache:
    """Create the cache at `path` (replacing any file there) and say where its big run is."""
    if runs < 2 or big_run < 1 or results < big_run + runs - 1:
        raise ValueError("need at least two runs and one result per run besides the big run")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = open_database(path, path.parent / "backups")
    engine.dispose()
    writer = _Writer(Random(seed), max(cases, big_run))
    with sqlite3.connect(path, isolation_level=None) as connection:
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("BEGIN IMMEDIATE")
        writer.write_library(connection)
        big_run_id = writer.write_runs(connection, runs, results, big_run)
        connection.execute("COMMIT")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return BigCache(path, PROJECT_ID, big_run_id)


EPOCH = datetime(2026, 11, 27, 8, 30)  # naive UTC, as the schema stores timestamps
_AREAS = ("Sign-in", "Checkout", "Search", "Cart", "Account", "Catalogue", "Payments",
          "Wish list", "Order history", "Delivery", "Coupons", "Reviews")  # fmt: skip
_ACTIONS = ("shows an error for", "accepts", "keeps", "rejects", "saves", "restores",
            "updates the total after", "sends an e-mail after", "works with",
            "remembers", "logs out on", "validates")  # fmt: skip
_OBJECTS = ("a wrong password", "a gift card", "an expired card", "two browser tabs",
            "a slow connection", "a long address", "an empty cart", "a discount code",
            "the back button", "a 50-item order", "Arabic text", "screen readers")  # fmt: skip
_RUN_KINDS = ("Regression", "Smoke test", "Release check", "Exploratory pass", "Hotfix check")
_PLATFORMS = ("Chrome", "Firefox", "Safari", "iOS", "Android", "Edge")
_NOTES = {
    ResultStatus.FAILED: (
        "Total is off by one cent after the coupon.\nSeen on build 2.4.1, screenshot in ticket.",
        "Error 500 when submitting the form.",
        "Button stays disabled after the page reloads.",
    ),
    ResultStatus.BLOCKED: (
        "Staging payment provider is down.",
        "Needs a test account with credit.",
    ),
    ResultStatus.RETEST: ("Flaky: passed on the second try.", "Fixed in 2.4.2, check again."),
    ResultStatus.PASSED: ("Checked on a small screen too.", "Works, but the spinner is slow."),
}


def stamp(moment: datetime) -> str:
    """A timestamp in the format SQLAlchemy's SQLite DateTime stores."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def case_title(number: int) -> str:
    area = _AREAS[number % len(_AREAS)]
    action = _ACTIONS[(number // len(_AREAS)) % len(_ACTIONS)]
    thing = _OBJECTS[(number // (len(_AREAS) * len(_ACTIONS))) % len(_OBJECTS)]
    cycle = number // (len(_AREAS) * len(_ACTIONS) * len(_OBJECTS))
    return f"{area} {action} {thing}" + (f" (variant {cycle + 1})" if cycle else "")


def run_name(number: int) -> str:
    kind = _RUN_KINDS[number % len(_RUN_KINDS)]
    platform = _PLATFORMS[(number // len(_RUN_KINDS)) % len(_PLATFORMS)]
    return f"{kind} 2.{number // 120}.{number % 10} on {platform}"


def note_for(status: ResultStatus, random: Random) -> str | None:
    notes = _NOTES.get(status, ())
    wanted = 0.15 if status is ResultStatus.PASSED else 0.8
    return random.choice(notes) if notes and random.random() < wanted else None


def milestone_rows(project_id: str) -> list[tuple[str, str, str, str, str]]:
    return [
        (f"ms_{n}", project_id, f"Release 2.{n + 1}", "completed" if n < 3 else "active",
         f"2026-{3 * n + 3:02d}-28")
        for n in range(4)
    ]  # fmt: skip


def step_rows(case_ids: list[str], random: Random) -> list[tuple[str, int, str, str | None]]:
    rows: list[tuple[str, int, str, str | None]] = []
    for case_id in case_ids:
        rows.append((case_id, 1, "Open the shop as a signed-in customer", None))
        rows.append((case_id, 2, "Do what the title describes", "No error is shown"))
        if random.random() < 0.5:
            rows.append((case_id, 3, "Reload the page", "The change is still there"))
    return rows


class _Writer:
    def __init__(self, random: Random, cases: int) -> None:
        self._random = random
        self._case_ids = [f"tc_{number:05d}" for number in range(1, cases + 1)]
        self._titles = {case_id: case_title(n) for n, case_id in enumerate(self._case_ids)}
        self._next_result_id = 1

    def write_library(self, connection: sqlite3.Connection) -> None:
        connection.execute(
            "INSERT INTO project (id, name, prefix, created_at) VALUES (?, ?, ?, ?)",
            (PROJECT_ID, "Shop web and mobile", "SHOP", stamp(EPOCH)),
        )
        connection.executemany(
            "INSERT INTO milestone (id, project_id, name, status, due_date) VALUES (?,?,?,?,?)",
            milestone_rows(PROJECT_ID),
        )
        connection.executemany(
            "INSERT INTO test_case (id, project_id, title, folder_id, priority, type, "
            "precondition, expected_result, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
            [self._case_row(n, case_id) for n, case_id in enumerate(self._case_ids)],
        )
        connection.executemany(
            "INSERT INTO test_case_step (test_case_id, position, action, expected) "
            "VALUES (?,?,?,?)",
            step_rows(self._case_ids, self._random),
        )

    def write_runs(
        self, connection: sqlite3.Connection, runs: int, results: int, big_run: int
    ) -> int:
        sizes = _run_sizes(runs - 1, results - big_run, len(self._case_ids))
        milestones = [row[0] for row in milestone_rows(PROJECT_ID)]
        run_rows, result_rows = [], []
        for number, size in enumerate([*sizes, big_run], start=1):
            is_big = number == runs
            active = is_big or number > runs * (1 - ACTIVE_SHARE)
            weights = BIG_RUN_WEIGHTS if is_big else ACTIVE_WEIGHTS if active else CLOSED_WEIGHTS
            created = EPOCH - (runs - number) * _RUN_SPACING
            statuses = self._random.choices(VERDICTS, weights, k=size)
            result_rows.extend(self._result_rows(number, size, statuses, created))
            milestone = milestones[number * len(milestones) // (runs + 1)]
            run_rows.append(
                _run_row(number, run_name(number), milestone, active, created, statuses)
            )
        connection.executemany(_INSERT_RUN, run_rows)
        connection.executemany(_INSERT_RESULT, result_rows)
        self._queue_offline_work(connection, runs)
        return runs

    def _case_row(self, number: int, case_id: str) -> tuple[object, ...]:
        folder = ("fld_checkout", "fld_search", "fld_account", "fld_catalog", "fld_mobile")[
            number % 5
        ]
        priority = ("critical", "high", "medium", "medium", "low")[number % 5]
        return (
            case_id,
            PROJECT_ID,
            self._titles[case_id],
            folder,
            priority,
            "functional",
            "A signed-in customer with an empty cart",
            "The page shows the expected result without errors",
            stamp(EPOCH.replace(year=2024)),
        )

    def _result_rows(
        self, run_number: int, size: int, statuses: list[ResultStatus], created: datetime
    ) -> list[tuple[object, ...]]:
        start = self._random.randrange(len(self._case_ids))
        rows: list[tuple[object, ...]] = []
        for position, status in enumerate(statuses):
            case_id = self._case_ids[(start + position) % len(self._case_ids)]
            result_id = self._next_result_id
            self._next_result_id += 1
            tested = status is not ResultStatus.NOT_TESTED
            tester = self._random.choice(TESTERS) if tested else None
            when = stamp(created + position * _RESULT_SPACING) if tested else None
            elapsed = self._random.randint(15, 2400) if tested and position % 7 else None
            note = note_for(status, self._random) if tested else None
            rows.append(
                (result_id, f"res_{result_id}", run_number, case_id, self._titles[case_id],
                 position, status.value, note, elapsed, tester, when, when)
            )  # fmt: skip
        return rows

    def _queue_offline_work(self, connection: sqlite3.Connection, big_run_id: int) -> None:
        """Some recent edits of the big run not yet delivered; a few of them parked."""
        ids = connection.execute(
            "SELECT id, test_case_id, status, note, elapsed FROM result "
            "WHERE run_id = ? AND status != 'not_tested' ORDER BY position DESC LIMIT 40",
            (big_run_id,),
        ).fetchall()
        states = ["pending"] * 34 + ["rejected"] * 3 + ["conflict"] * 2 + ["waiting_support"]
        entries = []
        for (result_id, case_id, status, note, elapsed), state in zip(ids, states, strict=False):
            payload = {"test_case_id": case_id, "status": status, "note": note, "elapsed": elapsed}
            error = None if state == "pending" else "The server refused this result (422)."
            entries.append(
                ("set_result", big_run_id, result_id, json.dumps(payload, sort_keys=True),
                 str(uuid.UUID(int=self._random.getrandbits(128))), state, error, stamp(EPOCH))
            )  # fmt: skip
        connection.executemany(
            "INSERT INTO outbox (kind, run_id, result_id, payload, idempotency_key, state, "
            "attempts, last_error, created_at) VALUES (?,?,?,?,?,?,0,?,?)",
            entries,
        )


def _run_sizes(runs: int, results: int, cases: int) -> list[int]:
    """`runs` sizes adding up to `results`, each between 1 and `cases`."""
    base, extra = divmod(results, runs)
    if base + (1 if extra else 0) > cases:
        raise ValueError(f"{results} results in {runs} runs need more than {cases} test cases")
    return [base + (1 if number < extra else 0) for number in range(runs)]


def _run_row(
    number: int,
    name: str,
    milestone: str,
    active: bool,
    created: datetime,
    statuses: list[ResultStatus],
) -> tuple[object, ...]:
    summary = RunSummary.from_statuses(statuses)
    closed_at = None if active else stamp(created + _RUN_SPACING / 2)
    return (
        number, f"run_{number}", PROJECT_ID, name, milestone,
        "active" if active else "closed", TESTERS[number % len(TESTERS)], stamp(created),
        closed_at or stamp(created), closed_at, None if active else summary.pass_rate,
        summary.passed, summary.failed, summary.blocked, summary.retest, summary.not_tested,
    )  # fmt: skip


_RUN_SPACING = timedelta(hours=8)
_RESULT_SPACING = timedelta(seconds=2)
_INSERT_RUN = (
    "INSERT INTO run (id, server_id, project_id, name, milestone_id, status, created_by, "
    "created_at, updated_at, closed_at, pass_rate, passed, failed, blocked, retest, not_tested, "
    "missing_on_server) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)"
)
_INSERT_RESULT = (
    "INSERT INTO result (id, server_id, run_id, test_case_id, test_case_title, position, "
    "status, note, elapsed, tested_by, tested_at, executed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Create a big Testdeck cache for benchmarks.")
    parser.add_argument("--out", type=Path, required=True, help="the database file to write")
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--results", type=int, default=200_000)
    parser.add_argument("--big-run", type=int, default=10_000)
    options = parser.parse_args(argv)
    started = time.perf_counter()
    cache = make_big_cache(options.out, options.runs, options.results, options.big_run)
    seconds = time.perf_counter() - started
    sys.stdout.write(f"{cache.path}: big run {cache.big_run_id}, made in {seconds:.1f} s\n")


if __name__ == "__main__":
    main()
