import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from app.domain import ResultStatus, RunSummary, ValidationError
from app.store import (
    DatabaseUnavailableError,
    EditCommands,
    EditRefusedError,
    NotFoundError,
    OutboxKind,
    OutboxState,
    Queries,
    create_engine,
)
from tests.builders import SeededProject, seed_project, seed_server_run

NOW = datetime(2026, 11, 28, 14, 30, tzinfo=UTC)


@pytest.fixture
def commands(engine: Engine) -> EditCommands:
    return EditCommands(engine, clock=lambda: NOW)


@pytest.fixture
def queries(engine: Engine) -> Queries:
    return Queries(engine)


@pytest.fixture
def run_id(engine: Engine, project: SeededProject) -> int:
    return seed_server_run(engine, project, "Nightly 41", server_id="run_41")


def snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables an edit may touch, to prove a refused edit wrote nothing."""
    with engine.connect() as connection:
        return {
            table: [tuple(row) for row in connection.execute(text(f"SELECT * FROM {table}"))]
            for table in ("run", "result", "outbox")
        }


class TestRecordResult:
    def test_writes_the_change_and_exactly_one_outbox_entry(
        self, commands: EditCommands, queries: Queries, run_id: int
    ) -> None:
        target = queries.results(run_id)[3]

        saved = commands.record_result(target.id, "failed", "Button is grey", 95)

        assert (saved.status, saved.note, saved.elapsed) == (
            ResultStatus.FAILED,
            "Button is grey",
            95,
        )
        assert saved.executed_at == NOW
        assert saved.undelivered == 1
        assert queries.result(target.id) == saved
        (entry,) = queries.outbox()
        assert entry.kind is OutboxKind.SET_RESULT
        assert (entry.run_id, entry.result_id) == (run_id, target.id)
        assert entry.state is OutboxState.PENDING
        assert entry.created_at == NOW
        assert entry.data() == {
            "test_case_id": target.test_case_id,
            "status": "failed",
            "note": "Button is grey",
            "elapsed": 95,
        }

    def test_keeps_the_run_counts_in_step(
        self, commands: EditCommands, queries: Queries, run_id: int
    ) -> None:
        first, second = queries.results(run_id)[:2]
        commands.record_result(first.id, "passed")
        commands.record_result(second.id, "blocked")
        commands.record_result(first.id, "retest")

        assert queries.run(run_id).summary == RunSummary(blocked=1, retest=1, not_tested=10)
        assert len(queries.outbox()) == 3

    def test_each_edit_gets_its_own_idempotency_key(
        self, commands: EditCommands, queries: Queries, run_id: int
    ) -> None:
        result = queries.results(run_id)[0]
        for status in ("passed", "failed", "passed"):
            commands.record_result(result.id, status)
        keys = [entry.idempotency_key for entry in queries.outbox()]
        assert len(set(keys)) == 3

    def test_reads_untested_as_not_tested(
        self, commands: EditCommands, queries: Queries, run_id: int
    ) -> None:
        result = queries.results(run_id)[0]
        commands.record_result(result.id, "passed")
        saved = commands.record_result(result.id, "untested")
        assert saved.status is ResultStatus.NOT_TESTED
        assert queries.outbox()[-1].data()["status"] == "not_tested"

    @pytest.mark.parametrize(
        ("status", "note", "elapsed", "field"),
        [
            ("done", None, None, "status"),
            ("passed", "x" * 10_001, None, "note"),
            ("passed", None, -3, "elapsed"),
            ("passed", None, 90_000, "elapsed"),
        ],
    )
    def test_invalid_input_is_refused_and_writes_nothing(
        self,
        engine: Engine,
        commands: EditCommands,
        queries: Queries,
        run_id: int,
        status: str,
        note: str | None,
        elapsed: int | None,
        field: str,
    ) -> None:
        result = queries.results(run_id)[0]
        before = snapshot(engine)
        with pytest.raises(ValidationError) as caught:
            commands.record_result(result.id, status, note, elapsed)
        assert caught.value.field == field
        assert snapshot(engine) == before

    def test_a_result_of_a_closed_run_is_refused(
        self, engine: Engine, commands: EditCommands, queries: Queries, project: SeededProject
    ) -> None:
        closed = seed_server_run(engine, project, "Sprint 9", status="closed", server_id="run_9")
        result = queries.results(closed)[0]
        before = snapshot(engine)

        with pytest.raises(EditRefusedError) as caught:
            commands.record_result(result.id, "passed")

        assert str(caught.value) == (
            "The run “Sprint 9” is closed, so its results can no longer be changed."
        )
        assert snapshot(engine) == before

    def test_completed_counts_as_closed(
        self, engine: Engine, commands: EditCommands, queries: Queries, project: SeededProject
    ) -> None:
        done = seed_server_run(engine, project, "Old", status="completed", server_id="run_8")
        with pytest.raises(EditRefusedError, match="is completed"):
            commands.record_result(queries.results(done)[0].id, "passed")

    def test_an_unknown_result_is_reported(self, commands: EditCommands) -> None:
        with pytest.raises(NotFoundError, match="no result 999"):
            commands.record_result(999, "passed")

    def test_a_failing_outbox_write_rolls_back_the_change(
        self, engine: Engine, commands: EditCommands, queries: Queries, run_id: int
    ) -> None:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "CREATE TRIGGER outbox_full BEFORE INSERT ON outbox "
                "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
            )
        before = snapshot(engine)
        with pytest.raises(Exception, match="database or disk is full"):
            commands.record_result(queries.results(run_id)[0].id, "passed", "kept?", 10)
        assert snapshot(engine) == before


class TestCreateRun:
    def test_creates_the_run_with_not_tested_results_and_one_outbox_entry(
        self, commands: EditCommands, queries: Queries, project: SeededProject
    ) -> None:
        cases = [project.case_ids[4], project.case_ids[0], project.case_ids[7]]

        run = commands.create_run(
            project.project_id, "  Smoke 1.2 ", cases, project.milestone_ids[1]
        )

        assert run.server_id is None
        assert run.key == f"local:{run.id}"
        assert (run.name, run.status, run.created_at) == ("Smoke 1.2", "active", NOW)
        assert run.milestone_id == project.milestone_ids[1]
        assert run.milestone_name == "Release 2.2"
        assert run.summary == RunSummary(not_tested=3)
        assert run.undelivered == 1
        results = queries.results(run.id)
        assert [result.test_case_id for result in results] == cases
        assert [result.test_case_title for result in results] == [f"Case {c}" for c in cases]
        assert {result.status for result in results} == {ResultStatus.NOT_TESTED}
        assert all(result.server_id is None for result in results)
        (entry,) = queries.outbox()
        assert (entry.kind, entry.run_id, entry.result_id) == (OutboxKind.CREATE_RUN, run.id, None)
        assert entry.data() == {
            "name": "Smoke 1.2",
            "test_case_ids": cases,
            "milestone_id": project.milestone_ids[1],
        }

    def test_repeated_cases_are_taken_once(
        self, commands: EditCommands, queries: Queries, project: SeededProject
    ) -> None:
        case = project.case_ids[0]
        run = commands.create_run(project.project_id, "Once", [case, case])
        assert len(queries.results(run.id)) == 1
        assert queries.outbox()[0].data()["test_case_ids"] == [case]

    @pytest.mark.parametrize(
        ("name", "cases", "milestone", "field", "message"),
        [
            ("  ", ["tc_proj_1_0001"], None, "name", "Give the run a name."),
            ("Run", [], None, "test_case_ids", "Select at least one test case"),
            (
                "Run",
                ["tc_proj_1_0001", "tc_nope"],
                None,
                "test_case_ids",
                "1 selected test case(s) are not in this project's local cache (tc_nope)",
            ),
            (
                "Run",
                ["tc_proj_1_0001"],
                "ms_nope",
                "milestone_id",
                "Milestone 'ms_nope' is not in this project's local cache",
            ),
        ],
    )
    def test_invalid_input_is_refused_and_writes_nothing(
        self,
        engine: Engine,
        commands: EditCommands,
        project: SeededProject,
        name: str,
        cases: list[str],
        milestone: str | None,
        field: str,
        message: str,
    ) -> None:
        before = snapshot(engine)
        with pytest.raises(ValidationError) as caught:
            commands.create_run(project.project_id, name, cases, milestone)
        assert caught.value.field == field
        assert message in caught.value.message
        assert snapshot(engine) == before

    def test_cases_of_another_project_are_refused(
        self, engine: Engine, commands: EditCommands, project: SeededProject
    ) -> None:
        other = seed_project(engine, "proj_2", cases=2, milestones=1)
        with pytest.raises(ValidationError, match="not in this project's local cache"):
            commands.create_run(project.project_id, "Mixed", [other.case_ids[0]])
        with pytest.raises(ValidationError, match="Milestone 'ms_proj_2_1'"):
            commands.create_run(project.project_id, "Mixed", project.case_ids[:1], "ms_proj_2_1")


class TestUpdateRun:
    def test_rename_queues_only_the_name(
        self, commands: EditCommands, queries: Queries, run_id: int
    ) -> None:
        run = commands.update_run(run_id, name=" Nightly 41 (rerun) ")
        assert run.name == "Nightly 41 (rerun)"
        (entry,) = queries.outbox()
        assert entry.kind is OutboxKind.UPDATE_RUN
        assert entry.data() == {"name": "Nightly 41 (rerun)"}

    def test_link_and_unlink_a_milestone(
        self, commands: EditCommands, queries: Queries, run_id: int, project: SeededProject
    ) -> None:
        linked = commands.update_run(run_id, milestone_id=project.milestone_ids[0])
        assert linked.milestone_name == "Release 2.1"
        unlinked = commands.update_run(run_id, milestone_id=None)
        assert (unlinked.milestone_id, unlinked.milestone_name) == (None, None)
        payloads = [entry.data() for entry in queries.outbox()]
        assert payloads == [{"milestone_id": project.milestone_ids[0]}, {"milestone_id": None}]

    def test_an_edit_that_changes_nothing_queues_nothing(
        self, engine: Engine, commands: EditCommands, run_id: int
    ) -> None:
        before = snapshot(engine)
        run = commands.update_run(run_id, name="Nightly 41", milestone_id=None)
        assert run.name == "Nightly 41"
        assert snapshot(engine) == before

    def test_invalid_names_and_milestones_are_refused(
        self, engine: Engine, commands: EditCommands, run_id: int
    ) -> None:
        before = snapshot(engine)
        with pytest.raises(ValidationError, match="250 or fewer"):
            commands.update_run(run_id, name="n" * 300)
        with pytest.raises(ValidationError, match="ms_gone"):
            commands.update_run(run_id, milestone_id="ms_gone")
        assert snapshot(engine) == before

    def test_a_closed_run_is_refused(
        self, engine: Engine, commands: EditCommands, project: SeededProject
    ) -> None:
        closed = seed_server_run(engine, project, "Sprint 9", status="closed", server_id="run_9")
        before = snapshot(engine)
        with pytest.raises(EditRefusedError, match="can no longer be renamed or moved"):
            commands.update_run(closed, name="Sprint 9b")
        assert snapshot(engine) == before


class TestCloseRun:
    def test_closes_locally_at_once_with_the_final_pass_rate(
        self, engine: Engine, commands: EditCommands, queries: Queries, project: SeededProject
    ) -> None:
        verdicts = [ResultStatus.PASSED] * 9 + [ResultStatus.FAILED] * 3
        run_id = seed_server_run(engine, project, "Nightly", verdicts, server_id="run_5")

        run = commands.close_run(run_id)

        assert (run.status, run.closed_at, run.is_read_only) == ("closed", NOW, True)
        assert run.pass_rate == 75.0
        (entry,) = queries.outbox()
        assert (entry.kind, entry.run_id, entry.data()) == (OutboxKind.CLOSE_RUN, run_id, {})

    def test_closing_twice_is_refused_with_the_reason(
        self, engine: Engine, commands: EditCommands, run_id: int
    ) -> None:
        commands.close_run(run_id)
        before = snapshot(engine)
        with pytest.raises(EditRefusedError, match="is closed, so it is already closed"):
            commands.close_run(run_id)
        assert snapshot(engine) == before

    def test_after_closing_nothing_in_the_run_can_change(
        self, commands: EditCommands, queries: Queries, run_id: int
    ) -> None:
        commands.close_run(run_id)
        with pytest.raises(EditRefusedError):
            commands.record_result(queries.results(run_id)[0].id, "passed")
        with pytest.raises(EditRefusedError):
            commands.update_run(run_id, name="Renamed")


def test_entries_keep_the_order_edits_were_made(
    commands: EditCommands, queries: Queries, project: SeededProject
) -> None:
    run = commands.create_run(project.project_id, "Flow", project.case_ids[:3])
    first = queries.results(run.id)[0]
    commands.record_result(first.id, "passed")
    commands.update_run(run.id, name="Flow 2")
    commands.close_run(run.id)

    entries = queries.outbox()
    assert [entry.kind for entry in entries] == [
        OutboxKind.CREATE_RUN,
        OutboxKind.SET_RESULT,
        OutboxKind.UPDATE_RUN,
        OutboxKind.CLOSE_RUN,
    ]
    assert [entry.seq for entry in entries] == sorted(entry.seq for entry in entries)
    assert json.loads(entries[1].payload)["test_case_id"] == project.case_ids[0]


def test_a_locked_database_is_reported_in_words_and_nothing_changes(
    tmp_path: Path, engine: Engine, project: SeededProject
) -> None:
    run_id = seed_server_run(engine, project, "Nightly", server_id="run_lock")
    result = Queries(engine).results(run_id)[0]
    impatient = create_engine(tmp_path / "testdeck.sqlite3", busy_timeout_ms=50)
    holder = sqlite3.connect(tmp_path / "testdeck.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(DatabaseUnavailableError, match="kept Testdeck's database busy"):
            EditCommands(impatient).record_result(result.id, "passed")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        impatient.dispose()
    assert Queries(engine).outbox() == []
    assert Queries(engine).result(result.id).status is ResultStatus.NOT_TESTED
