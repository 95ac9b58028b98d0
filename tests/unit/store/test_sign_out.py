"""Discarding every undelivered change of a project when the tester signs out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, select, update

from app.store import EditCommands, OutboxKind, OutboxState, Queries
from app.store.delivery import Delivery, discard_entry
from app.store.queries import OUTBOX, RESULT, RUN
from app.store.sign_out import DiscardedChanges, discard_undelivered
from tests.builders import SeededProject, new_database, seed_project, seed_server_run

NOW = datetime(2026, 11, 28, 14, 30, tzinfo=UTC)
FINGERPRINT = "etag-1"


@dataclass(frozen=True)
class Campaign:
    """Local work in two projects; `local_run` was created here and never delivered."""

    project: SeededProject
    other: SeededProject
    edited_run: int
    closed_run: int
    local_run: int
    untouched_run: int
    other_run: int
    other_local_run: int


def _first_result(engine: Engine, run_id: int) -> int:
    return Queries(engine).results(run_id)[0].id


def _make_campaign(engine: Engine) -> Campaign:
    project = seed_project(engine, "proj_1", cases=4)
    other = seed_project(engine, "proj_2", cases=3)
    commands = EditCommands(engine, clock=lambda: NOW)
    edited = seed_server_run(engine, project, "Edited", server_id="run_edited")
    closed = seed_server_run(engine, project, "Closed here", server_id="run_closed")
    untouched = seed_server_run(engine, project, "Untouched", server_id="run_untouched")
    other_run = seed_server_run(engine, other, "Other project", server_id="run_other")
    with engine.begin() as connection:
        connection.execute(update(RUN).values(remote_fingerprint=FINGERPRINT))
    commands.record_result(_first_result(engine, edited), "failed", "Spinner never stops", 95)
    commands.update_run(edited, name="Edited (renamed)")
    commands.record_result(_first_result(engine, closed), "passed")
    commands.close_run(closed)
    local = commands.create_run(project.project_id, "Made offline", project.case_ids[:2]).id
    commands.record_result(_first_result(engine, local), "blocked")
    commands.update_run(local, name="Made offline (2)")
    commands.record_result(_first_result(engine, other_run), "retest")
    other_local = commands.create_run(other.project_id, "Other offline", other.case_ids).id
    delivery = Delivery(engine)
    delivery.park([_seq(engine, edited, OutboxKind.UPDATE_RUN)], OutboxState.REJECTED, "taken")
    delivery.park([_seq(engine, closed, OutboxKind.CLOSE_RUN)], OutboxState.WAITING_SUPPORT, "")
    delivery.park([_seq(engine, local, OutboxKind.SET_RESULT)], OutboxState.CONFLICT, "closed")
    return Campaign(project, other, edited, closed, local, untouched, other_run, other_local)


def _seq(engine: Engine, run_id: int, kind: OutboxKind) -> int:
    return next(e.seq for e in Queries(engine).outbox() if (e.run_id, e.kind) == (run_id, kind))


def _table(engine: Engine, table: Any) -> list[tuple[Any, ...]]:
    """Every row; an outbox row without its idempotency key, which is random per database."""
    columns = [column for column in table.c if column.name != "idempotency_key"]
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(select(*columns).order_by(*columns))]


def _snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    tables = (("run", RUN), ("result", RESULT), ("outbox", OUTBOX))
    return {name: _table(engine, table) for name, table in tables}


def _outbox_runs(engine: Engine) -> list[int]:
    return [entry.run_id for entry in Queries(engine).outbox()]


@pytest.fixture
def campaign(engine: Engine) -> Campaign:
    return _make_campaign(engine)


def test_every_undelivered_change_of_the_project_is_discarded(
    engine: Engine, campaign: Campaign
) -> None:
    queries = Queries(engine)
    before = queries.outbox()
    theirs = {campaign.other_run, campaign.other_local_run}
    mine = [entry for entry in before if entry.run_id not in theirs]
    assert {entry.state for entry in mine} == {
        OutboxState.PENDING,
        OutboxState.REJECTED,
        OutboxState.WAITING_SUPPORT,
        OutboxState.CONFLICT,
    }
    assert {entry.kind for entry in mine} == set(OutboxKind)

    discarded = discard_undelivered(engine, campaign.project.project_id)

    assert discarded == DiscardedChanges(entries=len(mine), run_ids=(campaign.local_run,))
    left = queries.outbox()
    assert [entry.seq for entry in left] == [entry.seq for entry in before if entry not in mine]
    assert set(_outbox_runs(engine)) == theirs


def test_runs_created_here_go_and_the_others_are_downloaded_again(
    engine: Engine, campaign: Campaign
) -> None:
    results_before = _table(engine, RESULT)

    discard_undelivered(engine, campaign.project.project_id)

    runs = {row[0]: row for row in _table(engine, RUN)}
    assert campaign.local_run not in runs
    with engine.connect() as connection:
        orphans = connection.execute(
            select(RESULT.c.id).where(RESULT.c.run_id == campaign.local_run)
        ).all()
        fingerprints = dict(connection.execute(select(RUN.c.id, RUN.c.remote_fingerprint)).all())
    assert orphans == []
    # A pull fetches the runs whose changes were dropped, bringing back the server's values.
    assert fingerprints[campaign.edited_run] is None
    assert fingerprints[campaign.closed_run] is None
    # Runs without undelivered work, and the other project, keep what was delivered.
    assert fingerprints[campaign.untouched_run] == FINGERPRINT
    assert fingerprints[campaign.other_run] == FINGERPRINT
    assert campaign.other_local_run in runs
    # Results are never rewritten by a discard; only the removed run's results go with it.
    assert _table(engine, RESULT) == [row for row in results_before if row[2] != campaign.local_run]


def test_the_same_as_discarding_each_entry_on_its_own(tmp_path: Path) -> None:
    together = new_database(tmp_path / "together")
    one_by_one = new_database(tmp_path / "one-by-one")
    try:
        campaign = _make_campaign(together)
        _make_campaign(one_by_one)
        delivery = Delivery(one_by_one)
        ours = {campaign.edited_run, campaign.closed_run, campaign.local_run}
        for entry in Queries(one_by_one).outbox():
            if entry.run_id in ours:
                delivery.discard(entry.seq)

        discard_undelivered(together, campaign.project.project_id)

        assert _snapshot(together) == _snapshot(one_by_one)
    finally:
        together.dispose()
        one_by_one.dispose()


def test_a_failure_part_way_discards_nothing(
    engine: Engine, campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _snapshot(engine)
    calls: list[int] = []

    def failing_discard(connection: Connection, seq: int) -> list[int]:
        calls.append(seq)
        if len(calls) == 3:
            raise OSError("disk went away")
        return discard_entry(connection, seq)

    monkeypatch.setattr("app.store.sign_out.discard_entry", failing_discard)

    with pytest.raises(OSError, match="disk went away"):
        discard_undelivered(engine, campaign.project.project_id)

    assert len(calls) == 3
    assert _snapshot(engine) == before


def test_nothing_to_discard_changes_nothing(engine: Engine, campaign: Campaign) -> None:
    discard_undelivered(engine, campaign.project.project_id)
    after_first = _snapshot(engine)

    again = discard_undelivered(engine, campaign.project.project_id)
    unknown = discard_undelivered(engine, "proj_unknown")

    assert again == DiscardedChanges(entries=0, run_ids=())
    assert unknown == DiscardedChanges(entries=0, run_ids=())
    assert _snapshot(engine) == after_first
