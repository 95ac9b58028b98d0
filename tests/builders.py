"""Builders that fill a local cache the way a pull from the server would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from app.domain import ResultStatus, RunSummary
from app.store import open_database, write_session
from app.store.models import Milestone, Project, Result, Run, TestCase, TestCaseStep

EPOCH = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
FOLDERS = ("fld_login", "fld_checkout", "fld_search")
PRIORITIES = ("critical", "high", "medium", "low")


@dataclass(frozen=True)
class SeededProject:
    project_id: str
    case_ids: list[str]
    milestone_ids: list[str]


def new_database(directory: Path) -> Engine:
    """A fresh local cache at the current schema, in `directory`."""
    return open_database(directory / "testdeck.sqlite3", directory / "backups")


def seed_project(
    engine: Engine, project_id: str = "proj_1", cases: int = 12, milestones: int = 2
) -> SeededProject:
    """A project with `cases` test cases (each with two steps) and `milestones` milestones."""
    case_ids = [f"tc_{project_id}_{number:04d}" for number in range(1, cases + 1)]
    milestone_ids = [f"ms_{project_id}_{number}" for number in range(1, milestones + 1)]
    with write_session(engine) as session:
        session.add(Project(id=project_id, name=f"Project {project_id}", prefix="TD"))
        session.flush()
        for number, case_id in enumerate(case_ids):
            session.add(_case(project_id, case_id, number))
        for number, milestone_id in enumerate(milestone_ids, start=1):
            session.add(
                Milestone(
                    id=milestone_id,
                    project_id=project_id,
                    name=f"Release 2.{number}",
                    status="active",
                    due_date=f"2026-12-{number:02d}",
                )
            )
        session.flush()
        for case_id in case_ids:
            session.add(TestCaseStep(test_case_id=case_id, position=1, action="Open the page"))
            session.add(
                TestCaseStep(test_case_id=case_id, position=2, action="Submit", expected="It works")
            )
    return SeededProject(project_id, case_ids, milestone_ids)


def seed_server_run(
    engine: Engine,
    project: SeededProject,
    name: str = "Regression",
    statuses: list[ResultStatus] | None = None,
    *,
    status: str = "active",
    server_id: str | None = None,
    age: timedelta = timedelta(0),
) -> int:
    """A run as a pull would cache it: with server ids, one result per test case."""
    verdicts = statuses or [ResultStatus.NOT_TESTED] * len(project.case_ids)
    summary = RunSummary.from_statuses(verdicts)
    with write_session(engine) as session:
        run = Run(
            server_id=server_id,
            project_id=project.project_id,
            name=name,
            status=status,
            created_by="user_ana",
            created_at=EPOCH + age,
            passed=summary.passed,
            failed=summary.failed,
            blocked=summary.blocked,
            retest=summary.retest,
            not_tested=summary.not_tested,
            pass_rate=summary.pass_rate if status == "closed" else None,
        )
        session.add(run)
        session.flush()
        assert run.id is not None
        for position, (case_id, verdict) in enumerate(zip(project.case_ids, verdicts, strict=True)):
            session.add(
                Result(
                    server_id=f"res_{run.id}_{position}" if server_id else None,
                    run_id=run.id,
                    test_case_id=case_id,
                    test_case_title=f"Case {case_id}",
                    position=position,
                    status=verdict.value,
                )
            )
        return run.id


def _case(project_id: str, case_id: str, number: int) -> TestCase:
    return TestCase(
        id=case_id,
        project_id=project_id,
        title=f"Case {case_id}",
        folder_id=FOLDERS[number % len(FOLDERS)],
        priority=PRIORITIES[number % len(PRIORITIES)],
        type="functional",
        precondition="A signed-in user",
        expected_result="The page shows the result",
        created_at=EPOCH - timedelta(days=30),
    )
