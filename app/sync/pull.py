"""Pulling a project from the server into the local cache, under DESIGN.md's pull rules.

The project, then its test cases and milestones (complete listings, one transaction), then
the runs page by page: each page is reconciled in its own short transaction, then the detail
of every run that is new or changed is fetched and applied, each in its own transaction.
No transaction is ever open during a request. API errors are not caught here: the engine
that calls `pull()` classifies them, and whatever was committed before stays committed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import Engine

from app.api import (
    ApiError,
    AuthFailedError,
    CancelledError,
    RateLimitedError,
    TestablyClient,
    TransientError,
)
from app.api.models import Milestone, Page, Project, Result, Run, TestCase
from app.store import Clock, utc_now, write_session
from app.store.reconcile import (
    Reconciled,
    RemoteMilestone,
    RemoteProject,
    RemoteResult,
    RemoteRun,
    RemoteStep,
    RemoteTestCase,
    apply_run_detail,
    merge,
    reconcile_run_page,
    remove_vanished_runs,
    sync_catalog,
    upsert_project,
)
from app.sync.status import ChangeSet, PullReport

log = logging.getLogger(__name__)

_PASS_STOPPERS = (AuthFailedError, CancelledError, RateLimitedError, TransientError)
"""Errors that end the whole pass: the project listing passes them on unchanged."""


@dataclass(slots=True)
class _RunListing:
    """What one pass learned from the run list while it went through the pages."""

    listed: set[str] = field(default_factory=set)
    fetched: set[str] = field(default_factory=set)
    totals: set[int | None] = field(default_factory=set)
    changes: list[Reconciled] = field(default_factory=list)

    def is_complete(self) -> bool:
        """Whether the listing can be trusted to name every run the server has.

        Pages are read one by one with run details in between; if the server's total moved
        meanwhile (a run created or deleted), a run may have slid between two pages unseen.
        Then nothing is removed this time; the next pass sees a steady list.
        """
        known = {total for total in self.totals if total is not None}
        if len(known) > 1:
            return False
        return not known or len(self.listed) >= next(iter(known))


class Puller:
    """Brings one project's server data into the local cache without undoing local work.

    Args:
        database: the local cache.
        client: the Testably client (owned by the caller).
        project_id: the project to pull.
        clock: where "now" comes from.
    """

    def __init__(
        self,
        database: Engine,
        client: TestablyClient,
        project_id: str,
        clock: Clock = utc_now,
    ) -> None:
        self._database = database
        self._client = client
        self._project_id = project_id
        self._clock = clock
        self._projects_listed = False

    def pull(self) -> PullReport:
        """One pull: project, catalogue, runs. Raises the client's `ApiError`s unchanged."""
        self._pull_project()
        catalog_changed = self._pull_catalog()
        listing = self._pull_runs()
        if listing.is_complete():
            with write_session(self._database) as session:
                listing.changes.append(
                    remove_vanished_runs(session, self._project_id, listing.listed)
                )
        changes = merge(listing.changes)
        return PullReport(
            changes=ChangeSet(changes.run_ids, changes.result_ids, catalog_changed),
            runs_listed=len(listing.listed),
            runs_fetched=len(listing.fetched),
            runs_removed=changes.removed,
            conflicts=changes.conflicts,
        )

    def _pull_project(self) -> None:
        project = remote_project(self._client.project(self._project_id))
        others = [] if self._projects_listed else self._other_projects()
        with write_session(self._database) as session:
            for each in (*others, project):
                upsert_project(session, each)
        self._projects_listed = True

    def _other_projects(self) -> list[RemoteProject]:
        """The token's other projects, listed once per puller, for the project switcher.

        Best effort: a server that refuses the listing (a token scoped to one project, an
        endpoint it lacks) costs the switcher its choices, never this project's pull.
        Trouble that stops every request (offline, signed out, rate limited) still raises.
        """
        try:
            listed = self._client.projects()
        except _PASS_STOPPERS:
            raise
        except ApiError as error:
            log.warning("The server did not list the token's projects: %s", error.message)
            return []
        return [remote_project(each) for each in listed if each.id != self._project_id]

    def _pull_catalog(self) -> bool:
        cases = [remote_test_case(case) for case in self._client.iter_test_cases(self._project_id)]
        milestones = [remote_milestone(ms) for ms in self._client.iter_milestones(self._project_id)]
        with write_session(self._database) as session:
            return sync_catalog(session, self._project_id, cases, milestones)

    def _pull_runs(self) -> _RunListing:
        listing = _RunListing()
        for page in self._client.iter_run_pages(self._project_id):
            for server_id in self._reconcile_page(page, listing):
                if server_id not in listing.fetched:
                    listing.changes.append(self._fetch_run(server_id))
                    listing.fetched.add(server_id)
        return listing

    def _reconcile_page(self, page: Page[Run], listing: _RunListing) -> tuple[str, ...]:
        runs = [remote_run(run) for run in page.items]
        listing.listed.update(run.server_id for run in runs)
        listing.totals.add(page.total)
        with write_session(self._database) as session:
            outcome = reconcile_run_page(session, self._project_id, runs)
        listing.changes.append(outcome.changes)
        return outcome.to_fetch

    def _fetch_run(self, server_id: str) -> Reconciled:
        detail = self._client.run(self._project_id, server_id)
        run = remote_run(detail.run)
        results = [remote_result(result) for result in detail.results]
        with write_session(self._database) as session:
            return apply_run_detail(session, self._project_id, run, results, self._clock())


# From the API's answers to the store's records ---------------------------------------------


def remote_project(project: Project) -> RemoteProject:
    return RemoteProject(
        id=project.id,
        name=project.name,
        prefix=project.prefix,
        description=project.description,
        created_at=project.created_at,
        updated_at=project.updated_at,
    )


def remote_test_case(case: TestCase) -> RemoteTestCase:
    return RemoteTestCase(
        id=case.id,
        title=case.title,
        folder_id=case.folder_id,
        priority=case.priority,
        type=case.type,
        precondition=case.precondition,
        expected_result=case.expected_result,
        created_at=case.created_at,
        updated_at=case.updated_at,
        steps=tuple(RemoteStep(step.position, step.action, step.expected) for step in case.steps),
    )


def remote_milestone(milestone: Milestone) -> RemoteMilestone:
    return RemoteMilestone(
        id=milestone.id,
        name=milestone.name,
        description=milestone.description,
        status=milestone.status,
        start_date=milestone.start_date,
        due_date=milestone.due_date,
        parent_id=milestone.parent_id,
        progress=milestone.progress,
        created_at=milestone.created_at,
        updated_at=milestone.updated_at,
    )


def remote_run(run: Run) -> RemoteRun:
    return RemoteRun(
        server_id=run.id,
        name=run.name,
        status=run.status,
        summary=run.summary,
        milestone_id=run.milestone_id,
        created_by=run.created_by,
        created_at=run.created_at,
        updated_at=run.updated_at,
        pass_rate=run.pass_rate,
        closed_at=run.closed_at,
    )


def remote_result(result: Result) -> RemoteResult:
    return RemoteResult(
        server_id=result.id,
        test_case_id=result.test_case_id,
        test_case_title=result.test_case_title,
        status=result.status,
        note=result.note,
        elapsed=result.elapsed,
        tested_by=result.tested_by,
        tested_at=result.tested_at,
    )
