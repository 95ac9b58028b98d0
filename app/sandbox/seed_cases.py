"""Seeded test cases: every scenario variant of a project's folders, with believable details."""

from __future__ import annotations

import json
import random
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.sandbox.accounts import MEMBER_IDS
from app.sandbox.catalog import Folder, Scenario
from app.sandbox.clock import iso_timestamp
from app.sandbox.ids import seeded_id

PRIORITIES = ("critical", "high", "medium", "low")


@dataclass(frozen=True, slots=True)
class SeededCase:
    """What the run seeding needs to know about a case."""

    id: str
    title: str
    folder_id: str
    position: int


def insert_cases(
    connection: sqlite3.Connection,
    project_id: str,
    folders: tuple[Folder, ...],
    rng: random.Random,
    now: datetime,
) -> list[SeededCase]:
    """Insert one case per scenario variant, folder by folder; return them in order."""
    cases: list[SeededCase] = []
    for folder in folders:
        for scenario in folder.scenarios:
            for variant in scenario.variants:
                case = SeededCase(
                    seeded_id("tc_", rng), _fill(scenario.title, variant), folder.id, len(cases)
                )
                _insert(connection, project_id, case, folder, scenario, variant, rng, now)
                cases.append(case)
    return cases


def _insert(
    connection: sqlite3.Connection,
    project_id: str,
    case: SeededCase,
    folder: Folder,
    scenario: Scenario,
    variant: str,
    rng: random.Random,
    now: datetime,
) -> None:
    created = now - timedelta(days=rng.uniform(60, 400))
    updated = created + (now - created) * rng.random() * 0.5
    connection.execute(
        "INSERT INTO test_cases (id, project_id, position, title, folder_id, priority, type, "
        "precondition, expected_result, steps, tags, created_by, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            case.id,
            project_id,
            case.position,
            case.title,
            folder.id,
            rng.choices(PRIORITIES, weights=folder.priorities)[0],
            scenario.type,
            rng.choice(folder.preconditions),
            _fill(scenario.expected, variant),
            json.dumps(_steps(scenario, variant)),
            json.dumps(_tags(folder, scenario, rng)),
            rng.choice(MEMBER_IDS),
            iso_timestamp(created),
            iso_timestamp(updated),
        ),
    )


def _steps(scenario: Scenario, variant: str) -> list[dict[str, object]]:
    return [
        {"position": position, "action": _fill(action, variant), "expected": _fill(result, variant)}
        for position, (action, result) in enumerate(scenario.steps, start=1)
    ]


def _tags(folder: Folder, scenario: Scenario, rng: random.Random) -> list[str]:
    tags = [folder.tag, scenario.type]
    if rng.random() < 0.3:
        tags.append(rng.choice(("release-3.5", "customer-reported", "flaky", "needs-data")))
    return tags


def _fill(template: str, variant: str) -> str:
    """The template with `{v}` replaced by the variant (and no stray space when it is empty)."""
    text = template.replace(" {v}", f" {variant}" if variant else "").replace("{v}", variant)
    return text[:1].upper() + text[1:]
