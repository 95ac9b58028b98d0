"""The stopwatch's state on disk: a small JSON file replaced atomically on every change.

Format (version 1):

    {"version": 1, "current": 12,
     "timers": {"12": {"accumulated": 42.0, "running_since": 1764000000.5}}}

A missing file is a fresh start; a broken one is logged and ignored (the stopwatch starts
empty and the next change replaces the file). Neither ever stops the application.
"""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path
from typing import Any

from app.config.atomic import write_atomically
from app.ui.entry.stopwatch import StopwatchSnapshot, Timer

log = logging.getLogger(__name__)

FORMAT_VERSION = 1


class StopwatchStore:
    """Loads and saves a `StopwatchSnapshot` at `path`."""

    def __init__(self, path: Path) -> None:
        self._path = path

    @property
    def path(self) -> Path:
        return self._path

    def load(self) -> StopwatchSnapshot:
        """The saved state; an empty one if the file is missing, unreadable or broken."""
        try:
            text = self._path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return StopwatchSnapshot()
        except OSError as error:
            log.warning("The stopwatch file %s could not be read: %s", self._path, error)
            return StopwatchSnapshot()
        try:
            return snapshot_from_json(json.loads(text))
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            log.warning("The stopwatch file %s is broken and was ignored: %s", self._path, error)
            return StopwatchSnapshot()

    def save(self, snapshot: StopwatchSnapshot) -> bool:
        """Replace the file with `snapshot`; returns False (and logs) if it could not."""
        data = json.dumps(snapshot_to_json(snapshot), sort_keys=True).encode("utf-8")
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self._path, data)
        except OSError as error:
            log.warning("The stopwatch state could not be saved to %s: %s", self._path, error)
            return False
        return True


def snapshot_to_json(snapshot: StopwatchSnapshot) -> dict[str, Any]:
    timers = {
        str(result_id): {"accumulated": timer.accumulated, "running_since": timer.running_since}
        for result_id, timer in snapshot.timers.items()
    }
    return {"version": FORMAT_VERSION, "current": snapshot.current, "timers": timers}


def snapshot_from_json(document: Any) -> StopwatchSnapshot:
    """Read a saved document; raises ValueError (or TypeError) when it is not one."""
    if not isinstance(document, dict) or document.get("version") != FORMAT_VERSION:
        raise ValueError("not a version 1 stopwatch document")
    current = document.get("current")
    if current is not None and not _is_int(current):
        raise ValueError(f"current result id {current!r} is not a number")
    saved_timers = document["timers"]
    if not isinstance(saved_timers, dict):
        raise TypeError("timers is not an object")
    timers = {int(key): _timer(value) for key, value in saved_timers.items()}
    return StopwatchSnapshot(current, timers)


def _timer(value: Any) -> Timer:
    accumulated = _seconds(value["accumulated"])
    since = value.get("running_since")
    return Timer(accumulated, None if since is None else _seconds(since))


def _seconds(value: Any) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError(f"{value!r} is not a number of seconds")
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"{value!r} is not a valid number of seconds")
    return number


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
