"""RunListModel: rows newest first, the roles, narrow updates, inserts and removals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.store import EditCommands, Queries, RunRow
from app.ui.runs import CREATED_ROLE, READ_ONLY_ROLE, RUN_ID_ROLE, RUN_ROLE, RunListModel
from tests.builders import SeededProject
from tests.gui.runs.helpers import add_run, shown_names


def _model(queries: Queries, project: SeededProject) -> RunListModel:
    model = RunListModel()
    model.set_runs(queries.runs(project.project_id))
    return model


def test_the_model_passes_the_model_tester_while_it_changes(
    qtmodeltester: ModelTester,
    database: Engine,
    project: SeededProject,
    queries: Queries,
    commands: EditCommands,
) -> None:
    first = add_run(database, project, "First", days=1)
    add_run(database, project, "Second", days=2, status="closed", passed=10)
    model = _model(queries, project)
    qtmodeltester.check(model, force_py=True)  # type: ignore[no-untyped-call]

    result = queries.results(first)[0]
    commands.record_result(result.id, "passed")
    model.upsert(queries.run(first))
    model.upsert(commands.create_run(project.project_id, "Made here", project.case_ids[:3]))
    model.remove(first)
    model.set_runs([])

    assert model.rowCount() == 0


def test_rows_are_newest_first_and_agree_with_the_sort_role(
    database: Engine, project: SeededProject, queries: Queries
) -> None:
    for name, days in (("Middle", 5), ("Oldest", 1), ("Newest", 9)):
        add_run(database, project, name, days=days)
    model = _model(queries, project)

    assert shown_names(model) == ["Newest", "Middle", "Oldest"]
    created = [model.index(row, 0).data(CREATED_ROLE) for row in range(model.rowCount())]
    assert created == sorted(created, reverse=True)


def test_the_roles_give_the_record_and_what_the_card_needs(
    database: Engine, project: SeededProject, queries: Queries
) -> None:
    run_id = add_run(database, project, "Closed run", passed=6, failed=2, status="closed")
    model = _model(queries, project)
    index = model.index(0, 0)

    record = index.data(RUN_ROLE)
    assert isinstance(record, RunRow)
    assert record.id == run_id == index.data(RUN_ID_ROLE)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Closed run"
    assert index.data(READ_ONLY_ROLE) is True
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "8/10 tested: 6 passed, 2 failed, 0 blocked, 0 retest, 2 not tested" in tooltip
    assert "Pass rate: 60.0%" in tooltip
    assert "Closed: read-only" in tooltip
    assert "closed, read-only" in index.data(Qt.ItemDataRole.AccessibleTextRole)


def test_an_active_run_is_not_read_only(
    database: Engine, project: SeededProject, queries: Queries
) -> None:
    add_run(database, project, "Open run")
    model = _model(queries, project)
    assert model.index(0, 0).data(READ_ONLY_ROLE) is False


def test_an_update_changes_one_row_in_place_with_a_narrow_signal(
    qtbot: QtBot,
    database: Engine,
    project: SeededProject,
    queries: Queries,
    commands: EditCommands,
) -> None:
    add_run(database, project, "Newer", days=3)
    older = add_run(database, project, "Older", days=1)
    model = _model(queries, project)
    commands.record_result(queries.results(older)[0].id, "failed")

    with (
        qtbot.waitSignal(model.dataChanged) as changed,
        qtbot.assertNotEmitted(model.rowsInserted),
        qtbot.assertNotEmitted(model.modelReset),
    ):
        model.upsert(queries.run(older))

    top_left, bottom_right = changed.args[0], changed.args[1]
    assert (top_left.row(), bottom_right.row()) == (1, 1)
    assert model.run_at(1).summary.failed == 1
    assert model.row_of(older) == 1


def test_a_new_run_is_inserted_where_its_date_puts_it(
    qtbot: QtBot, database: Engine, project: SeededProject, queries: Queries
) -> None:
    add_run(database, project, "Old", days=1)
    add_run(database, project, "New", days=9)
    model = _model(queries, project)
    middle = add_run(database, project, "Middle", days=5)

    with qtbot.waitSignal(model.rowsInserted) as inserted:
        model.upsert(queries.run(middle))

    assert inserted.args[1:] == [1, 1]
    assert shown_names(model) == ["New", "Middle", "Old"]
    assert model.row_of(middle) == 1
    assert middle in model


def test_removing_a_run_drops_its_row_and_reindexes(
    qtbot: QtBot, database: Engine, project: SeededProject, queries: Queries
) -> None:
    newest = add_run(database, project, "Newest", days=3)
    gone = add_run(database, project, "Gone", days=2)
    oldest = add_run(database, project, "Oldest", days=1)
    model = _model(queries, project)

    with qtbot.waitSignal(model.rowsRemoved):
        assert model.remove(gone) is True

    assert shown_names(model) == ["Newest", "Oldest"]
    assert (model.row_of(newest), model.row_of(oldest), model.row_of(gone)) == (0, 1, None)
    assert model.remove(gone) is False
