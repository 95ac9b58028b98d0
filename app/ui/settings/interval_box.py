"""A spin box for the sync interval: seconds, shown and typed the way people say them."""

from __future__ import annotations

import re

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QSpinBox, QWidget

_UNITS = {
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1),
}
_CLOCK = re.compile(r"(\d{1,3}):(\d{1,2})")
_PARTS = re.compile(r"(?:\d+\s*[a-z]*\s*)+")
_PART = re.compile(r"(\d+)\s*([a-z]*)")
_TYPABLE = re.compile(r"[\d\s:a-z]*")
# (below this many seconds, step by this many): fine steps where a few seconds matter.
_STEPS = ((120, 10), (600, 30), (1800, 60))
_LARGEST_STEP = 300


def interval_text(seconds: int) -> str:
    """`seconds` as people say it: "45 s", "1 min 30 s", "10 min", "1 h"."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h" if hours else "", f"{minutes} min" if minutes else ""]
    parts.append(f"{secs} s" if secs or not (hours or minutes) else "")
    return " ".join(part for part in parts if part)


def parse_interval(text: str) -> int | None:
    """Seconds from "90", "90 s", "1:30", "1 min 30 s" or "1 h"; None when unreadable.

    A bare number is seconds.
    """
    spoken = text.strip().lower()
    clock = _CLOCK.fullmatch(spoken)
    if clock:
        minutes, seconds = int(clock[1]), int(clock[2])
        return minutes * 60 + seconds if seconds < 60 else None
    if not spoken or not _PARTS.fullmatch(spoken):
        return None
    parts = _PART.findall(spoken)
    if len(parts) > 1 and any(not unit for _number, unit in parts):
        return None  # "1 30" says nothing clear
    total = 0
    for number, unit in parts:
        factor = _UNITS.get(unit or "s")
        if factor is None:
            return None
        total += int(number) * factor
    return total


class IntervalSpinBox(QSpinBox):
    """Seconds between two syncs, shown as "1 min 30 s".

    The arrows move to round values: by 10 s below 2 min, then by 30 s, 1 min and 5 min, so
    Page Up crosses the whole range (10 s to 1 h) in a few presses. A value can also be
    typed ("90", "2 min", "1:30"); a bare number is seconds.
    """

    def __init__(self, minimum: int, maximum: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(minimum, maximum)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        self.setAccelerated(True)

    def textFromValue(self, value: int) -> str:  # noqa: N802 - Qt's name
        return interval_text(value)

    def valueFromText(self, text: str) -> int:  # noqa: N802 - Qt's name
        seconds = parse_interval(text)
        return self.value() if seconds is None else self._clamped(seconds)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        return _state_of(text, self.minimum(), self.maximum()), text, pos

    def fixup(self, text: str) -> str:
        seconds = parse_interval(text)
        return text if seconds is None else interval_text(self._clamped(seconds))

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt's name
        value = self.value()
        for _ in range(abs(steps)):
            value = _step_up(value) if steps > 0 else _step_down(value)
        self.setValue(self._clamped(value))
        self.selectAll()

    def _clamped(self, seconds: int) -> int:
        return max(self.minimum(), min(self.maximum(), seconds))


def _state_of(text: str, minimum: int, maximum: int) -> QValidator.State:
    if not _TYPABLE.fullmatch(text.lower()):
        return QValidator.State.Invalid
    seconds = parse_interval(text)
    if seconds is None or not minimum <= seconds <= maximum:
        return QValidator.State.Intermediate  # still being typed, or fixed up on leaving
    return QValidator.State.Acceptable


def _step_up(seconds: int) -> int:
    """The next round value above `seconds`: 95 s goes to 100 s, 2 min to 2 min 30 s."""
    step = _step_size(seconds)
    return (seconds // step + 1) * step


def _step_down(seconds: int) -> int:
    """The round value below `seconds`, by the step that leads up to it."""
    step = _step_size(seconds - 1)
    return (seconds - 1) // step * step


def _step_size(seconds: int) -> int:
    return next((step for below, step in _STEPS if seconds < below), _LARGEST_STEP)
