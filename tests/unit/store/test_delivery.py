"""The store side of delivering the outbox: what a push reads, and what it forgets."""

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine

from app.store import EditCommands, OutboxKind, OutboxState, Queries
from app.store.delivery import Delivery, RunTarget
from tests.builders import SeededProject, seed_project, seed_server_run

NOW = datetime(2026, 11, 28, 14, 30, 15, 250000, tzinfo=UTC)


@pytest.fixture
def delivery(engine: Engine) -> Delivery:
    return Delivery(engine)


@pytest.fixture
def commands(engine: Engine) -> EditCommands:
    return EditCommands(engine, clock=lambda: NOW)


def record_first_results(engine: Engine, run_id: int, count: int, status: str = "passed") -> None:
    commands = EditCommands(engine, clock=lambda: NOW)
    for result in Queries(engine).results(run_id)[:count]:
        commands.record_result(result.id, status, "note", 12)


def test_the_queue_groups_entries_by_run_in_the_order_of_their_first_entry(
    engine: Engine, project: SeededProject, delivery: Delivery
) -> None:
    first = seed_server_run(engine, project, "First", server_id="run_1")
    second = seed_server_run(engine, project, "Second", server_id="run_2")
    record_first_results(engine, second, 1)
    record_first_results(engine, first, 2)
    record_first_results(engine, second, 1, "failed")

    queue = delivery.queue(project.project_id, NOW)

    assert [run for run, _ in queue] == [
        RunTarget(second, project.project_id, "run_2", "Second"),
        RunTarget(first, project.project_id, "run_1", "First"),
    ]
    assert [[entry.seq for entry in entries] for _, entries in queue] == [[1, 4], [2, 3]]
    entry = queue[0][1][0]
    assert (entry.kind, entry.state, entry.attempts, entry.due) == (
        OutboxKind.SET_RESULT,
        OutboxState.PENDING,
        0,
        True,
    )
    assert queue[1][1] == delivery.entries_of_run(first, NOW)


def test_the_queue_holds_parked_entries_but_not_other_projects(
    engine: Engine, project: SeededProject, delivery: Delivery
) -> None:
    run_id = seed_server_run(engine, project, server_id="run_1")
    other = seed_server_run(engine, seed_project(engine, "proj_2"), server_id="run_9")
    record_first_results(engine, run_id, 2)
    record_first_results(engine, other, 1)
    delivery.park([2], OutboxState.REJECTED, "no such case")

    ((_, entries),) = delivery.queue(project.project_id, NOW)

    assert [(entry.seq, entry.state) for entry in entries] == [
        (1, OutboxState.PENDING),
        (2, OutboxState.REJECTED),
    ]


@pytest.mark.parametrize(
    ("retry_in", "due"),
    [
        (None, True),
        (timedelta(microseconds=-1), True),
        (timedelta(0), True),
        (timedelta(microseconds=1), False),
        (timedelta(days=400), False),
    ],
)
def test_an_entry_is_due_once_its_next_attempt_time_has_come(
    engine: Engine,
    project: SeededProject,
    delivery: Delivery,
    retry_in: timedelta | None,
    due: bool,
) -> None:
    run_id = seed_server_run(engine, project, server_id="run_1")
    record_first_results(engine, run_id, 1)
    if retry_in is not None:
        delivery.reschedule(1, "HTTP 503", NOW + retry_in)

    ((_, (entry,)),) = delivery.queue(project.project_id, NOW)

    assert entry.due is due
    assert entry.attempts == (0 if retry_in is None else 1)


def test_due_is_judged_in_utc_whatever_the_clock_zone(
    engine: Engine, project: SeededProject, delivery: Delivery
) -> None:
    run_id = seed_server_run(engine, project, server_id="run_1")
    record_first_results(engine, run_id, 1)
    delivery.reschedule(1, "HTTP 503", NOW + timedelta(seconds=1))
    new_york = timezone(timedelta(hours=-5))

    ((_, (early,)),) = delivery.queue(project.project_id, NOW.astimezone(new_york))
    ((_, (on_time,)),) = delivery.queue(
        project.project_id, (NOW + timedelta(seconds=1)).astimezone(new_york)
    )

    assert (early.due, on_time.due) == (False, True)


def test_a_result_entry_holds_exactly_the_bulk_item_it_is_sent_as(
    engine: Engine, project: SeededProject, delivery: Delivery, commands: EditCommands
) -> None:
    run_id = seed_server_run(engine, project, server_id="run_1")
    result = Queries(engine).results(run_id)[0]
    commands.record_result(result.id, " Untested ", "Spinner never stops", 95.0)

    ((_, (entry,)),) = delivery.queue(project.project_id, NOW)

    assert json.loads(entry.payload) == {
        "test_case_id": result.test_case_id,
        "status": "not_tested",
        "note": "Spinner never stops",
        "elapsed": 95,
    }
    assert entry.data() == json.loads(entry.payload)


def test_delivered_forgets_exactly_the_given_entries(
    engine: Engine, project: SeededProject, delivery: Delivery
) -> None:
    run_id = seed_server_run(engine, project, server_id="run_1")
    record_first_results(engine, run_id, 4)

    delivery.delivered([1, 3])
    delivery.delivered([])
    delivery.delivered([3])  # already gone: nothing happens

    assert [entry.seq for entry in Queries(engine).outbox()] == [2, 4]
    assert delivery.seqs_of_run(run_id) == [2, 4]
    assert delivery.created_at(2) == NOW
    assert delivery.created_at(3) is None


def test_delivered_forgets_more_entries_than_one_statement_takes(
    engine: Engine, delivery: Delivery
) -> None:
    project = seed_project(engine, cases=501)
    run_id = seed_server_run(engine, project, server_id="run_1")
    record_first_results(engine, run_id, 501)
    record_first_results(engine, run_id, 1, "failed")  # seq 502 stays

    delivery.delivered(range(1, 502))

    assert [entry.seq for entry in Queries(engine).outbox()] == [502]


def test_make_due_ends_retry_delays_of_the_project_only(
    engine: Engine, project: SeededProject, delivery: Delivery
) -> None:
    run_id = seed_server_run(engine, project, server_id="run_1")
    record_first_results(engine, run_id, 3)
    delivery.reschedule(1, "HTTP 503", NOW + timedelta(minutes=5))
    delivery.reschedule(2, "HTTP 503", NOW + timedelta(minutes=5), keep_in_flight=True)
    delivery.park([3], OutboxState.REJECTED, "The note is too long.")
    other = seed_project(engine, "proj_other", cases=2)
    other_run = seed_server_run(engine, other, server_id="run_other")
    record_first_results(engine, other_run, 1)
    delivery.reschedule(4, "HTTP 503", NOW + timedelta(minutes=5))

    assert delivery.make_due(project.project_id) == 2

    ((_, entries),) = delivery.queue(project.project_id, NOW)
    assert [(e.seq, e.state, e.due) for e in entries] == [
        (1, OutboxState.PENDING, True),
        (2, OutboxState.IN_FLIGHT, True),
        (3, OutboxState.REJECTED, True),
    ]
    ((_, (elsewhere,)),) = delivery.queue(other.project_id, NOW)
    assert not elsewhere.due
