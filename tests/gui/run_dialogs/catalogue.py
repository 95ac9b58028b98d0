"""A catalogue of test cases that reads like a real project, for the run dialogs' tests.

Three folders of 20 cases and 5 cases without a folder. Only the login folder has cases
about passwords (10 of them), so a search for "password" reaches one folder alone.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from app.store import write_session
from app.store.models import Milestone, Project, TestCase
from tests.builders import EPOCH, PRIORITIES

PROJECT_ID = "proj_shop"
FOLDER_TOPICS = {
    "fld_checkout": ("Checkout", ("pays with a saved card", "applies a discount code")),
    "fld_login": ("Login", ("resets a forgotten password", "signs in with two factors")),
    "fld_search": ("Search", ("sorts results by price", "filters by date range")),
    None: ("Onboarding", ("shows the welcome tour",)),
}
TYPES = ("functional", "smoke", "regression")
MILESTONES = {"ms_24": "Release 2.4", "ms_25": "Release 2.5"}


def case_title(area: str, action: str, number: int) -> str:
    return f"{area} {number:02d}: {action}"


def seed_catalogue(engine: Engine) -> dict[str | None, list[str]]:
    """Fill the project; answers each folder's case ids in picker order (by title)."""
    folders: dict[str | None, list[str]] = {}
    with write_session(engine) as session:
        session.add(Project(id=PROJECT_ID, name="Web shop", prefix="WS"))
        session.flush()
        counter = 0
        for folder_id, (area, actions) in FOLDER_TOPICS.items():
            size = 5 if folder_id is None else 20
            rows = []
            for number in range(1, size + 1):
                counter += 1
                title = case_title(area, actions[number % len(actions)], number)
                case_id = f"tc_{counter:03d}"
                rows.append((title, case_id))
                session.add(_case(case_id, title, folder_id, counter))
            folders[folder_id] = [case_id for _, case_id in sorted(rows)]
        for number, (milestone_id, name) in enumerate(MILESTONES.items(), start=1):
            session.add(
                Milestone(
                    id=milestone_id,
                    project_id=PROJECT_ID,
                    name=name,
                    status="active",
                    due_date=f"2026-12-{number:02d}",
                )
            )
    return folders


def _case(case_id: str, title: str, folder_id: str | None, number: int) -> TestCase:
    return TestCase(
        id=case_id,
        project_id=PROJECT_ID,
        title=title,
        folder_id=folder_id,
        priority=PRIORITIES[number % len(PRIORITIES)],
        type=TYPES[number % len(TYPES)],
        created_at=EPOCH - timedelta(days=30),
    )
