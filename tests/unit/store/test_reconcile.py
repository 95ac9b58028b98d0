"""The store side of a pull: server data in, local unsent work kept."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, update

from app.domain import ResultStatus, RunSummary
from app.store import EditCommands, OutboxKind, OutboxState, Queries, write_session
from app.store.queries import OUTBOX, RUN
from app.store.reconcile import (
    CLOSED_ON_SERVER,
    PageOutcome,
    Reconciled,
    RemoteMilestone,
    RemoteProject,
    RemoteResult,
    RemoteRun,
    RemoteStep,
    RemoteTestCase,
    apply_run_detail,
    reconcile_run_page,
    remove_vanished_runs,
    sync_catalog,
    upsert_project,
)
from tests.builders import EPOCH, SeededProject, seed_server_run

NOW = datetime(2026, 11, 28, 14, 30, tzinfo=UTC)
LATER = EPOCH + timedelta(hours=2)
NT = ResultStatus.NOT_TESTED
PASSED = ResultStatus.PASSED
FAILED = ResultStatus.FAILED


@pytest.fixture
def commands(engine: Engine) -> EditCommands:
    return EditCommands(engine, clock=lambda: NOW)


@pytest.fixture
def queries(engine: Engine) -> Queries:
    return Queries(engine)


@pytest.fixture
def run_id(engine: Engine, project: SeededProject) -> int:
    """A cached run `run_1`, as a pull made it: every result not tested yet."""
    return seed_server_run(engine, project, "Regression", server_id="run_1")


def server_run(
    project: SeededProject,
    statuses: Sequence[ResultStatus] | None = None,
    *,
    server_id: str = "run_1",
    name: str = "Regression",
    status: str = "active",
    milestone_id: str | None = None,
    updated_at: datetime = LATER,
) -> RemoteRun:
    verdicts = list(statuses) if statuses is not None else [NT] * len(project.case_ids)
    closed = status in ("closed", "completed")
    summary = RunSummary.from_statuses(verdicts)
    return RemoteRun(
        server_id=server_id,
        name=name,
        status=status,
        summary=summary,
        milestone_id=milestone_id,
        created_by="user_ana",
        created_at=EPOCH,
        updated_at=updated_at,
        pass_rate=summary.pass_rate if closed else None,
        closed_at=updated_at if closed else None,
    )


def server_results(
    project: SeededProject,
    run_id: int,
    statuses: Sequence[ResultStatus] | None = None,
    *,
    tested_by: str | None = "user_bo",
) -> list[RemoteResult]:
    """The results of `run_id` as the server has them (ids as `seed_server_run` made them)."""
    verdicts = list(statuses) if statuses is not None else [NT] * len(project.case_ids)
    return [
        RemoteResult(
            server_id=f"res_{run_id}_{position}",
            test_case_id=case_id,
            test_case_title=f"Case {case_id}",
            status=verdict,
            note=f"server note {position}" if verdict != NT else None,
            elapsed=30 if verdict != NT else None,
            tested_by=tested_by if verdict != NT else None,
            tested_at=LATER if verdict != NT else None,
        )
        for position, (case_id, verdict) in enumerate(zip(project.case_ids, verdicts, strict=True))
    ]


def apply(
    engine: Engine, project: SeededProject, run: RemoteRun, results: Sequence[RemoteResult]
) -> Reconciled:
    with write_session(engine) as session:
        return apply_run_detail(session, project.project_id, run, results, NOW)


def list_page(engine: Engine, project: SeededProject, *runs: RemoteRun) -> PageOutcome:
    with write_session(engine) as session:
        return reconcile_run_page(session, project.project_id, runs)


def vanish(engine: Engine, project: SeededProject, *listed: str) -> Reconciled:
    with write_session(engine) as session:
        return remove_vanished_runs(session, project.project_id, set(listed))


def set_outbox_state(engine: Engine, state: OutboxState) -> None:
    with write_session(engine) as session:
        session.execute(update(OUTBOX).values(state=state.value))


def verdicts(first: Sequence[ResultStatus], total: int) -> list[ResultStatus]:
    return [*first, *[NT] * (total - len(first))]


# New runs and plain server changes ---------------------------------------------------------


def test_a_new_run_arrives_with_its_results_in_the_servers_order(
    engine: Engine, project: SeededProject, queries: Queries
) -> None:
    statuses = verdicts([PASSED, FAILED], len(project.case_ids))
    run = server_run(project, statuses, server_id="run_new", name="Smoke")
    results = list(reversed(server_results(project, 99, statuses)))

    outcome = apply(engine, project, run, results)

    (row,) = queries.runs(project.project_id)
    assert (row.server_id, row.name, row.created_by) == ("run_new", "Smoke", "user_ana")
    assert row.summary == RunSummary(passed=1, failed=1, not_tested=len(project.case_ids) - 2)
    cached = queries.results(row.id)
    assert [result.server_id for result in cached] == [result.server_id for result in results]
    assert [result.position for result in cached] == list(range(len(results)))
    assert outcome.run_ids == {row.id}
    assert outcome.result_ids == {result.id for result in cached}


def test_server_values_replace_cached_ones(
    engine: Engine, project: SeededProject, queries: Queries, run_id: int
) -> None:
    statuses = verdicts([PASSED, FAILED, PASSED], len(project.case_ids))
    run = server_run(project, statuses, name="Regression 2", milestone_id=project.milestone_ids[1])

    outcome = apply(engine, project, run, server_results(project, run_id, statuses))

    row = queries.run(run_id)
    assert (row.name, row.milestone_id) == ("Regression 2", project.milestone_ids[1])
    assert row.summary == RunSummary(passed=2, failed=1, not_tested=len(project.case_ids) - 3)
    first = queries.results(run_id)[0]
    assert (first.status, first.note, first.elapsed) == (PASSED, "server note 0", 30)
    assert (first.tested_by, first.tested_at) == ("user_bo", LATER)
    changed = {result.id for result in queries.results(run_id)[:3]}
    assert outcome == Reconciled(run_ids=frozenset({run_id}), result_ids=frozenset(changed))


def test_applying_the_same_detail_again_changes_nothing(
    engine: Engine, project: SeededProject, run_id: int
) -> None:
    statuses = verdicts([FAILED], len(project.case_ids))
    run = server_run(project, statuses)
    apply(engine, project, run, server_results(project, run_id, statuses))

    assert apply(engine, project, run, server_results(project, run_id, statuses)) == Reconciled()


# Unsent local changes keep their values -------------------------------------------------------


@pytest.mark.parametrize(
    "state", [OutboxState.PENDING, OutboxState.IN_FLIGHT, OutboxState.REJECTED]
)
def test_an_unsent_rename_and_move_keep_the_local_values(
    engine: Engine,
    project: SeededProject,
    commands: EditCommands,
    queries: Queries,
    run_id: int,
    state: OutboxState,
) -> None:
    commands.update_run(run_id, name="Mine", milestone_id=project.milestone_ids[0])
    set_outbox_state(engine, state)
    run = server_run(project, name="Theirs", milestone_id=project.milestone_ids[1])

    apply(engine, project, run, server_results(project, run_id))

    row = queries.run(run_id)
    assert (row.name, row.milestone_id) == ("Mine", project.milestone_ids[0])


def test_only_the_fields_in_the_unsent_change_keep_their_local_value(
    engine: Engine, project: SeededProject, commands: EditCommands, queries: Queries, run_id: int
) -> None:
    commands.update_run(run_id, name="Mine")
    run = server_run(project, name="Theirs", milestone_id=project.milestone_ids[1])

    list_page(engine, project, run)

    row = queries.run(run_id)
    assert (row.name, row.milestone_id) == ("Mine", project.milestone_ids[1])


@pytest.mark.parametrize(
    "state", [OutboxState.PENDING, OutboxState.IN_FLIGHT, OutboxState.WAITING_SUPPORT]
)
def test_an_unsent_result_keeps_its_verdict_but_takes_the_servers_tester(
    engine: Engine,
    project: SeededProject,
    commands: EditCommands,
    queries: Queries,
    run_id: int,
    state: OutboxState,
) -> None:
    target = queries.results(run_id)[0]
    commands.record_result(target.id, FAILED, "broken here", 12)
    set_outbox_state(engine, state)
    statuses = verdicts([PASSED, PASSED], len(project.case_ids))

    apply(engine, project, server_run(project, statuses), server_results(project, run_id, statuses))

    kept = queries.result(target.id)
    assert (kept.status, kept.note, kept.elapsed) == (FAILED, "broken here", 12)
    assert (kept.tested_by, kept.tested_at, kept.executed_at) == ("user_bo", LATER, NOW)
    assert kept.undelivered == 1
    # Counts come from the local results, so the unsent verdict counts, not the server's.
    summary = queries.run(run_id).summary
    assert summary == RunSummary(passed=1, failed=1, not_tested=len(project.case_ids) - 2)


def test_a_result_gone_from_the_server_is_deleted_unless_a_change_is_unsent(
    engine: Engine, project: SeededProject, commands: EditCommands, queries: Queries, run_id: int
) -> None:
    cached = queries.results(run_id)
    commands.record_result(cached[1].id, PASSED)
    remaining = server_results(project, run_id)[2:]

    outcome = apply(engine, project, server_run(project, [NT] * len(remaining)), remaining)

    assert {result.id for result in queries.results(run_id)} == {r.id for r in cached[1:]}
    assert cached[0].id in outcome.result_ids
    assert queries.run(run_id).summary == RunSummary(passed=1, not_tested=len(remaining))


def test_results_without_server_ids_are_matched_by_test_case(
    engine: Engine, project: SeededProject, queries: Queries
) -> None:
    """A run created here and delivered: its results learn their server ids, none doubled."""
    local = seed_server_run(engine, project, "Offline run")
    with write_session(engine) as session:
        session.execute(update(RUN).where(RUN.c.id == local).values(server_id="run_adopted"))
    results = server_results(project, 500)

    apply(engine, project, server_run(project, server_id="run_adopted"), results)

    cached = queries.results(local)
    assert [result.server_id for result in cached] == [result.server_id for result in results]
    assert len(queries.runs(project.project_id)) == 1


# Runs closed on the server ------------------------------------------------------------------


def test_a_run_closed_on_the_server_turns_read_only_and_queued_changes_conflict(
    engine: Engine, project: SeededProject, commands: EditCommands, queries: Queries, run_id: int
) -> None:
    target = queries.results(run_id)[0]
    commands.record_result(target.id, FAILED, "mine")
    statuses = verdicts([PASSED], len(project.case_ids))
    closed = server_run(project, statuses, status="closed")

    outcome = list_page(engine, project, closed)

    assert outcome.to_fetch == ("run_1",)
    assert outcome.changes.conflicts == 1
    assert outcome.changes.result_ids == {target.id}, "its row now needs attention"
    assert queries.run(run_id).is_read_only
    (entry,) = queries.outbox()
    assert (entry.kind, entry.state, entry.last_error) == (
        OutboxKind.SET_RESULT,
        OutboxState.CONFLICT,
        CLOSED_ON_SERVER,
    )
    detail = apply(engine, project, closed, server_results(project, run_id, statuses))
    assert detail.conflicts == 0  # already a conflict: counted once
    kept = queries.result(target.id)
    assert (kept.status, kept.note, kept.parked_state) == (FAILED, "mine", OutboxState.CONFLICT)
    row = queries.run(run_id)
    assert (row.status, row.final_pass_rate, row.closed_at) == ("closed", closed.pass_rate, LATER)


def test_parked_entries_stay_as_they_are_when_the_server_closes_the_run(
    engine: Engine, project: SeededProject, commands: EditCommands, queries: Queries, run_id: int
) -> None:
    commands.update_run(run_id, name="Mine")
    set_outbox_state(engine, OutboxState.WAITING_SUPPORT)

    outcome = list_page(engine, project, server_run(project, status="completed"))

    assert outcome.changes.conflicts == 0
    assert queries.outbox()[0].state == OutboxState.WAITING_SUPPORT
    assert queries.run(run_id).status == "completed"


def test_a_queued_close_is_dropped_once_the_server_closed_the_run(
    engine: Engine, project: SeededProject, commands: EditCommands, queries: Queries, run_id: int
) -> None:
    commands.close_run(run_id)

    outcome = list_page(engine, project, server_run(project, status="closed"))

    assert queries.outbox() == []
    assert outcome.changes.conflicts == 0
    assert queries.run(run_id).closed_at == LATER


def test_a_run_closed_here_stays_closed_while_its_close_is_unsent(
    engine: Engine, project: SeededProject, commands: EditCommands, queries: Queries, run_id: int
) -> None:
    commands.close_run(run_id)

    apply(engine, project, server_run(project, name="Renamed"), server_results(project, run_id))

    row = queries.run(run_id)
    assert (row.status, row.closed_at, row.name) == ("closed", NOW, "Renamed")
    assert queries.outbox()[0].kind == OutboxKind.CLOSE_RUN


# The run list ---------------------------------------------------------------------------------


def test_the_list_asks_for_details_of_new_and_changed_runs_only(
    engine: Engine, project: SeededProject, run_id: int
) -> None:
    run = server_run(project)
    assert list_page(engine, project, run).to_fetch == ("run_1",)  # never fetched yet
    apply(engine, project, run, server_results(project, run_id))
    newcomer = server_run(project, server_id="run_2")

    assert list_page(engine, project, run, newcomer).to_fetch == ("run_2",)
    moved = replace(run, updated_at=LATER + timedelta(seconds=1))
    assert list_page(engine, project, moved).to_fetch == ("run_1",)
    recounted = replace(run, summary=RunSummary(passed=1, not_tested=len(project.case_ids) - 1))
    assert list_page(engine, project, recounted).to_fetch == ("run_1",)
    assert list_page(engine, project, run).to_fetch == ()


# Runs gone from the server ------------------------------------------------------------------


def test_a_vanished_run_is_removed_with_its_results(
    engine: Engine, project: SeededProject, queries: Queries, run_id: int
) -> None:
    kept = seed_server_run(engine, project, "Still there", server_id="run_kept")

    outcome = vanish(engine, project, "run_kept")

    assert [row.id for row in queries.runs(project.project_id)] == [kept]
    assert queries.results(run_id) == []
    assert outcome == Reconciled(run_ids=frozenset({run_id}), removed=1)


def test_a_vanished_run_with_unsent_work_is_kept_and_flagged(
    engine: Engine, project: SeededProject, commands: EditCommands, queries: Queries, run_id: int
) -> None:
    commands.record_result(queries.results(run_id)[0].id, PASSED)

    outcome = vanish(engine, project)

    assert queries.run(run_id).missing_on_server
    assert outcome == Reconciled(run_ids=frozenset({run_id}))
    assert vanish(engine, project) == Reconciled()  # already flagged

    list_page(engine, project, server_run(project))  # listed again: the flag goes
    assert not queries.run(run_id).missing_on_server


def test_runs_created_offline_are_never_removed(
    engine: Engine, project: SeededProject, commands: EditCommands, queries: Queries
) -> None:
    offline = seed_server_run(engine, project, "Never synced")
    created = commands.create_run(project.project_id, "New here", project.case_ids[:2])

    assert vanish(engine, project) == Reconciled()
    assert {row.id for row in queries.runs(project.project_id)} == {offline, created.id}


# Project and catalogue ----------------------------------------------------------------------


def test_the_project_row_is_inserted_then_refreshed(engine: Engine, queries: Queries) -> None:
    project = RemoteProject("proj_x", "Shop", "SH", None, EPOCH, EPOCH)
    with write_session(engine) as session:
        assert upsert_project(session, project)
        assert not upsert_project(session, project)
        assert upsert_project(session, replace(project, name="Web Shop"))

    assert [(p.id, p.name) for p in queries.projects()] == [("proj_x", "Web Shop")]


def catalog_case(case_id: str, *steps: str, title: str = "A case") -> RemoteTestCase:
    return RemoteTestCase(
        id=case_id,
        title=title,
        folder_id="fld",
        priority="high",
        type="functional",
        precondition=None,
        expected_result="works",
        created_at=EPOCH,
        updated_at=EPOCH,
        steps=tuple(RemoteStep(number, action, None) for number, action in enumerate(steps, 1)),
    )


def catalog_milestone(milestone_id: str, name: str = "Release") -> RemoteMilestone:
    return RemoteMilestone(
        milestone_id, name, None, "active", None, "2026-12-24", None, 0.5, EPOCH, EPOCH
    )


def sync(
    engine: Engine, project: SeededProject, cases: list[RemoteTestCase], ms: list[RemoteMilestone]
) -> bool:
    with write_session(engine) as session:
        return sync_catalog(session, project.project_id, cases, ms)


def test_the_catalogue_becomes_what_the_server_lists(
    engine: Engine, project: SeededProject, queries: Queries
) -> None:
    cases = [catalog_case("tc_a", "Open", "Click"), catalog_case("tc_b", "Look")]
    milestones = [catalog_milestone("ms_a")]

    assert sync(engine, project, cases, milestones)

    assert {case.id for case in queries.test_cases(project.project_id)} == {"tc_a", "tc_b"}
    assert [step.action for step in queries.test_case("tc_a").steps] == ["Open", "Click"]
    assert [ms.id for ms in queries.milestones(project.project_id)] == ["ms_a"]
    assert not sync(engine, project, cases, milestones)


def test_changed_steps_and_titles_are_rewritten(
    engine: Engine, project: SeededProject, queries: Queries
) -> None:
    sync(engine, project, [catalog_case("tc_a", "Open", "Click")], [catalog_milestone("ms_a")])

    assert sync(
        engine,
        project,
        [catalog_case("tc_a", "Open", title="Renamed")],
        [catalog_milestone("ms_a", "Renamed release")],
    )

    detail = queries.test_case("tc_a")
    assert (detail.title, [step.action for step in detail.steps]) == ("Renamed", ["Open"])
    assert queries.milestones(project.project_id)[0].name == "Renamed release"
