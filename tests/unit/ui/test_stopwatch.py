"""The Qt-free stopwatch and its JSON file, driven by a fake wall clock."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from app.domain import MAX_ELAPSED_SECONDS
from app.ui.entry.stopwatch import MAX_TIMERS, Stopwatch, StopwatchSnapshot, Timer
from app.ui.entry.stopwatch_store import StopwatchStore

START = 1_764_000_000.0


class FakeClock:
    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_a_result_opened_with_autostart_counts_until_paused(clock: FakeClock) -> None:
    stopwatch = Stopwatch(clock)
    stopwatch.open(1, baseline=None, autostart=True)
    clock.advance(12.6)
    assert stopwatch.running
    assert stopwatch.seconds() == 12

    stopwatch.pause()
    clock.advance(100)
    assert not stopwatch.running
    assert stopwatch.seconds() == 12

    stopwatch.start()
    clock.advance(3)
    assert stopwatch.seconds() == 15


def test_toggle_starts_and_pauses(clock: FakeClock) -> None:
    stopwatch = Stopwatch(clock)
    stopwatch.open(1, baseline=None, autostart=False)
    assert not stopwatch.running
    stopwatch.toggle()
    assert stopwatch.running
    stopwatch.toggle()
    assert not stopwatch.running


def test_without_autostart_a_result_shows_its_saved_time(clock: FakeClock) -> None:
    stopwatch = Stopwatch(clock)
    stopwatch.open(1, baseline=95, autostart=False)
    clock.advance(10)
    assert stopwatch.timed
    assert stopwatch.seconds() == 95

    stopwatch.start()  # continues from the saved time
    clock.advance(5)
    assert stopwatch.seconds() == 100


def test_an_untimed_result_is_not_timed_until_started(clock: FakeClock) -> None:
    stopwatch = Stopwatch(clock)
    stopwatch.open(1, baseline=None, autostart=False)
    assert not stopwatch.timed
    assert stopwatch.seconds() == 0
    stopwatch.start()
    assert stopwatch.timed


def test_switching_results_pauses_one_and_continues_the_other(clock: FakeClock) -> None:
    stopwatch = Stopwatch(clock)
    stopwatch.open(1, baseline=None, autostart=True)
    clock.advance(10)
    stopwatch.open(2, baseline=None, autostart=True)
    clock.advance(20)
    assert stopwatch.seconds() == 20

    stopwatch.open(1, baseline=None, autostart=True)
    clock.advance(5)
    assert stopwatch.seconds() == 15
    assert stopwatch.snapshot().timers[2] == Timer(20.0, None)


def test_editing_the_time_keeps_it_running_or_paused(clock: FakeClock) -> None:
    stopwatch = Stopwatch(clock)
    stopwatch.open(1, baseline=None, autostart=True)
    clock.advance(7)
    stopwatch.set_seconds(180)
    clock.advance(2)
    assert stopwatch.running
    assert stopwatch.seconds() == 182

    stopwatch.pause()
    stopwatch.set_seconds(60)
    clock.advance(30)
    assert not stopwatch.running
    assert stopwatch.seconds() == 60


def test_reset_and_a_blank_edit_make_the_result_untimed(clock: FakeClock) -> None:
    stopwatch = Stopwatch(clock)
    stopwatch.open(1, baseline=40, autostart=True)
    clock.advance(5)
    stopwatch.reset()
    assert not stopwatch.running
    assert not stopwatch.timed
    assert stopwatch.seconds() == 0

    stopwatch.start()
    clock.advance(3)
    stopwatch.set_seconds(None)
    assert not stopwatch.timed


def test_clear_forgets_the_timer_after_a_save(clock: FakeClock) -> None:
    stopwatch = Stopwatch(clock)
    stopwatch.open(1, baseline=None, autostart=True)
    clock.advance(42)
    stopwatch.clear(1, baseline=42)
    clock.advance(10)
    assert not stopwatch.running
    assert stopwatch.seconds() == 42
    assert 1 not in stopwatch.snapshot().timers


def test_time_is_capped_at_what_a_result_can_hold(clock: FakeClock) -> None:
    stopwatch = Stopwatch(clock)
    stopwatch.open(1, baseline=None, autostart=True)
    clock.advance(MAX_ELAPSED_SECONDS * 3)
    assert stopwatch.seconds() == MAX_ELAPSED_SECONDS


def test_a_clock_that_goes_back_never_gives_negative_time(clock: FakeClock) -> None:
    stopwatch = Stopwatch(clock)
    stopwatch.open(1, baseline=None, autostart=True)
    clock.advance(-3600)
    assert stopwatch.seconds() == 0


def test_changes_of_state_are_reported_but_ticks_are_not(clock: FakeClock) -> None:
    changes: list[StopwatchSnapshot] = []
    stopwatch = Stopwatch(clock, on_change=lambda: changes.append(stopwatch.snapshot()))
    stopwatch.open(1, baseline=None, autostart=True)
    clock.advance(100)
    stopwatch.seconds()
    assert len(changes) == 1
    stopwatch.pause()
    stopwatch.pause()  # no change, no report
    stopwatch.set_seconds(5)
    stopwatch.reset()
    stopwatch.open(2, baseline=None, autostart=False)
    assert len(changes) == 5
    assert changes[-1].current == 2


def test_only_the_most_recently_touched_timers_are_kept(clock: FakeClock) -> None:
    stopwatch = Stopwatch(clock)
    for result_id in range(MAX_TIMERS + 5):
        stopwatch.open(result_id, baseline=None, autostart=True)
    timers = stopwatch.snapshot().timers
    assert len(timers) == MAX_TIMERS
    assert 0 not in timers
    assert MAX_TIMERS + 4 in timers


def test_a_restart_continues_a_running_timer_including_the_time_away(
    clock: FakeClock, tmp_path: Path
) -> None:
    store = StopwatchStore(tmp_path / "stopwatch.json")
    before = Stopwatch(clock, on_change=lambda: store.save(before.snapshot()))
    before.open(7, baseline=None, autostart=True)
    clock.advance(30)
    before.open(8, baseline=None, autostart=True)
    clock.advance(20)

    clock.advance(60)  # the application was down (or crashed) for a minute
    after = Stopwatch(clock, store.load())
    assert after.current_result_id == 8
    after.open(8, baseline=None, autostart=True)
    assert after.running
    assert after.seconds() == 80
    after.open(7, baseline=None, autostart=False)
    assert after.seconds() == 30


def test_the_file_round_trips(tmp_path: Path) -> None:
    store = StopwatchStore(tmp_path / "nested" / "stopwatch.json")
    snapshot = StopwatchSnapshot(3, {3: Timer(12.5, START), 4: Timer(8.0, None)})
    assert store.save(snapshot)
    assert store.load() == snapshot
    document = json.loads(store.path.read_text(encoding="utf-8"))
    assert document["version"] == 1
    assert document["timers"]["3"] == {"accumulated": 12.5, "running_since": START}


def test_a_missing_file_is_a_fresh_start(tmp_path: Path) -> None:
    assert StopwatchStore(tmp_path / "absent.json").load() == StopwatchSnapshot()


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '{"version": 2, "current": null, "timers": {}}',
        '{"version": 1, "current": "x", "timers": {}}',
        '{"version": 1, "current": 1, "timers": {"a": {"accumulated": 1}}}',
        '{"version": 1, "current": 1, "timers": {"1": {"accumulated": -5}}}',
        '{"version": 1, "current": 1, "timers": {"1": {"accumulated": "5"}}}',
        '{"version": 1, "current": 1, "timers": []}',
        '{"version": 1, "current": 1}',
    ],
)
def test_a_broken_file_is_logged_and_ignored(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: str
) -> None:
    path = tmp_path / "stopwatch.json"
    path.write_text(content, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="app.ui.entry.stopwatch_store"):
        assert StopwatchStore(path).load() == StopwatchSnapshot()
    assert "broken" in caplog.text


def test_a_file_that_cannot_be_written_is_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    store = StopwatchStore(blocker / "stopwatch.json")
    with caplog.at_level(logging.WARNING, logger="app.ui.entry.stopwatch_store"):
        assert not store.save(StopwatchSnapshot(1, {1: Timer(1.0, None)}))
    assert "could not be saved" in caplog.text
