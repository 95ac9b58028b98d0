"""Edit commands: each writes a change and its outbox entry in one transaction.

A command validates its input through `app.domain`, refuses edits to a closed run, and
returns a frozen record read back inside the same transaction. Either the change and its
outbox entry are both durable when the command returns, or neither is.

The table classes are imported where they are used, not at the top: building them costs
more than the rest of the store together, and the desktop app makes its `EditCommands`
before the first paint but edits only after it (it loads them then, see `load_models`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Engine, select
from sqlmodel import Session, SQLModel, col

from app.domain import (
    UNSET,
    ResultStatus,
    RunStatus,
    RunSummary,
    Unset,
    ValidationError,
    clean_elapsed,
    clean_note,
    clean_run_name,
    clean_test_case_ids,
    is_read_only_run_status,
)
from app.store.engine import write_session
from app.store.errors import EditRefusedError, NotFoundError
from app.store.outbox import OutboxKind
from app.store.queries import fetch_result, fetch_run
from app.store.records import ResultRow, RunRow

if TYPE_CHECKING:
    from app.store.models import Result, Run, TestCase

Clock = Callable[[], datetime]
"""A source of "now", always timezone-aware."""
_Model = TypeVar("_Model", bound=SQLModel)


def load_models() -> None:
    """Import the table classes now, so that the first edit does not wait for them."""
    import app.store.models  # noqa: F401 - imported for its side effect


def utc_now() -> datetime:
    return datetime.now(UTC)


class EditCommands:
    """The local edits a tester makes, each queued for delivery to the server.

    Args:
        engine: the local cache.
        clock: where "now" comes from (tests pass a fixed clock).
    """

    def __init__(self, engine: Engine, clock: Clock = utc_now) -> None:
        self._engine = engine
        self._clock = clock

    def record_result(
        self,
        result_id: int,
        status: ResultStatus | str,
        note: str | None = None,
        elapsed: object = None,
    ) -> ResultRow:
        """Record a verdict for one result: status, note and elapsed seconds, executed now."""
        from app.store.models import Result, Run

        new_status = _parse_status(status)
        new_note, new_elapsed = clean_note(note), clean_elapsed(elapsed)
        with write_session(self._engine) as session:
            result = _get(session, Result, result_id, "result")
            run = _get(session, Run, result.run_id, "run")
            _refuse_if_read_only(run, "its results can no longer be changed")
            _move_count(run, ResultStatus(result.status), new_status)
            result.status = new_status.value
            result.note = new_note
            result.elapsed = new_elapsed
            result.executed_at = self._clock()
            session.add_all([run, result])
            payload = {
                "test_case_id": result.test_case_id,
                "status": new_status.value,
                "note": new_note,
                "elapsed": new_elapsed,
            }
            self._queue(session, OutboxKind.SET_RESULT, run, payload, result_id=result.id)
            return fetch_result(session.connection(), result_id)

    def create_run(
        self,
        project_id: str,
        name: str,
        test_case_ids: Sequence[str],
        milestone_id: str | None = None,
    ) -> RunRow:
        """Create a run at once, with a "not tested" result for each test case, in order."""
        from app.store.models import Run

        clean_name = clean_run_name(name)
        case_ids = clean_test_case_ids(test_case_ids)
        with write_session(self._engine) as session:
            _check_milestone(session, project_id, milestone_id)
            cases = _cached_cases(session, project_id, case_ids)
            run = Run(
                project_id=project_id,
                name=clean_name,
                milestone_id=milestone_id,
                status=RunStatus.ACTIVE.value,
                created_at=self._clock(),
                not_tested=len(cases),
            )
            session.add(run)
            session.flush()
            session.add_all(_fresh_results(run, cases))
            payload = {"name": clean_name, "test_case_ids": case_ids, "milestone_id": milestone_id}
            self._queue(session, OutboxKind.CREATE_RUN, run, payload)
            return fetch_run(session.connection(), _id(run))

    def update_run(
        self,
        run_id: int,
        *,
        name: str | Unset = UNSET,
        milestone_id: str | Unset | None = UNSET,
    ) -> RunRow:
        """Rename a run and/or link it to another milestone (`milestone_id=None` unlinks).

        Only what actually changes is queued; an edit that changes nothing queues nothing.
        """
        from app.store.models import Run

        new_name = clean_run_name(name) if not isinstance(name, Unset) else UNSET
        with write_session(self._engine) as session:
            run = _get(session, Run, run_id, "run")
            _refuse_if_read_only(run, "it can no longer be renamed or moved")
            changes: dict[str, Any] = {}
            if not isinstance(new_name, Unset) and new_name != run.name:
                changes["name"] = run.name = new_name
            if not isinstance(milestone_id, Unset) and milestone_id != run.milestone_id:
                _check_milestone(session, run.project_id, milestone_id)
                changes["milestone_id"] = run.milestone_id = milestone_id
            if changes:
                session.add(run)
                self._queue(session, OutboxKind.UPDATE_RUN, run, changes)
            return fetch_run(session.connection(), run_id)

    def close_run(self, run_id: int) -> RunRow:
        """Close a run: it becomes read-only here at once, and on the server after its results."""
        from app.store.models import Run

        with write_session(self._engine) as session:
            run = _get(session, Run, run_id, "run")
            _refuse_if_read_only(run, "it is already closed")
            run.status = RunStatus.CLOSED.value
            run.closed_at = self._clock()
            run.pass_rate = _summary(run).pass_rate
            session.add(run)
            self._queue(session, OutboxKind.CLOSE_RUN, run, {})
            return fetch_run(session.connection(), run_id)

    def _queue(
        self,
        session: Session,
        kind: OutboxKind,
        run: Run,
        payload: dict[str, Any],
        result_id: int | None = None,
    ) -> None:
        from app.store.models import OutboxEntry

        session.add(
            OutboxEntry(
                kind=kind.value,
                run_id=_id(run),
                result_id=result_id,
                payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
                idempotency_key=str(uuid.uuid4()),
                created_at=self._clock(),
            )
        )
        session.flush()


def _parse_status(status: ResultStatus | str) -> ResultStatus:
    try:
        return ResultStatus.parse(status)
    except ValueError as error:
        raise ValidationError("status", str(error)) from None


def _get(session: Session, model: type[_Model], key: int, noun: str) -> _Model:
    row = session.get(model, key)
    if row is None:
        raise NotFoundError(f"There is no {noun} {key} in the local cache.")
    return row


def _id(run: Run) -> int:
    if run.id is None:
        raise RuntimeError("The run has no id before it is flushed.")
    return run.id


def _refuse_if_read_only(run: Run, consequence: str) -> None:
    if is_read_only_run_status(run.status):
        raise EditRefusedError(f"The run “{run.name}” is {run.status}, so {consequence}.")


def _summary(run: Run) -> RunSummary:
    return RunSummary(run.passed, run.failed, run.blocked, run.retest, run.not_tested)


def _move_count(run: Run, old: ResultStatus, new: ResultStatus) -> None:
    moved = _summary(run).moved(old, new)
    run.passed, run.failed, run.blocked = moved.passed, moved.failed, moved.blocked
    run.retest, run.not_tested = moved.retest, moved.not_tested


def _check_milestone(session: Session, project_id: str, milestone_id: str | None) -> None:
    from app.store.models import Milestone

    if milestone_id is None:
        return
    milestone = session.get(Milestone, milestone_id)
    if milestone is None or milestone.project_id != project_id:
        raise ValidationError(
            "milestone_id",
            f"Milestone '{milestone_id}' is not in this project's local cache; "
            "sync, then choose it again.",
        )


def _cached_cases(session: Session, project_id: str, case_ids: list[str]) -> list[TestCase]:
    from app.store.models import TestCase

    query = select(TestCase).where(
        col(TestCase.project_id) == project_id, col(TestCase.id).in_(case_ids)
    )
    found = {case.id: case for case in session.scalars(query)}
    missing = [case_id for case_id in case_ids if case_id not in found]
    if missing:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        raise ValidationError(
            "test_case_ids",
            f"{len(missing)} selected test case(s) are not in this project's local cache "
            f"({shown}); sync, then select them again.",
        )
    return [found[case_id] for case_id in case_ids]


def _fresh_results(run: Run, cases: list[TestCase]) -> list[Result]:
    from app.store.models import Result

    return [
        Result(
            run_id=_id(run),
            test_case_id=case.id,
            test_case_title=case.title,
            position=position,
            status=ResultStatus.NOT_TESTED.value,
        )
        for position, case in enumerate(cases)
    ]
