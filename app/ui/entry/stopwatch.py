"""The result stopwatch: per-result timers that keep counting across switches and restarts.

Qt-free and clock-injected, so its arithmetic is tested without waiting. Time is wall-clock
seconds since the epoch (`time.time`), so a timer that was running when the application
stopped or crashed has kept counting when the state is loaded again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from app.domain import MAX_ELAPSED_SECONDS

WallClock = Callable[[], float]
"""A source of wall-clock seconds since the epoch."""

MAX_TIMERS = 500
"""Paused timers kept at most; the ones touched longest ago are forgotten first."""


@dataclass(frozen=True, slots=True)
class Timer:
    """The time spent on one result.

    Attributes:
        accumulated: seconds counted while it ran before, up to its last pause.
        running_since: the wall-clock time it was last started, or None while paused.
    """

    accumulated: float = 0.0
    running_since: float | None = None

    @property
    def running(self) -> bool:
        return self.running_since is not None

    def seconds(self, now: float) -> float:
        """Seconds counted until `now` (never negative, even if the clock went back)."""
        if self.running_since is None:
            return self.accumulated
        return self.accumulated + max(0.0, now - self.running_since)

    def started(self, now: float) -> Timer:
        return self if self.running else replace(self, running_since=now)

    def paused(self, now: float) -> Timer:
        return Timer(self.seconds(now), None)


@dataclass(frozen=True, slots=True)
class StopwatchSnapshot:
    """Everything the stopwatch must remember across a restart.

    Attributes:
        current: the result the stopwatch is showing, if any.
        timers: per result id, its timer (only results whose time was started or edited).
    """

    current: int | None = None
    timers: Mapping[int, Timer] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "timers", MappingProxyType(dict(self.timers)))


class Stopwatch:
    """Timers for the results a tester works on; one of them, the current one, is shown.

    Opening another result pauses the current timer and continues the other's. A result
    without a timer shows its `baseline` (its saved elapsed time) until it is started or
    edited. Every change of state (not the passing of time) calls `on_change`, which is where
    the state gets persisted.

    Args:
        clock: wall-clock seconds since the epoch; `time.time` unless a test passes a fake.
        snapshot: the state to continue from (a restart).
        on_change: called after each change of state.
    """

    def __init__(
        self,
        clock: WallClock | None = None,
        snapshot: StopwatchSnapshot | None = None,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self._clock = clock or time.time
        start = snapshot or StopwatchSnapshot()
        self._timers: dict[int, Timer] = dict(start.timers)
        self._current = start.current
        self._baseline: int | None = None
        self._on_change = on_change

    @property
    def current_result_id(self) -> int | None:
        return self._current

    @property
    def running(self) -> bool:
        timer = self._current_timer()
        return timer is not None and timer.running

    @property
    def timed(self) -> bool:
        """Whether the current result has a time at all (else its elapsed is "not timed")."""
        return self._current_timer() is not None or self._baseline is not None

    def seconds(self) -> int:
        """Whole seconds of the current result, at most 24 hours (what a result can hold)."""
        return min(int(self.exact_seconds()), MAX_ELAPSED_SECONDS)

    def exact_seconds(self) -> float:
        """Seconds of the current result with their fraction, uncapped."""
        timer = self._current_timer()
        return timer.seconds(self._clock()) if timer else float(self._baseline or 0)

    def snapshot(self) -> StopwatchSnapshot:
        return StopwatchSnapshot(self._current, self._timers)

    def open(self, result_id: int | None, *, baseline: int | None, autostart: bool) -> None:
        """Show `result_id`, pausing the timer shown before.

        Args:
            result_id: the result to show, or None for none.
            baseline: the result's saved elapsed seconds, shown while it has no timer.
            autostart: start its timer unless it is already running.
        """
        self._baseline = baseline
        if result_id == self._current:
            if autostart and result_id is not None and not self.running:
                self.start()
            return
        self._pause_current()
        self._current = result_id
        if autostart and result_id is not None:
            self._put(result_id, self._timer_or_baseline().started(self._clock()))
        self._changed()

    def start(self) -> None:
        if self._current is None or self.running:
            return
        self._put(self._current, self._timer_or_baseline().started(self._clock()))
        self._changed()

    def pause(self) -> None:
        if not self.running:
            return
        self._pause_current()
        self._changed()

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        """Back to "not timed" and paused."""
        if self._current is None:
            return
        self._timers.pop(self._current, None)
        self._baseline = None
        self._changed()

    def set_seconds(self, seconds: int | None) -> None:
        """Set the current result's time by hand; it keeps running if it was. None resets."""
        if self._current is None:
            return
        if seconds is None:
            self.reset()
            return
        now = self._clock()
        self._put(self._current, Timer(float(seconds), now if self.running else None))
        self._changed()

    def clear(self, result_id: int, *, baseline: int | None) -> None:
        """Forget `result_id`'s timer (its time was saved); it then shows `baseline`."""
        self._timers.pop(result_id, None)
        if result_id == self._current:
            self._baseline = baseline
        self._changed()

    def _current_timer(self) -> Timer | None:
        return None if self._current is None else self._timers.get(self._current)

    def _timer_or_baseline(self) -> Timer:
        return self._current_timer() or Timer(float(self._baseline or 0))

    def _pause_current(self) -> None:
        timer = self._current_timer()
        if self._current is not None and timer is not None and timer.running:
            self._timers[self._current] = timer.paused(self._clock())

    def _put(self, result_id: int, timer: Timer) -> None:
        self._timers.pop(result_id, None)  # re-inserted last: the most recently touched
        self._timers[result_id] = timer
        while len(self._timers) > MAX_TIMERS:
            del self._timers[next(iter(self._timers))]

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change()
