"""The data a new sandbox starts with: `demo` (two believable projects), `empty` or `large`.

Everything is drawn from a `random.Random` seeded per project and placed relative to the
given "now", so two builds with the same "now" are identical. A database that already holds
data is never seeded again: a sandbox restarted on the same file keeps its data.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta

from app.sandbox.accounts import DEMO_USERS, MEMBER_IDS
from app.sandbox.clock import iso_date, iso_timestamp
from app.sandbox.database import Database
from app.sandbox.ids import seeded_id
from app.sandbox.seed_cases import insert_cases
from app.sandbox.seed_data import PROJECTS, MilestonePlan, ProjectPlan
from app.sandbox.seed_runs import insert_run


def seed_if_empty(db: Database, seed: str, now: datetime) -> bool:
    """Fill a database that has no users yet with the `seed` data set; True when seeded."""
    with db.transaction() as connection:
        if connection.execute("SELECT COUNT(*) FROM users").fetchone()[0]:
            return False
        insert_seed(connection, seed, now)
    return True


def insert_seed(connection: sqlite3.Connection, seed: str, now: datetime) -> None:
    """Insert the users, their tokens and the projects of the `seed` data set."""
    plans = PROJECTS.get(seed)
    if plans is None:
        raise ValueError(f"Unknown seed {seed!r}; use one of {', '.join(PROJECTS)}.")
    for user in DEMO_USERS:
        connection.execute(
            "INSERT INTO users (id, name, email) VALUES (?, ?, ?)",
            (user.id, user.name, user.email),
        )
        connection.execute("INSERT INTO tokens VALUES (?, ?)", (user.token, user.id))
    for plan in plans:
        _insert_project(connection, plan, now)


def _insert_project(connection: sqlite3.Connection, plan: ProjectPlan, now: datetime) -> None:
    rng = random.Random(f"testdeck-sandbox/{plan.id}")
    created = now - timedelta(days=plan.age_days)
    connection.execute(
        "INSERT INTO projects VALUES (?, ?, ?, ?, ?, ?)",
        (
            plan.id,
            plan.name,
            plan.prefix,
            plan.description,
            iso_timestamp(created),
            iso_timestamp(now - timedelta(hours=1)),
        ),
    )
    connection.executemany(
        "INSERT INTO members VALUES (?, ?)", [(plan.id, user_id) for user_id in MEMBER_IDS]
    )
    milestone_ids = {
        milestone.key: _insert_milestone(connection, plan.id, milestone, rng, now)
        for milestone in plan.milestones
    }
    cases = insert_cases(connection, plan.id, plan.folders, rng, now)
    for run in plan.runs:
        milestone_id = milestone_ids[run.milestone] if run.milestone else None
        insert_run(connection, plan.id, run, cases, milestone_id, rng, now)


def _insert_milestone(
    connection: sqlite3.Connection,
    project_id: str,
    plan: MilestonePlan,
    rng: random.Random,
    now: datetime,
) -> str:
    milestone_id = seeded_id("ms_", rng)
    created = now + timedelta(days=min(plan.starts, 0) - 10)
    connection.execute(
        "INSERT INTO milestones VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
        (
            milestone_id,
            project_id,
            plan.name,
            plan.description,
            plan.status,
            iso_date(now + timedelta(days=plan.starts)),
            iso_date(now + timedelta(days=plan.due)),
            iso_timestamp(created),
            iso_timestamp(max(created, now + timedelta(days=min(plan.starts, 0)))),
        ),
    )
    return milestone_id
