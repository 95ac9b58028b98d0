"""Closing the main window and opening a new one on the same workspace: nothing is lost.

The layout (geometry, pane sizes, result column widths), the run and result the tester was
on, and the stopwatch running on that result all come back; a damaged window.ini costs
only the layout, never the start.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableView
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from app.ui.run_detail.columns import Column
from app.ui.window_state import DEFAULT_SIZE
from app.ui.workspace import Workspace
from tests.gui.main_window.conftest import OpenWindow

# Qt fits a restored window onto the screen: the offscreen screen is 800 x 800 and the window
# is at least 960 wide, so only this width survives a restore (the default is 1360 x 860).
WINDOW_SIZE = QSize(960, 700)
PANE_SIZES = [250, 410, 300]
COLUMN_WIDTHS = {Column.TESTER: 150, Column.ELAPSED: 90}  # columns sized by the tester only
NOTE_WIDTH = 230  # the note column is also fitted to the pane
STOPWATCH_SECONDS = 95
ONE_MINUTE = 60  # generous slack: the second window opens well within it


def splitter(window: MainWindow) -> QSplitter:
    found = window.findChild(QSplitter, "paneSplitter")
    assert found is not None
    return found


def result_header(window: MainWindow) -> QHeaderView:
    table = window.findChild(QTableView, "resultTable")
    assert table is not None
    return table.horizontalHeader()


def column_widths(window: MainWindow) -> dict[Column, int]:
    header = result_header(window)
    return {column: header.sectionSize(column) for column in COLUMN_WIDTHS}


def arrange(qtbot: QtBot, window: MainWindow) -> None:
    """Size the window, its panes and two result columns as a tester might by hand."""
    window.resize(WINDOW_SIZE)
    qtbot.waitUntil(lambda: window.size() == WINDOW_SIZE)
    splitter(window).setSizes(PANE_SIZES)
    header = result_header(window)
    for column, width in COLUMN_WIDTHS.items():
        header.resizeSection(column, width)


def place_on_result(window: MainWindow, run_id: int, result_id: int) -> None:
    assert window.runs.select_run(run_id)
    assert window.detail.select_result(result_id)


def start_stopwatch_at(window: MainWindow, seconds: int) -> None:
    """Start the current result's stopwatch and set it to `seconds` (it keeps running)."""
    stopwatch = window.entry.stopwatch_panel.stopwatch
    stopwatch.start()
    stopwatch.set_seconds(seconds)
    assert stopwatch.running


def assert_stopwatch_continues(window: MainWindow, result_id: int) -> None:
    stopwatch = window.entry.stopwatch_panel.stopwatch
    assert stopwatch.current_result_id == result_id
    assert stopwatch.running, "the stopwatch stopped with the first window"
    assert STOPWATCH_SECONDS <= stopwatch.seconds() < STOPWATCH_SECONDS + ONE_MINUTE


def with_stopwatch_autostart(workspace: Workspace) -> Workspace:
    """The same workspace with the default setting: the stopwatch starts on opening."""
    return replace(workspace, settings=workspace.settings.replace(stopwatch_autostart=True))


def test_a_new_window_restores_the_layout_and_the_place(
    qtbot: QtBot, open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    """Geometry, pane sizes, column widths, run and result: as they were when it closed."""
    first = open_window(workspace)
    result_id = workspace.queries.results(run_id)[5].id
    place_on_result(first, run_id, result_id)
    arrange(qtbot, first)
    pane_sizes = splitter(first).sizes()
    assert column_widths(first) == COLUMN_WIDTHS
    assert first.close()

    second = open_window(workspace)

    assert second.size() == WINDOW_SIZE
    assert splitter(second).sizes() == pane_sizes
    assert column_widths(second) == COLUMN_WIDTHS
    assert second.runs.current_run_id() == run_id
    assert second.detail.current_result_id() == result_id
    assert second.entry.current_result_id() == result_id


def test_the_stopwatch_of_the_current_result_keeps_counting_across_a_restart(
    qtbot: QtBot, open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    """With the default settings, the second window's stopwatch runs on from its time."""
    workspace = with_stopwatch_autostart(workspace)
    first = open_window(workspace)
    result_id = workspace.queries.results(run_id)[5].id
    place_on_result(first, run_id, result_id)
    start_stopwatch_at(first, STOPWATCH_SECONDS)
    assert first.close()

    second = open_window(workspace)

    assert second.entry.current_result_id() == result_id
    assert_stopwatch_continues(second, result_id)


def test_a_stopwatch_started_by_hand_is_still_running_after_a_restart(
    qtbot: QtBot, open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    """Autostart off: the tester started the stopwatch; a restart must not pause it."""
    first = open_window(workspace)
    result_id = workspace.queries.results(run_id)[5].id
    place_on_result(first, run_id, result_id)
    start_stopwatch_at(first, STOPWATCH_SECONDS)
    assert first.close()

    second = open_window(workspace)

    assert second.entry.current_result_id() == result_id
    assert_stopwatch_continues(second, result_id)


def test_a_hand_sized_note_column_keeps_its_width_after_a_restart(
    qtbot: QtBot, open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    """The note column, sized by hand, comes back at that width (not re-fitted)."""
    first = open_window(workspace)
    assert first.runs.select_run(run_id)
    result_header(first).resizeSection(Column.NOTE, NOTE_WIDTH)
    assert first.close()

    second = open_window(workspace)

    assert result_header(second).sectionSize(Column.NOTE) == NOTE_WIDTH


def test_a_damaged_window_file_is_ignored_and_replaced_on_close(
    qtbot: QtBot, open_window: OpenWindow, workspace: Workspace, run_id: int
) -> None:
    """Garbage in window.ini: the window opens at its defaults, and closing writes a good file.

    The next window then restores what the tester arranged, so the damage costs one layout.
    """
    state_file = workspace.window_state_file
    state_file.parent.mkdir(parents=True, exist_ok=True)
    state_file.write_bytes(
        b"\x00\xff[window\n geometry=@ByteArray(\x01\x02 not a geometry)\n"
        b"splitter=@Variant(\x00garbage\nresult_columns=12\n[place]\nrun=abc\nresult=-4\n"
    )

    damaged = open_window(workspace)

    assert damaged.size() == QSize(*DEFAULT_SIZE)
    assert damaged.runs.current_run_id() == run_id, "no place to restore: the newest active run"
    assert damaged.detail.current_result_id() is None
    assert damaged.runs.select_run(run_id)
    arrange(qtbot, damaged)
    assert damaged.close()

    repaired = open_window(workspace)
    assert repaired.size() == WINDOW_SIZE
    assert repaired.runs.current_run_id() == run_id
