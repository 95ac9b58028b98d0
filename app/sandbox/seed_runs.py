"""Seeded runs: closed ones with final results and pass rates, active ones partly done."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta

from app.domain import ResultStatus, pass_rate
from app.sandbox.accounts import MEMBER_IDS
from app.sandbox.clock import iso_timestamp
from app.sandbox.ids import seeded_id
from app.sandbox.seed_cases import SeededCase
from app.sandbox.seed_data import (
    BLOCKED_NOTES,
    FAILED_NOTES,
    PASSED_NOTES,
    RETEST_NOTES,
    RunPlan,
)

_VERDICTS = (ResultStatus.PASSED, ResultStatus.FAILED, ResultStatus.BLOCKED, ResultStatus.RETEST)
_VERDICT_WEIGHTS = (80, 10, 5, 5)
_NOTES = {
    ResultStatus.FAILED: (FAILED_NOTES, 1.0),
    ResultStatus.BLOCKED: (BLOCKED_NOTES, 1.0),
    ResultStatus.RETEST: (RETEST_NOTES, 0.8),
    ResultStatus.PASSED: (PASSED_NOTES, 0.08),
}
_LEFT_UNTESTED_IN_CLOSED_RUN = 0.03
_INSERT_RUN = (
    "INSERT INTO runs (id, project_id, name, status, milestone_id, created_by, created_at, "
    "updated_at, closed_at, pass_rate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def insert_run(
    connection: sqlite3.Connection,
    project_id: str,
    plan: RunPlan,
    cases: list[SeededCase],
    milestone_id: str | None,
    rng: random.Random,
    now: datetime,
) -> None:
    """Insert a run and its results as `plan` describes, relative to `now`."""
    run_id = seeded_id("run_", rng)
    created = now - timedelta(days=plan.days_ago, minutes=rng.randint(0, 90))
    ended = created + timedelta(days=plan.closed_after) if plan.closed_after else now
    chosen = _choose_cases(plan, cases, rng)
    statuses = _statuses(plan, len(chosen), rng)
    moments = _spread(created, ended, len(chosen), rng)
    closed = plan.closed_after is not None
    last_test = max((m for m, s in zip(moments, statuses, strict=True) if s), default=created)
    rate = pass_rate(statuses.count(ResultStatus.PASSED), len(chosen)) if closed else None
    connection.execute(
        _INSERT_RUN,
        (
            run_id,
            project_id,
            plan.name,
            "closed" if closed else "active",
            milestone_id,
            plan.creator,
            iso_timestamp(created),
            iso_timestamp(ended if closed else last_test),
            iso_timestamp(ended) if closed else None,
            rate,
        ),
    )
    team = [plan.creator, *rng.sample([m for m in MEMBER_IDS if m != plan.creator], 1)]
    for position, (case, status, moment) in enumerate(zip(chosen, statuses, moments, strict=True)):
        tester = rng.choice(team) if status is not None else None
        _insert_result(connection, run_id, position, case, status, tester, moment, rng)


def _choose_cases(plan: RunPlan, cases: list[SeededCase], rng: random.Random) -> list[SeededCase]:
    """`plan.size` cases from its folders (topped up from others), in catalogue order."""
    preferred = [case for case in cases if not plan.folders or case.folder_id in plan.folders]
    picked = {case.id for case in preferred}  # a set: the large seed has 10,000 cases
    others = [case for case in cases if case.id not in picked]
    chosen = rng.sample(preferred, min(plan.size, len(preferred)))
    chosen += rng.sample(others, min(plan.size - len(chosen), len(others)))
    return sorted(chosen, key=lambda case: case.position)


def _statuses(plan: RunPlan, count: int, rng: random.Random) -> list[ResultStatus | None]:
    """A verdict per result, None for "not tested"; testers work from the top down."""
    if plan.closed_after is not None:
        return [
            None if rng.random() < _LEFT_UNTESTED_IN_CLOSED_RUN else _verdict(rng)
            for _ in range(count)
        ]
    tested = round(count * plan.done)
    return [_verdict(rng) if index < tested else None for index in range(count)]


def _verdict(rng: random.Random) -> ResultStatus:
    return rng.choices(_VERDICTS, weights=_VERDICT_WEIGHTS)[0]


def _spread(start: datetime, end: datetime, count: int, rng: random.Random) -> list[datetime]:
    """`count` moments between `start` and `end`, in order."""
    span = (end - start) * 0.95
    return sorted(start + span * rng.random() for _ in range(count))


def _insert_result(
    connection: sqlite3.Connection,
    run_id: str,
    position: int,
    case: SeededCase,
    status: ResultStatus | None,
    tester: str | None,
    moment: datetime,
    rng: random.Random,
) -> None:
    note, elapsed = _note(status, rng), rng.randint(30, 900) if status else None
    connection.execute(
        "INSERT INTO results (id, run_id, position, test_case_id, test_case_title, status, note, "
        "elapsed, tested_by, tested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            seeded_id("res_", rng),
            run_id,
            position + 1,
            case.id,
            case.title,
            (status or ResultStatus.NOT_TESTED).value,
            note,
            elapsed,
            tester,
            iso_timestamp(moment) if status else None,
        ),
    )


def _note(status: ResultStatus | None, rng: random.Random) -> str | None:
    notes, chance = _NOTES.get(status, ((), 0.0)) if status else ((), 0.0)
    return rng.choice(notes) if notes and rng.random() < chance else None
