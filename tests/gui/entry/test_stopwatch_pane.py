"""The stopwatch in the pane: autostart, pause, reset, edit, save, and surviving a restart."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from app.domain import ResultStatus
from app.store import EditCommands, Queries
from app.ui.entry import ResultEntryPane
from tests.gui.entry.conftest import FakeClock, Host, MakePane


def shown(pane: ResultEntryPane) -> tuple[str, str]:
    """What the stopwatch display and the elapsed field show, after a tick."""
    pane.stopwatch_panel.tick()
    return pane.stopwatch_panel.display.text(), pane.form.elapsed_edit.text()


def test_it_starts_when_a_result_is_opened_and_the_field_follows_it(
    pane: ResultEntryPane, clock: FakeClock, result_ids: list[int]
) -> None:
    pane.show_result(result_ids[0])
    assert pane.stopwatch_panel.stopwatch.running
    clock.advance(65)
    assert shown(pane) == ("1:05", "1:05")
    assert pane.stopwatch_panel.toggle_button.accessibleName() == "Pause stopwatch"


def test_the_real_timer_ticks_only_while_running(
    qtbot: QtBot, pane: ResultEntryPane, clock: FakeClock, result_ids: list[int]
) -> None:
    panel = pane.stopwatch_panel
    pane.show_result(result_ids[0])
    clock.advance(3)
    qtbot.waitUntil(lambda: panel.display.text() == "0:03", timeout=3000)
    panel.stopwatch.pause()
    assert not panel._tick.isActive()


def test_pause_resume_and_reset(
    qtbot: QtBot, host: Host, clock: FakeClock, result_ids: list[int]
) -> None:
    pane = host.pane
    panel = pane.stopwatch_panel
    pane.show_result(result_ids[0])
    clock.advance(10)
    qtbot.mouseClick(panel.toggle_button, Qt.MouseButton.LeftButton)  # pause
    clock.advance(50)
    assert shown(pane) == ("0:10", "0:10")
    assert panel.toggle_button.accessibleName() == "Start stopwatch"

    qtbot.keyClick(host.table, Qt.Key.Key_T)  # resume from the keyboard
    clock.advance(5)
    assert shown(pane) == ("0:15", "0:15")

    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    clock.advance(5)
    assert shown(pane) == ("0:00", "")
    assert not panel.stopwatch.running


def test_typing_a_time_sets_the_stopwatch(
    qtbot: QtBot, host: Host, clock: FakeClock, queries: Queries, result_ids: list[int]
) -> None:
    pane = host.pane
    pane.show_result(result_ids[0])
    clock.advance(20)
    edit = pane.form.elapsed_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "1:02:03")
    clock.advance(1)
    assert shown(pane)[1] == "1:02:03"  # a tick never overwrites what is being typed
    qtbot.keyClick(edit, Qt.Key.Key_Return)

    assert pane.stopwatch_panel.stopwatch.seconds() == 3723
    assert pane.stopwatch_panel.stopwatch.running
    clock.advance(7)
    assert shown(pane) == ("1:02:10", "1:02:10")
    assert pane.record_status(ResultStatus.PASSED)
    assert queries.result(result_ids[0]).elapsed == 3730


@pytest.mark.parametrize(("typed", "seconds"), [("90", 90), ("1:30", 90), ("0:01:30", 90)])
def test_the_three_ways_to_write_a_time(
    pane: ResultEntryPane, queries: Queries, result_ids: list[int], typed: str, seconds: int
) -> None:
    pane.show_result(result_ids[0])
    pane.form.elapsed_edit.setText(typed)
    assert pane.record_status(ResultStatus.PASSED)
    assert queries.result(result_ids[0]).elapsed == seconds


def test_a_save_stores_the_stopwatch_time_and_clears_it(
    pane: ResultEntryPane, clock: FakeClock, queries: Queries, result_ids: list[int]
) -> None:
    pane.show_result(result_ids[0])
    clock.advance(42.7)
    assert pane.record_status(ResultStatus.FAILED)

    assert queries.result(result_ids[0]).elapsed == 42
    stopwatch = pane.stopwatch_panel.stopwatch
    assert not stopwatch.running
    assert result_ids[0] not in stopwatch.snapshot().timers
    clock.advance(100)
    assert shown(pane) == ("0:42", "0:42")


def test_an_untimed_result_is_saved_without_elapsed(
    make_pane: MakePane, queries: Queries, result_ids: list[int]
) -> None:
    pane = make_pane(stopwatch_autostart=False)
    pane.show_result(result_ids[0])
    assert not pane.stopwatch_panel.stopwatch.running
    assert pane.record_status(ResultStatus.PASSED)
    assert queries.result(result_ids[0]).elapsed is None


def test_autostart_can_be_turned_on_later(make_pane: MakePane, result_ids: list[int]) -> None:
    pane = make_pane(stopwatch_autostart=False)
    pane.show_result(result_ids[0])
    assert not pane.stopwatch_panel.stopwatch.running
    pane.set_stopwatch_autostart(True)
    pane.show_result(result_ids[1])
    assert pane.stopwatch_panel.stopwatch.running


def test_a_result_already_recorded_shows_its_time_without_starting(
    pane: ResultEntryPane, commands: EditCommands, result_ids: list[int]
) -> None:
    commands.record_result(result_ids[5], ResultStatus.PASSED, None, 95)
    pane.show_result(result_ids[5])
    assert not pane.stopwatch_panel.stopwatch.running
    assert shown(pane) == ("1:35", "1:35")


def test_switching_back_continues_a_results_time(
    pane: ResultEntryPane, clock: FakeClock, result_ids: list[int]
) -> None:
    pane.show_result(result_ids[0])
    clock.advance(30)
    pane.show_result(result_ids[1])
    clock.advance(300)
    pane.show_result(result_ids[0])
    clock.advance(5)
    assert shown(pane) == ("0:35", "0:35")


def test_a_new_pane_continues_a_running_stopwatch_after_a_restart(
    qtbot: QtBot, make_pane: MakePane, clock: FakeClock, result_ids: list[int]
) -> None:
    first = make_pane()
    first.setMinimumSize(440, 760)  # offscreen Qt warns if a layout changes it while shown
    first.show()
    first.show_result(result_ids[2])
    clock.advance(30)
    first.close()  # the application quits

    clock.advance(60)
    second = make_pane()
    second.show_result(result_ids[2])
    assert second.stopwatch_panel.stopwatch.running
    assert shown(second) == ("1:30", "1:30")


def test_a_crash_loses_at_most_the_last_tenth_of_a_second(
    qtbot: QtBot,
    make_pane: MakePane,
    clock: FakeClock,
    stopwatch_file: Path,
    result_ids: list[int],
) -> None:
    first = make_pane()
    first.show_result(result_ids[0])
    clock.advance(12)
    first.stopwatch_panel.stopwatch.pause()
    first.show_result(result_ids[1])
    clock.advance(8)
    qtbot.waitUntil(lambda: not first.stopwatch_panel.save_pending())
    document = json.loads(stopwatch_file.read_text(encoding="utf-8"))
    assert document["current"] == result_ids[1]
    # The first pane is never closed: as if the process had died here.

    clock.advance(100)
    second = make_pane()
    second.show_result(result_ids[0])
    assert shown(second) == ("0:12", "0:12")  # paused time restored; now running again
    assert second.stopwatch_panel.stopwatch.running
    second.show_result(result_ids[1])
    assert shown(second) == ("1:48", "1:48")


def test_a_broken_stopwatch_file_is_logged_and_the_pane_works(
    make_pane: MakePane,
    stopwatch_file: Path,
    caplog: pytest.LogCaptureFixture,
    queries: Queries,
    clock: FakeClock,
    result_ids: list[int],
) -> None:
    stopwatch_file.parent.mkdir(parents=True, exist_ok=True)
    stopwatch_file.write_text('{"version": 1, "current": 3, "timers": {"3": null', "utf-8")
    with caplog.at_level(logging.WARNING):
        pane = make_pane()
    assert "stopwatch file" in caplog.text

    pane.show_result(result_ids[0])
    clock.advance(9)
    assert pane.record_status(ResultStatus.PASSED)
    assert queries.result(result_ids[0]).elapsed == 9


def test_every_change_of_state_is_written_to_the_file(
    qtbot: QtBot,
    pane: ResultEntryPane,
    clock: FakeClock,
    stopwatch_file: Path,
    result_ids: list[int],
) -> None:
    panel = pane.stopwatch_panel
    first = str(result_ids[0])

    def written() -> dict[str, object]:
        qtbot.waitUntil(lambda: not panel.save_pending())
        document: dict[str, object] = json.loads(stopwatch_file.read_text(encoding="utf-8"))
        return document

    pane.show_result(result_ids[0])
    assert written()["timers"] == {first: {"accumulated": 0.0, "running_since": clock.now}}
    clock.advance(5)
    panel.stopwatch.pause()
    assert written()["timers"] == {first: {"accumulated": 5.0, "running_since": None}}
    pane.form.elapsed_edit.setText("2:00")
    pane.form.elapsed_edit.editingFinished.emit()
    assert written()["timers"] == {first: {"accumulated": 120.0, "running_since": None}}
    pane.show_result(result_ids[1])
    assert written()["current"] == result_ids[1]
    pane.show_result(result_ids[0])
    panel.stopwatch.reset()
    assert first not in written()["timers"]  # type: ignore[operator]


def test_the_stopwatch_buttons_show_their_pictures(
    pane: ResultEntryPane, result_ids: list[int]
) -> None:
    pane.show_result(result_ids[0])
    for name in ("stopwatchToggle", "stopwatchReset"):
        button = pane.findChild(QAbstractButton, name)
        assert button is not None, name
        assert not button.icon().isNull(), name
        assert not button.icon().pixmap(QSize(16, 16)).isNull(), name
