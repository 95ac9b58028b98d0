from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, text

from app.domain import ResultStatus
from app.store import EditCommands, OutboxKind, OutboxState, Queries
from app.store.sync_issues import SyncIssue, fetch_sync_issues
from tests.builders import EPOCH, SeededProject, seed_project, seed_server_run

CLOCK_AT = EPOCH + timedelta(hours=3)


@pytest.fixture
def commands(engine: Engine) -> EditCommands:
    return EditCommands(engine, clock=lambda: CLOCK_AT)


@pytest.fixture
def run_id(engine: Engine, project: SeededProject) -> int:
    return seed_server_run(engine, project, "Sprint 42", server_id="run_1")


def set_entry(engine: Engine, seq: int, **values: object) -> None:
    """Move an entry the way the sync engine would (park it, record a failure)."""
    assignments = ", ".join(f"{name} = :{name}" for name in values)
    with engine.begin() as connection:
        connection.execute(
            text(f"UPDATE outbox SET {assignments} WHERE seq = :seq"), values | {"seq": seq}
        )


def last_seq(engine: Engine) -> int:
    return Queries(engine).outbox()[-1].seq


def test_a_fresh_outbox_has_no_issues(engine: Engine, commands: EditCommands, run_id: int) -> None:
    result = Queries(engine).results(run_id)[0]
    commands.record_result(result.id, ResultStatus.PASSED)

    assert fetch_sync_issues(engine) == []


def test_parked_result_is_listed_with_its_run_and_test_case(
    engine: Engine, commands: EditCommands, run_id: int
) -> None:
    result = Queries(engine).results(run_id)[2]
    commands.record_result(result.id, ResultStatus.FAILED, "Button missing", 95)
    seq = last_seq(engine)
    set_entry(
        engine, seq, state="rejected", last_error="The server rejected the request.", attempts=1
    )

    [issue] = fetch_sync_issues(engine)

    assert issue == SyncIssue(
        seq=seq,
        kind=OutboxKind.SET_RESULT,
        state=OutboxState.REJECTED,
        run_id=run_id,
        run_name="Sprint 42",
        run_milestone_name=None,
        result_id=result.id,
        test_case_title=result.test_case_title,
        payload=issue.payload,
        attempts=1,
        last_error="The server rejected the request.",
        created_at=CLOCK_AT,
        next_attempt_at=None,
    )
    assert issue.data() == {
        "test_case_id": result.test_case_id,
        "status": "failed",
        "note": "Button missing",
        "elapsed": 95,
    }
    assert issue.is_parked


def test_every_parked_state_is_listed_in_seq_order(
    engine: Engine, commands: EditCommands, run_id: int
) -> None:
    results = Queries(engine).results(run_id)
    for result in results[:4]:
        commands.record_result(result.id, ResultStatus.PASSED)
    seqs = [entry.seq for entry in Queries(engine).outbox()]
    set_entry(engine, seqs[3], state="conflict", last_error="closed")
    set_entry(engine, seqs[0], state="waiting_support", last_error="not offered")
    set_entry(engine, seqs[1], state="rejected")

    issues = fetch_sync_issues(engine)

    assert [issue.seq for issue in issues] == [seqs[0], seqs[1], seqs[3]]
    assert [issue.state for issue in issues] == [
        OutboxState.WAITING_SUPPORT,
        OutboxState.REJECTED,
        OutboxState.CONFLICT,
    ]


def test_failing_entries_still_retried_are_listed_but_quiet_pending_ones_are_not(
    engine: Engine, commands: EditCommands, run_id: int
) -> None:
    first, second = Queries(engine).results(run_id)[:2]
    commands.record_result(first.id, ResultStatus.PASSED)
    commands.record_result(second.id, ResultStatus.BLOCKED)
    failing = last_seq(engine)
    retry_at = datetime(2026, 11, 2, 12, 30, tzinfo=UTC)
    set_entry(
        engine,
        failing,
        attempts=3,
        last_error="The server did not answer in time.",
        next_attempt_at=retry_at.replace(tzinfo=None),
    )

    [issue] = fetch_sync_issues(engine)

    assert issue.seq == failing
    assert issue.state is OutboxState.PENDING
    assert not issue.is_parked
    assert issue.attempts == 3
    assert issue.next_attempt_at == retry_at


def test_run_changes_carry_the_run_name_and_milestone_without_a_result(
    engine: Engine, commands: EditCommands, project: SeededProject
) -> None:
    created = commands.create_run(
        project.project_id, "Smoke", project.case_ids[:2], project.milestone_ids[0]
    )
    commands.update_run(created.id, name="Smoke 2")
    commands.close_run(created.id)
    for entry in Queries(engine).outbox():
        set_entry(engine, entry.seq, state="waiting_support")

    issues = fetch_sync_issues(engine)

    assert [issue.kind for issue in issues] == [
        OutboxKind.CREATE_RUN,
        OutboxKind.UPDATE_RUN,
        OutboxKind.CLOSE_RUN,
    ]
    assert {issue.run_name for issue in issues} == {"Smoke 2"}
    assert {issue.run_milestone_name for issue in issues} == {"Release 2.1"}
    assert {issue.result_id for issue in issues} == {None}
    assert {issue.test_case_title for issue in issues} == {None}
    assert issues[0].data()["name"] == "Smoke"
    assert issues[1].data() == {"name": "Smoke 2"}


def test_records_are_frozen_and_give_a_fresh_payload_each_time(
    engine: Engine, commands: EditCommands, run_id: int
) -> None:
    result = Queries(engine).results(run_id)[0]
    commands.record_result(result.id, ResultStatus.RETEST, "again")
    set_entry(engine, last_seq(engine), state="conflict")
    [issue] = fetch_sync_issues(engine)

    issue.data()["note"] = "changed"

    assert issue.data()["note"] == "again"
    with pytest.raises(AttributeError):
        issue.state = OutboxState.PENDING  # type: ignore[misc]


def test_a_project_sees_only_its_own_issues(
    engine: Engine, commands: EditCommands, project: SeededProject, run_id: int
) -> None:
    other = seed_project(engine, project_id="proj_2", cases=2)
    other_run = seed_server_run(engine, other, "Elsewhere", server_id="run_2")
    for each in (run_id, other_run):
        commands.record_result(Queries(engine).results(each)[0].id, ResultStatus.BLOCKED)
        set_entry(engine, last_seq(engine), state="conflict", last_error="Closed on the server.")

    mine = fetch_sync_issues(engine, project.project_id)

    assert [issue.run_id for issue in mine] == [run_id]
    assert [i.run_id for i in fetch_sync_issues(engine, "proj_2")] == [other_run]
    assert len(fetch_sync_issues(engine)) == 2
    queries = Queries(engine)
    assert queries.undelivered_count(project.project_id) == 1
    assert queries.undelivered_count() == 2
