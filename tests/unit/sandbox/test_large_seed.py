"""The `large` seed: 10,000 cases and a run with a result for every one of them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from app.domain import ResultStatus
from app.sandbox import DEMO_TOKENS, SandboxConfig
from app.sandbox import queries as sandbox_queries
from app.sandbox.database import Database
from app.sandbox.seed import seed_if_empty

NOW = datetime(2026, 11, 28, 14, 3, 11, tzinfo=UTC)
PROJECT = "proj_large"
BIG_RUN = "Release 4.0: full regression (all 10,000 cases)"
COUNT_KEYS = tuple(status.value for status in ResultStatus)


@pytest.fixture(scope="module")
def large() -> Iterator[Database]:
    db = Database(None)
    started = time.perf_counter()
    assert seed_if_empty(db, "large", NOW)
    assert time.perf_counter() - started < 3.0
    yield db
    db.close()


def test_the_large_seed_is_accepted_by_the_config() -> None:
    assert SandboxConfig(seed="large").seed == "large"


def test_the_large_project_has_ten_thousand_cases_and_the_demo_tokens(large: Database) -> None:
    with large.read() as connection:
        project = sandbox_queries.get_project(connection, PROJECT)
        tokens = dict(connection.execute("SELECT token, user_id FROM tokens").fetchall())
        cases = connection.execute(
            "SELECT COUNT(*), COUNT(DISTINCT id), MIN(position), MAX(position) "
            "FROM test_cases WHERE project_id = ?",
            (PROJECT,),
        ).fetchone()
        projects = connection.execute("SELECT COUNT(*) FROM projects").fetchone()[0]
    assert project is not None
    assert project["name"] == "Acme Large Regression Suite"
    assert project["test_case_count"] == 10_000
    assert tuple(cases) == (10_000, 10_000, 0, 9_999)
    assert projects == 1
    assert tokens == DEMO_TOKENS


def test_the_big_run_holds_every_case_part_done_with_consistent_totals(large: Database) -> None:
    with large.read() as connection:
        (run_id,) = connection.execute("SELECT id FROM runs WHERE name = ?", (BIG_RUN,)).fetchone()
        run = sandbox_queries.get_run(connection, run_id)
        results, total = sandbox_queries.list_results(connection, run_id)
        case_ids = {row[0] for row in connection.execute("SELECT id FROM test_cases")}
        run_count = connection.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    assert run is not None
    assert run["status"] == "active"
    assert run["total"] == total == len(results) == 10_000
    assert sum(run[key] for key in COUNT_KEYS) == run["total"]
    assert {result["test_case_id"] for result in results} == case_ids
    assert sum(result["status"] != "not_tested" for result in results) == (
        run["total"] - run["not_tested"]
    )
    # Part done: every verdict occurs, untested results are left, mostly passes.
    assert all(run[key] > 0 for key in COUNT_KEYS)
    assert 3_000 < run["not_tested"] < 8_000
    assert run["passed"] > run["failed"] + run["blocked"] + run["retest"]
    assert run_count >= 3  # plus a couple of small runs


def test_two_large_builds_are_identical() -> None:
    dumps = []
    for _ in range(2):
        db = Database(None)
        seed_if_empty(db, "large", NOW)
        with db.read() as connection:
            dumps.append(
                connection.execute(
                    "SELECT id, status, tested_at FROM results ORDER BY id"
                ).fetchall()
            )
        db.close()
    assert [tuple(row) for row in dumps[0]] == [tuple(row) for row in dumps[1]]
