"""The sandbox's writes and reads on its SQLite storage, without HTTP."""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from app.domain import ResultStatus
from app.sandbox import mutations, queries
from app.sandbox.database import Database
from app.sandbox.errors import ApiError
from app.sandbox.paging import Page
from app.sandbox.rules import NewRun, ResultFields, RunChanges
from app.sandbox.seed import seed_if_empty

NOW = datetime(2026, 11, 28, 14, 3, 11, tzinfo=UTC)
PROJECT = "proj_demo"


@pytest.fixture
def db() -> Iterator[Database]:
    database = Database(None)
    seed_if_empty(database, "demo", NOW)
    yield database
    database.close()


def case_ids(db: Database, count: int) -> list[str]:
    with db.read() as connection:
        cases, _total = queries.list_test_cases(connection, PROJECT, {}, Page(1, count))
    return [case["id"] for case in cases]


def new_run(db: Database, count: int = 3) -> str:
    new = NewRun("Storage run", case_ids(db, count), None)
    with db.transaction() as connection:
        return mutations.create_run(connection, PROJECT, "user_ana", new, NOW)


def run(db: Database, run_id: str) -> dict[str, Any]:
    with db.read() as connection:
        found = queries.get_run(connection, run_id)
    assert found is not None
    return found


def results(db: Database, run_id: str) -> list[dict[str, Any]]:
    with db.read() as connection:
        return queries.list_results(connection, run_id)[0]


def write(db: Database, change: Any, *args: Any) -> Any:
    with db.transaction() as connection:
        return change(connection, *args)


def test_a_new_run_has_every_case_not_tested_in_the_given_order(db: Database) -> None:
    ids = case_ids(db, 4)[::-1]
    with db.transaction() as connection:
        run_id = mutations.create_run(
            connection, PROJECT, "user_ben", NewRun("Mine", ids, None), NOW
        )
    created = run(db, run_id)
    assert created["status"] == "active"
    assert created["created_by"] == "user_ben"
    assert (created["total"], created["not_tested"], created["passed"]) == (4, 4, 0)
    assert created["created_at"] == created["updated_at"] == "2026-11-28T14:03:11.000Z"
    assert "pass_rate" not in created
    assert [r["test_case_id"] for r in results(db, run_id)] == ids
    assert {r["status"] for r in results(db, run_id)} == {"not_tested"}


def test_runs_created_in_the_same_instant_still_list_in_creation_order(db: Database) -> None:
    created = [new_run(db) for _ in range(5)]  # the clock is frozen at NOW
    with db.read() as connection:
        listed = [run["id"] for run in queries.list_runs(connection, PROJECT, Page())[0]]
    assert listed[:5] == created[::-1]
    assert run(db, created[-1])["created_at"] == "2026-11-28T14:03:11.004Z"


def test_unknown_cases_and_milestones_are_refused_and_nothing_is_created(db: Database) -> None:
    before = run_count(db)
    with pytest.raises(ApiError) as raised:
        write(
            db, mutations.create_run, PROJECT, "user_ana", NewRun("X", ["tc_x", "tc_y"], None), NOW
        )
    assert [d["test_case_id"] for d in raised.value.details or []] == ["tc_x", "tc_y"]
    mobile_case = mobile_case_id(db)
    with pytest.raises(ApiError):  # a case of another project is unknown here
        write(db, mutations.create_run, PROJECT, "user_ana", NewRun("X", [mobile_case], None), NOW)
    new = NewRun("X", case_ids(db, 1), "ms_nope")
    with pytest.raises(ApiError) as raised:
        write(db, mutations.create_run, PROJECT, "user_ana", new, NOW)
    assert raised.value.details == [{"field": "milestone_id", "error": raised.value.message}]
    assert run_count(db) == before


def run_count(db: Database) -> int:
    with db.read() as connection:
        return queries.list_runs(connection, PROJECT, Page())[1]


def mobile_case_id(db: Database) -> str:
    with db.read() as connection:
        cases, _total = queries.list_test_cases(connection, "proj_mobile", {}, Page(1, 1))
    return str(cases[0]["id"])


def test_every_change_moves_updated_at_forward_even_with_a_frozen_clock(db: Database) -> None:
    run_id = new_run(db)
    stamps = [run(db, run_id)["updated_at"]]
    result_id = results(db, run_id)[0]["id"]
    fields = ResultFields(ResultStatus.PASSED, None, 30)
    write(db, mutations.set_result, run_id, result_id, fields, "user_ana", NOW)
    stamps.append(run(db, run_id)["updated_at"])
    write(db, mutations.update_run, run_id, RunChanges(name="Renamed"), NOW)
    stamps.append(run(db, run_id)["updated_at"])
    write(db, mutations.close_run, run_id, NOW)
    stamps.append(run(db, run_id)["updated_at"])
    assert stamps == sorted(set(stamps))
    assert stamps[-1] == "2026-11-28T14:03:11.003Z"


def test_counts_and_pass_rate_follow_the_results(db: Database) -> None:
    run_id = new_run(db, 3)
    first, second, _third = results(db, run_id)
    for result, status in ((first, ResultStatus.PASSED), (second, ResultStatus.BLOCKED)):
        fields = ResultFields(status, "why", 60)
        write(db, mutations.set_result, run_id, result["id"], fields, "user_chen", NOW)
    counted = run(db, run_id)
    assert (counted["passed"], counted["blocked"], counted["not_tested"]) == (1, 1, 1)
    write(db, mutations.close_run, run_id, NOW)
    closed = run(db, run_id)
    assert closed["status"] == "closed"
    assert closed["pass_rate"] == 33.3
    assert closed["closed_at"] == closed["updated_at"]
    tested = results(db, run_id)[1]
    assert (tested["status"], tested["note"], tested["tested_by"]) == (
        "blocked",
        "why",
        "user_chen",
    )


def test_a_closed_run_refuses_every_write(db: Database) -> None:
    run_id = new_run(db)
    write(db, mutations.close_run, run_id, NOW)
    result_id = results(db, run_id)[0]["id"]
    fields = ResultFields(ResultStatus.PASSED, None, None)
    attempts: list[tuple[Any, ...]] = [
        (mutations.close_run, run_id, NOW),
        (mutations.update_run, run_id, RunChanges(name="x"), NOW),
        (mutations.set_result, run_id, result_id, fields, "user_ana", NOW),
        (mutations.bulk_set_results, run_id, [], "user_ana", NOW),
    ]
    for change, *args in attempts:
        with pytest.raises(ApiError) as raised:
            write(db, change, *args)
        assert (raised.value.status, raised.value.code) == (409, "run_closed")


def test_a_result_of_another_run_is_not_found(db: Database) -> None:
    run_id, other = new_run(db), new_run(db)
    foreign = results(db, other)[0]["id"]
    fields = ResultFields(ResultStatus.PASSED, None, None)
    with pytest.raises(ApiError) as raised:
        write(db, mutations.set_result, run_id, foreign, fields, "user_ana", NOW)
    assert raised.value.status == 404


def test_bulk_is_all_or_nothing(db: Database) -> None:
    run_id = new_run(db, 3)
    ids = [r["test_case_id"] for r in results(db, run_id)]
    items = [
        {"test_case_id": ids[0], "status": "passed"},
        {"test_case_id": "tc_other", "status": "passed"},
        {"test_case_id": ids[1], "status": "done"},
        {"test_case_id": ids[2], "status": "failed", "elapsed": "long"},
        "not an object",
    ]
    before = run(db, run_id)
    with pytest.raises(ApiError) as raised:
        write(db, mutations.bulk_set_results, run_id, items, "user_ana", NOW)
    details = raised.value.details or []
    assert [d["test_case_id"] for d in details] == ["tc_other", ids[1], ids[2], None]
    assert "not a result status" in details[1]["error"]
    assert run(db, run_id) == before


def test_bulk_sets_results_by_test_case(db: Database) -> None:
    run_id = new_run(db, 3)
    ids = [r["test_case_id"] for r in results(db, run_id)]
    items = [
        {"test_case_id": ids[2], "status": "failed", "note": "Broken", "elapsed": 12},
        {"test_case_id": ids[0], "status": "untested"},
    ]
    outcome = write(db, mutations.bulk_set_results, run_id, items, "user_dana", NOW)
    assert outcome == [
        {"test_case_id": ids[2], "status": "failed"},
        {"test_case_id": ids[0], "status": "not_tested"},
    ]
    third = results(db, run_id)[2]
    assert (third["status"], third["note"], third["elapsed"]) == ("failed", "Broken", 12)
    assert third["tested_by"] == "user_dana"
    assert run(db, run_id)["failed"] == 1


def test_test_case_filters_combine(db: Database) -> None:
    def titles(filters: dict[str, str]) -> list[str]:
        with db.read() as connection:
            cases, total = queries.list_test_cases(connection, PROJECT, filters, Page(1, 100))
        assert total == len(cases)
        return [case["title"] for case in cases]

    assert titles({"search": "CRÈME"}) == ["Search with accents ('crème')"]
    checkout = titles({"folder_id": "fld_checkout"})
    assert 0 < len(checkout) < 40
    smoke_checkout = titles({"folder_id": "fld_checkout", "type": "smoke"})
    assert set(smoke_checkout) < set(checkout)
    assert titles({"priority": "nonsense"}) == []
