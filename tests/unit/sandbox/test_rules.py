from typing import Any

import pytest

from app.domain import ResultStatus
from app.sandbox import rules
from app.sandbox.errors import ApiError
from app.sandbox.rules import UNSET, NewRun, ResultFields


def problems(call: Any, body: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ApiError) as raised:
        call(body)
    assert raised.value.status == 422
    assert raised.value.code == "validation_error"
    return raised.value.details or []


def test_a_new_run_is_cleaned() -> None:
    body = {"name": "  Smoke  ", "test_case_ids": ["tc_1", " tc_2", "tc_1"], "milestone_id": None}
    assert rules.new_run(body) == NewRun("Smoke", ["tc_1", "tc_2"], None)


def test_a_new_run_lists_every_problem() -> None:
    found = problems(rules.new_run, {"name": "", "test_case_ids": [], "milestone_id": 5})
    assert [p["field"] for p in found] == ["name", "test_case_ids", "milestone_id"]
    assert found[0]["error"] == "Give the run a name."


@pytest.mark.parametrize(
    "body",
    [
        {"test_case_ids": ["tc_1"]},
        {"name": 12, "test_case_ids": ["tc_1"]},
        {"name": "a\tb", "test_case_ids": ["tc_1"]},
        {"name": "x" * 251, "test_case_ids": ["tc_1"]},
    ],
)
def test_a_new_run_needs_a_valid_name(body: dict[str, Any]) -> None:
    assert [p["field"] for p in problems(rules.new_run, body)] == ["name"]


@pytest.mark.parametrize("ids", [None, "tc_1", [1, 2], [], ["  "]])
def test_a_new_run_needs_a_list_of_case_ids(ids: object) -> None:
    found = problems(rules.new_run, {"name": "Run", "test_case_ids": ids})
    assert [p["field"] for p in found] == ["test_case_ids"]


def test_run_changes_know_what_was_not_mentioned() -> None:
    assert rules.run_changes({}).empty
    unlink = rules.run_changes({"milestone_id": None})
    assert unlink.milestone_id is None
    assert unlink.name is UNSET
    rename = rules.run_changes({"name": " New "})
    assert rename.name == "New"
    assert rename.milestone_id is UNSET


def test_run_changes_refuse_a_null_or_blank_name() -> None:
    assert [p["field"] for p in problems(rules.run_changes, {"name": None})] == ["name"]
    assert [p["field"] for p in problems(rules.run_changes, {"name": " "})] == ["name"]


def test_result_fields_read_untested_as_not_tested_and_clean_the_rest() -> None:
    fields = rules.result_fields({"status": "untested", "note": "a\r\nb", "elapsed": 90.0})
    assert fields == ResultFields(ResultStatus.NOT_TESTED, "a\nb", 90)
    assert rules.result_fields({"status": "Passed"}) == ResultFields(
        ResultStatus.PASSED, None, None
    )


def test_result_fields_list_every_problem() -> None:
    found = problems(rules.result_fields, {"status": "done", "note": 3, "elapsed": -1})
    assert [p["field"] for p in found] == ["status", "note", "elapsed"]
    assert "not a result status" in found[0]["error"]
    assert [p["field"] for p in problems(rules.result_fields, {})] == ["status"]
    too_long = {"status": "failed", "note": "x" * 10_001, "elapsed": 86_401}
    assert [p["field"] for p in problems(rules.result_fields, too_long)] == ["note", "elapsed"]


@pytest.mark.parametrize(
    ("body", "error"),
    [({}, "must be a list"), ({"results": []}, "is empty"), ({"results": [{}] * 101}, "101")],
)
def test_bulk_takes_one_to_a_hundred_items(body: dict[str, Any], error: str) -> None:
    (found,) = problems(rules.bulk_items, body)
    assert found["field"] == "results"
    assert error in found["error"]
    assert len(rules.bulk_items({"results": [{}] * 100})) == 100
