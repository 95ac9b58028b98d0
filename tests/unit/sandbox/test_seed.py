import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain import ResultStatus, pass_rate
from app.sandbox import DEMO_TOKEN, DEMO_TOKENS, OUTSIDER_TOKEN
from app.sandbox.database import Database
from app.sandbox.seed import seed_if_empty

NOW = datetime(2026, 11, 28, 14, 3, 11, tzinfo=UTC)
TABLES = ("users", "tokens", "projects", "members", "test_cases", "milestones", "runs", "results")


@pytest.fixture
def demo() -> Iterator[Database]:
    db = Database(None)
    seed_if_empty(db, "demo", NOW)
    yield db
    db.close()


def rows(db: Database, sql: str, *values: object) -> list[sqlite3.Row]:
    with db.read() as connection:
        return connection.execute(sql, values).fetchall()


def test_the_demo_project_is_a_believable_web_shop(demo: Database) -> None:
    (project,) = rows(demo, "SELECT * FROM projects WHERE id = 'proj_demo'")
    assert (project["name"], project["prefix"]) == ("Acme Web Shop", "AWS")
    cases = rows(demo, "SELECT * FROM test_cases WHERE project_id = 'proj_demo'")
    assert 140 <= len(cases) <= 160
    assert len({case["folder_id"] for case in cases}) == 8
    assert {case["priority"] for case in cases} == {"critical", "high", "medium", "low"}
    assert {"functional", "regression", "smoke", "accessibility", "usability"} <= {
        case["type"] for case in cases
    }
    assert "fld_checkout" in {case["folder_id"] for case in cases}


def test_every_case_has_a_precondition_steps_and_an_expected_result(demo: Database) -> None:
    for case in rows(demo, "SELECT * FROM test_cases"):
        steps = json.loads(case["steps"])
        assert 2 <= len(steps) <= 6, case["title"]
        assert [step["position"] for step in steps] == list(range(1, len(steps) + 1))
        assert all(step["action"] and step["expected"] for step in steps)
        assert "{v}" not in case["title"] + case["steps"] + case["expected_result"]
        assert case["precondition"]
        assert case["expected_result"]


def test_the_demo_has_four_milestones_and_about_fifteen_runs(demo: Database) -> None:
    milestones = rows(demo, "SELECT * FROM milestones WHERE project_id = 'proj_demo'")
    assert len(milestones) == 4
    assert {m["status"] for m in milestones} == {"completed", "started", "upcoming"}
    runs = rows(demo, "SELECT * FROM runs WHERE project_id = 'proj_demo'")
    assert len(runs) == 15
    assert sum(run["status"] == "closed" for run in runs) == 9
    assert len({run["created_by"] for run in runs}) >= 4


def test_runs_span_six_weeks_and_ten_to_eighty_cases(demo: Database) -> None:
    runs = rows(
        demo,
        "SELECT r.*, COUNT(x.id) AS size FROM runs r JOIN results x "
        "ON x.run_id = r.id GROUP BY r.id",
    )
    oldest = min(datetime.fromisoformat(run["created_at"]) for run in runs)
    assert NOW - timedelta(days=45) < oldest < NOW - timedelta(days=35)
    assert all(10 <= run["size"] <= 80 for run in runs)
    assert all(datetime.fromisoformat(run["updated_at"]) <= NOW for run in runs)


def test_closed_runs_have_final_results_and_their_pass_rate(demo: Database) -> None:
    for run in rows(demo, "SELECT * FROM runs WHERE status = 'closed'"):
        statuses = [
            r["status"]
            for r in rows(demo, "SELECT status FROM results WHERE run_id = ?", run["id"])
        ]
        assert run["pass_rate"] == pass_rate(statuses.count("passed"), len(statuses))
        assert 50 <= run["pass_rate"] < 100
        assert run["closed_at"] == run["updated_at"]


def test_active_runs_are_part_done(demo: Database) -> None:
    active = rows(demo, "SELECT * FROM runs WHERE status = 'active'")
    assert len(active) == 7  # 6 in the web shop, 1 in the mobile app
    done = []
    for run in active:
        results = rows(demo, "SELECT * FROM results WHERE run_id = ?", run["id"])
        tested = [r for r in results if r["status"] != ResultStatus.NOT_TESTED]
        done.append(len(tested) / len(results))
        assert all(r["tested_by"] and r["tested_at"] and r["elapsed"] for r in tested)
        assert run["pass_rate"] is None
        assert run["closed_at"] is None
    assert min(done) == 0
    assert 0 < max(done) < 1


def test_results_have_realistic_notes_and_times(demo: Database) -> None:
    failed = rows(demo, "SELECT * FROM results WHERE status IN ('failed', 'blocked')")
    assert failed
    assert all(result["note"] for result in failed)
    assert any(result["note"].startswith("Blocked:") for result in failed)
    timed = rows(demo, "SELECT elapsed FROM results WHERE elapsed IS NOT NULL")
    assert all(30 <= row["elapsed"] <= 900 for row in timed)
    untested = rows(demo, "SELECT * FROM results WHERE status = 'not_tested'")
    assert all(r["tested_by"] is None and r["elapsed"] is None for r in untested)


def test_results_keep_their_case_titles_and_order(demo: Database) -> None:
    for result in rows(
        demo,
        "SELECT x.test_case_title, c.title FROM results x "
        "JOIN test_cases c ON c.id = x.test_case_id",
    ):
        assert result[0] == result[1]
    positions = rows(
        demo,
        "SELECT run_id, GROUP_CONCAT(position) AS p FROM "
        "(SELECT * FROM results ORDER BY run_id, position) GROUP BY run_id",
    )
    for row in positions:
        numbers = [int(p) for p in row["p"].split(",")]
        assert numbers == list(range(1, len(numbers) + 1))


def test_the_mobile_project_is_small(demo: Database) -> None:
    cases = rows(demo, "SELECT * FROM test_cases WHERE project_id = 'proj_mobile'")
    assert 15 <= len(cases) <= 25
    assert len(rows(demo, "SELECT * FROM milestones WHERE project_id = 'proj_mobile'")) == 1
    assert len(rows(demo, "SELECT * FROM runs WHERE project_id = 'proj_mobile'")) == 2


def test_tokens_are_fixed_and_the_outsider_is_in_no_project(demo: Database) -> None:
    tokens = {row["token"]: row["user_id"] for row in rows(demo, "SELECT * FROM tokens")}
    assert tokens == DEMO_TOKENS
    assert tokens[DEMO_TOKEN] == "user_ana"
    outsider = tokens[OUTSIDER_TOKEN]
    assert rows(demo, "SELECT * FROM members WHERE user_id = ?", outsider) == []
    members = rows(demo, "SELECT * FROM members WHERE project_id = 'proj_demo'")
    assert len(members) == len(DEMO_TOKENS) - 1


def test_two_builds_with_the_same_now_are_identical() -> None:
    first, second = Database(None), Database(None)
    seed_if_empty(first, "demo", NOW)
    seed_if_empty(second, "demo", NOW)
    for table in TABLES:
        sql = f"SELECT * FROM {table} ORDER BY 1, 2"
        assert [tuple(r) for r in rows(first, sql)] == [tuple(r) for r in rows(second, sql)]
    first.close()
    second.close()


def test_the_empty_seed_has_one_empty_project_and_the_same_tokens() -> None:
    db = Database(None)
    seed_if_empty(db, "empty", NOW)
    assert [row["id"] for row in rows(db, "SELECT id FROM projects")] == ["proj_empty"]
    for table in ("test_cases", "milestones", "runs"):
        assert rows(db, f"SELECT * FROM {table}") == []
    assert {row["token"] for row in rows(db, "SELECT token FROM tokens")} == set(DEMO_TOKENS)
    db.close()


def test_a_database_with_data_is_not_seeded_again(tmp_path: Path) -> None:
    path = tmp_path / "sandbox.db"
    db = Database(path)
    assert seed_if_empty(db, "demo", NOW)
    with db.transaction() as connection:
        connection.execute(
            "UPDATE runs SET name = 'Renamed' WHERE id IN (SELECT id FROM runs LIMIT 1)"
        )
    db.close()
    reopened = Database(path)
    assert not seed_if_empty(reopened, "demo", NOW + timedelta(days=3))
    assert len(rows(reopened, "SELECT * FROM runs WHERE name = 'Renamed'")) == 1
    assert len(rows(reopened, "SELECT * FROM projects")) == 2
    reopened.close()


def test_an_unknown_seed_is_refused() -> None:
    db = Database(None)
    with pytest.raises(ValueError, match="Unknown seed"):
        seed_if_empty(db, "huge", NOW)
    db.close()
