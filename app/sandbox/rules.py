"""What a write request's body must hold, checked with the domain's own validation.

Each function returns clean values or raises a 422 `ApiError` whose `details` name every
problem found, one `{"field", "error"}` entry each.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from app.domain import (
    ResultStatus,
    ValidationError,
    clean_elapsed,
    clean_note,
    clean_run_name,
    clean_test_case_ids,
)
from app.sandbox.errors import ApiError, Detail, field_error, invalid

MAX_BULK_ITEMS = 100

T = TypeVar("T")


class Unset:
    """The type of `UNSET`: a PATCH field the body did not mention."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset()


@dataclass(frozen=True, slots=True)
class NewRun:
    name: str
    test_case_ids: list[str]
    milestone_id: str | None


@dataclass(frozen=True, slots=True)
class RunChanges:
    """A PATCH: each field is `UNSET` when the body did not mention it."""

    name: str | Unset = UNSET
    milestone_id: str | Unset | None = UNSET

    @property
    def empty(self) -> bool:
        return self.name is UNSET and self.milestone_id is UNSET


@dataclass(frozen=True, slots=True)
class ResultFields:
    status: ResultStatus
    note: str | None
    elapsed: int | None


def new_run(body: Mapping[str, Any]) -> NewRun:
    """The body of `POST /projects/:pid/runs`: `name`, `test_case_ids`, `milestone_id`."""
    problems: list[Detail] = []
    name = _checked(problems, lambda: clean_run_name(_text(body, "name", "Give the run a name.")))
    case_ids = _checked(problems, lambda: _case_ids(body.get("test_case_ids")))
    milestone_id = _checked(problems, lambda: _optional_id(body, "milestone_id"))
    if problems:
        raise invalid(problems)
    assert name is not None  # no problems: every value is set
    assert case_ids is not None
    return NewRun(name, case_ids, milestone_id)


def run_changes(body: Mapping[str, Any]) -> RunChanges:
    """The body of `PATCH /projects/:pid/runs/:id`: any of `name` and `milestone_id`."""
    problems: list[Detail] = []
    name: str | Unset | None = UNSET
    milestone_id: str | Unset | None = UNSET
    if "name" in body:
        name = _checked(problems, lambda: clean_run_name(_text(body, "name", "Give a name.")))
    if "milestone_id" in body:
        milestone_id = _checked(problems, lambda: _optional_id(body, "milestone_id"))
    if problems:
        raise invalid(problems)
    assert name is not None
    return RunChanges(name, milestone_id)


def result_fields(body: Mapping[str, Any]) -> ResultFields:
    """A result write: `status` (required), `note` and `elapsed` (omitted means null)."""
    problems: list[Detail] = []
    status = _checked(problems, lambda: _status(body.get("status")))
    note = _checked(problems, lambda: clean_note(_optional_text(body, "note")))
    elapsed = _checked(problems, lambda: clean_elapsed(body.get("elapsed")))
    if problems:
        raise invalid(problems)
    assert status is not None
    return ResultFields(status, note, elapsed)


def bulk_items(body: Mapping[str, Any]) -> list[Any]:
    """The `results` list of a bulk write: 1 to 100 items (each item is checked later)."""
    items = body.get("results")
    if not isinstance(items, list):
        raise field_error("results", "'results' must be a list of results.")
    if not items:
        raise field_error("results", "'results' is empty; send at least one result.")
    if len(items) > MAX_BULK_ITEMS:
        raise field_error(
            "results",
            f"'results' has {len(items)} items; send at most {MAX_BULK_ITEMS} per request.",
        )
    return items


def item_problem(error: ApiError) -> str:
    """One line saying everything wrong with a bulk item."""
    return "; ".join(str(detail["error"]) for detail in error.details or [error.body()])


def _checked(problems: list[Detail], check: Callable[[], T]) -> T | None:
    try:
        return check()
    except ValidationError as error:
        problems.append({"field": error.field, "error": error.message})
        return None


def _text(body: Mapping[str, Any], field: str, missing: str) -> str:
    value = body.get(field)
    if value is None:
        raise ValidationError(field, missing)
    if not isinstance(value, str):
        raise ValidationError(field, f"'{field}' must be text.")
    return value


def _optional_text(body: Mapping[str, Any], field: str) -> str | None:
    value = body.get(field)
    if value is not None and not isinstance(value, str):
        raise ValidationError(field, f"'{field}' must be text or null.")
    return value


def _optional_id(body: Mapping[str, Any], field: str) -> str | None:
    value = _optional_text(body, field)
    if value is not None and not value.strip():
        raise ValidationError(field, f"'{field}' can't be blank; send null to leave it unset.")
    return value


def _case_ids(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError("test_case_ids", "'test_case_ids' must be a list of test case ids.")
    return clean_test_case_ids(value)


def _status(value: object) -> ResultStatus:
    if value is None:
        raise ValidationError("status", "'status' is required.")
    if not isinstance(value, str):
        raise ValidationError("status", "'status' must be text.")
    try:
        return ResultStatus.parse(value)
    except ValueError as error:
        raise ValidationError("status", str(error)) from None
