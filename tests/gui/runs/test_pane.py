"""RunsPane: what it shows, the signals it sends, and how it keeps the chosen run."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.store import EditCommands, Queries
from app.ui.runs import RunsPane
from app.ui.runs.pane import NEWEST_FIRST
from app.ui.runs.widgets import RunListView
from tests.builders import SeededProject, seed_project
from tests.gui.runs.conftest import MakePane
from tests.gui.runs.helpers import (
    NO_MODIFIER,
    add_run,
    click_row,
    forget_run,
    row_centre,
    shown_names,
)


def _parts(pane: RunsPane) -> tuple[QLineEdit, QComboBox, QComboBox, RunListView]:
    search = pane.findChild(QLineEdit, "runSearch")
    states = pane.findChild(QComboBox, "runStateFilter")
    milestones = pane.findChild(QComboBox, "runMilestoneFilter")
    view = pane.findChild(RunListView, "runList")
    assert search is not None
    assert states is not None
    assert milestones is not None
    assert view is not None
    return search, states, milestones, view


def _three_runs(database: Engine, project: SeededProject) -> list[int]:
    """Ids of "Newest", "Middle" and "Oldest", in the order the pane shows them."""
    return [
        add_run(database, project, "Newest", days=3),
        add_run(database, project, "Middle", days=2, milestone=project.milestone_ids[0]),
        add_run(database, project, "Oldest", days=1, status="closed", passed=10),
    ]


def test_every_control_has_a_name_and_an_accessible_name(
    make_pane: MakePane, database: Engine, project: SeededProject
) -> None:
    _three_runs(database, project)
    pane = make_pane()
    search, states, milestones, view = _parts(pane)

    for widget in (search, states, milestones, view):
        assert isinstance(widget, QWidget)
        assert widget.accessibleName()
    assert search.placeholderText() == "Search runs"
    assert search.isClearButtonEnabled()
    assert view.uniformItemSizes()
    assert [states.itemText(i) for i in range(states.count())] == ["All runs", "Active", "Closed"]
    assert [milestones.itemText(i) for i in range(milestones.count())] == [
        "All milestones",
        "Release 2.1",
        "Release 2.2",
        "No milestone",
    ]
    assert shown_names(view.model()) == ["Newest", "Middle", "Oldest"]
    count = pane.findChild(QLabel, "runCount")
    assert count is not None
    assert count.text() == "3 runs"


def test_a_click_selects_a_run(
    qtbot: QtBot, make_pane: MakePane, database: Engine, project: SeededProject
) -> None:
    ids = _three_runs(database, project)
    pane = make_pane()
    view = _parts(pane)[3]

    with qtbot.waitSignal(pane.run_selected) as selected:
        click_row(view, 1)

    assert selected.args == [ids[1]]
    assert pane.current_run_id() == ids[1]


def test_the_arrow_keys_move_the_selection(
    qtbot: QtBot, make_pane: MakePane, database: Engine, project: SeededProject
) -> None:
    ids = _three_runs(database, project)
    pane = make_pane()
    view = _parts(pane)[3]
    assert pane.select_run(ids[0])
    view.setFocus()

    with qtbot.waitSignal(pane.run_selected) as selected:
        QTest.keyClick(view, Qt.Key.Key_Down)
    assert selected.args == [ids[1]]

    with qtbot.waitSignal(pane.run_selected) as selected:
        QTest.keyClick(view, Qt.Key.Key_Up)
    assert selected.args == [ids[0]]


def test_up_on_the_first_run_goes_back_to_the_search(
    qtbot: QtBot, make_pane: MakePane, database: Engine, project: SeededProject
) -> None:
    ids = _three_runs(database, project)
    pane = make_pane()
    search, _, _, view = _parts(pane)
    pane.select_run(ids[0])
    view.setFocus()

    QTest.keyClick(view, Qt.Key.Key_Up)

    qtbot.waitUntil(search.hasFocus)
    assert pane.current_run_id() == ids[0]


def test_typing_filters_and_down_moves_into_the_matches(
    qtbot: QtBot, make_pane: MakePane, database: Engine, project: SeededProject
) -> None:
    ids = _three_runs(database, project)
    pane = make_pane()
    search, _, _, view = _parts(pane)
    pane.focus_search()

    QTest.keyClicks(search, "DLE")
    assert shown_names(view.model()) == ["Middle"]

    with qtbot.waitSignal(pane.run_selected) as selected:
        QTest.keyClick(search, Qt.Key.Key_Down)

    assert selected.args == [ids[1]]
    assert view.hasFocus()


def test_escape_clears_the_search(
    qtbot: QtBot, make_pane: MakePane, database: Engine, project: SeededProject
) -> None:
    _three_runs(database, project)
    pane = make_pane()
    search, _, _, view = _parts(pane)
    pane.focus_search()
    QTest.keyClicks(search, "old")
    assert view.model().rowCount() == 1

    QTest.keyClick(search, Qt.Key.Key_Escape)

    assert search.text() == ""
    assert view.model().rowCount() == 3


def test_enter_and_double_click_activate_a_run(
    qtbot: QtBot, make_pane: MakePane, database: Engine, project: SeededProject
) -> None:
    ids = _three_runs(database, project)
    pane = make_pane()
    search, _, _, view = _parts(pane)
    pane.select_run(ids[2])
    view.setFocus()

    with qtbot.waitSignal(pane.run_activated) as activated:
        QTest.keyClick(view, Qt.Key.Key_Return)
    assert activated.args == [ids[2]]

    with qtbot.waitSignal(pane.run_activated) as activated:
        QTest.mouseDClick(
            view.viewport(), Qt.MouseButton.LeftButton, NO_MODIFIER, row_centre(view, 1)
        )
    assert activated.args == [ids[1]]

    pane.focus_search()
    QTest.keyClicks(search, "newest")
    with qtbot.waitSignal(pane.run_activated) as activated:
        QTest.keyClick(search, Qt.Key.Key_Return)
    assert activated.args == [ids[0]]
    assert pane.current_run_id() == ids[0]


def test_refreshing_a_run_updates_its_counts_and_keeps_the_selection(
    qtbot: QtBot,
    make_pane: MakePane,
    database: Engine,
    project: SeededProject,
    queries: Queries,
    commands: EditCommands,
) -> None:
    ids = _three_runs(database, project)
    pane = make_pane()
    view = _parts(pane)[3]
    pane.select_run(ids[1])
    for result in queries.results(ids[1])[:4]:
        commands.record_result(result.id, "passed")

    with (
        qtbot.assertNotEmitted(pane.run_selected),
        qtbot.assertNotEmitted(pane.selection_cleared),
        qtbot.waitSignal(view.model().dataChanged) as changed,
    ):
        pane.refresh_runs([ids[1], ids[1]])

    assert changed.args[0].row() == changed.args[1].row() == 1
    run = view.model().index(1, 0).data(Qt.ItemDataRole.UserRole + 1)
    assert run.summary.passed == 4
    assert run.undelivered == 4
    assert "4 unsent" in view.model().index(1, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert pane.current_run_id() == ids[1]
    assert view.selectionModel().selectedRows()[0].row() == 1


def test_a_run_created_here_appears_first_with_its_badge(
    qtbot: QtBot,
    make_pane: MakePane,
    database: Engine,
    project: SeededProject,
    commands: EditCommands,
) -> None:
    ids = _three_runs(database, project)
    pane = make_pane()
    view = _parts(pane)[3]
    pane.select_run(ids[0])
    created = commands.create_run(project.project_id, "Made offline", project.case_ids[:2])
    assert created.server_id is None

    with qtbot.assertNotEmitted(pane.run_selected):
        pane.refresh_runs([created.id])

    assert shown_names(view.model()) == ["Made offline", "Newest", "Middle", "Oldest"]
    spoken = view.model().index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.endswith("not yet on server")
    assert pane.current_run_id() == ids[0]
    assert view.selectionModel().selectedRows()[0].row() == 1


def test_a_run_gone_from_the_cache_is_removed_and_unselected(
    qtbot: QtBot, make_pane: MakePane, database: Engine, project: SeededProject
) -> None:
    ids = _three_runs(database, project)
    pane = make_pane()
    pane.select_run(ids[1])
    forget_run(database, ids[1])

    with qtbot.waitSignal(pane.selection_cleared):
        pane.refresh_runs([ids[1]])

    assert shown_names(_parts(pane)[3].model()) == ["Newest", "Oldest"]
    assert pane.current_run_id() is None


def test_a_search_that_hides_the_chosen_run_keeps_it_chosen(
    qtbot: QtBot, make_pane: MakePane, database: Engine, project: SeededProject
) -> None:
    ids = _three_runs(database, project)
    pane = make_pane()
    search, _, _, view = _parts(pane)
    pane.select_run(ids[1])

    with (
        qtbot.assertNotEmitted(pane.run_selected),
        qtbot.assertNotEmitted(pane.selection_cleared),
    ):
        search.setText("oldest")
        search.clear()

    assert pane.current_run_id() == ids[1]
    assert view.selectionModel().selectedRows()[0].row() == 1


def test_select_run_clears_filters_that_hide_it(
    qtbot: QtBot, make_pane: MakePane, database: Engine, project: SeededProject
) -> None:
    ids = _three_runs(database, project)
    pane = make_pane()
    search, states, _, view = _parts(pane)
    search.setText("newest")
    states.setCurrentIndex(1)  # active only

    with qtbot.waitSignal(pane.run_selected) as selected:
        assert pane.select_run(ids[2])

    assert selected.args == [ids[2]]
    assert search.text() == ""
    assert states.currentIndex() == 0
    assert view.model().rowCount() == 3
    assert pane.select_run(999_999) is False


def test_reload_keeps_the_selection_and_the_scroll_position(
    qtbot: QtBot, make_pane: MakePane, database: Engine, project: SeededProject
) -> None:
    ids = [add_run(database, project, f"Run {n:02d}", days=n) for n in range(40)]
    pane = make_pane(height=400)
    view = _parts(pane)[3]
    pane.select_run(ids[20])
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    scrolled = view.verticalScrollBar().value()
    assert scrolled > 0
    add_run(database, project, "Older than all", days=-1)

    with (
        qtbot.assertNotEmitted(pane.run_selected),
        qtbot.assertNotEmitted(pane.selection_cleared),
    ):
        pane.reload()

    assert view.model().rowCount() == 41
    assert view.verticalScrollBar().value() == scrolled
    assert pane.current_run_id() == ids[20]
    assert view.selectionModel().selectedRows()[0].data() == "Run 20"


def test_another_project_replaces_the_runs_and_the_selection(
    qtbot: QtBot, make_pane: MakePane, database: Engine, project: SeededProject
) -> None:
    ids = _three_runs(database, project)
    other = seed_project(database, "proj_2", cases=3, milestones=1)
    add_run(database, other, "Elsewhere")
    pane = make_pane()
    search, _, milestones, view = _parts(pane)
    pane.select_run(ids[0])
    search.setText("new")

    with qtbot.waitSignal(pane.selection_cleared):
        pane.set_project(other.project_id)

    assert shown_names(view.model()) == ["Elsewhere"]
    assert search.text() == ""
    assert milestones.count() == 3
    assert pane.current_run_id() is None
    pane.refresh_runs([ids[0]])  # a run of the first project stays out
    assert shown_names(view.model()) == ["Elsewhere"]


def test_the_empty_view_says_why_it_is_empty(
    make_pane: MakePane, database: Engine, project: SeededProject
) -> None:
    pane = make_pane()
    search, states, _, view = _parts(pane)
    assert view.empty_text() == "No runs yet"

    add_run(database, project, "Active run")
    pane.reload()
    assert view.empty_text() == ""

    search.setText("xyz")
    assert view.empty_text() == "No run matches 'xyz'"

    search.clear()
    states.setCurrentIndex(2)  # closed only
    assert view.empty_text() == "No run matches these filters"
    count = pane.findChild(QLabel, "runCount")
    assert count is not None
    assert count.text() == "0 of 1 run"


def _long_list(database: Engine, count: int, *, closed_newest: int = 0) -> SeededProject:
    """A project of `count` runs a day apart, "Run 00" the oldest; the newest
    `closed_newest` of them closed."""
    long = seed_project(database, "proj_long", cases=2)
    for day in range(count):
        status = "closed" if day >= count - closed_newest else "active"
        add_run(database, long, f"Run {day:02d}", days=day, status=status)
    return long


@pytest.fixture
def unshown_pane(qtbot: QtBot, queries: Queries) -> Callable[[str], RunsPane]:
    """Makes a pane and hands it over straight away: no event has been processed yet."""
    hosts: list[QWidget] = []  # qtbot keeps only weak references

    def make(project_id: str) -> RunsPane:
        host = QWidget()
        hosts.append(host)
        qtbot.addWidget(host)
        return RunsPane(queries, project_id, host)

    return make


def test_a_long_list_shows_the_newest_runs_first_and_the_rest_once_painted(
    qtbot: QtBot, database: Engine, unshown_pane: Callable[[str], RunsPane]
) -> None:
    long = _long_list(database, NEWEST_FIRST + 5)
    pane = unshown_pane(long.project_id)
    view = _parts(pane)[3]
    count = pane.findChild(QLabel, "runCount")
    assert count is not None

    assert shown_names(view.model())[:2] == [f"Run {NEWEST_FIRST + 4}", f"Run {NEWEST_FIRST + 3}"]
    assert view.model().rowCount() == NEWEST_FIRST
    assert count.text() == f"{NEWEST_FIRST + 5} runs"  # the real number from the start

    host = pane.parentWidget()
    host.setMinimumSize(200, 200)
    host.resize(360, 600)
    host.show()
    qtbot.waitUntil(lambda: view.model().rowCount() == NEWEST_FIRST + 5)
    assert shown_names(view.model())[-1] == "Run 00"
    assert count.text() == f"{NEWEST_FIRST + 5} runs"


def test_older_runs_are_there_before_the_rest_is_read(
    qtbot: QtBot,
    database: Engine,
    queries: Queries,
    unshown_pane: Callable[[str], RunsPane],
) -> None:
    long = _long_list(database, NEWEST_FIRST + 5, closed_newest=NEWEST_FIRST)
    pane = unshown_pane(long.project_id)
    view = _parts(pane)[3]
    assert view.model().rowCount() == NEWEST_FIRST

    with qtbot.waitSignal(pane.run_selected):
        assert pane.select_newest_run()
    assert pane.current_run_id() == queries.find_run(long.project_id, "srv_proj_long_Run 04").id

    fresh = unshown_pane(long.project_id)
    search, _, _, fresh_view = _parts(fresh)
    search.setText("Run 0")
    assert shown_names(fresh_view.model()) == [f"Run 0{day}" for day in range(9, -1, -1)]

    other = unshown_pane(long.project_id)
    with qtbot.waitSignal(other.run_selected):
        assert other.select_run(queries.find_run(long.project_id, "srv_proj_long_Run 00").id)
