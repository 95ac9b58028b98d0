"""The result entry pane (right): the selected result's case, status keys, note, stopwatch."""

from app.ui.entry.pane import EMPTY_TEXT, ResultEntryPane
from app.ui.entry.stopwatch import Stopwatch, StopwatchSnapshot, Timer
from app.ui.entry.stopwatch_store import StopwatchStore

__all__ = [
    "EMPTY_TEXT",
    "ResultEntryPane",
    "Stopwatch",
    "StopwatchSnapshot",
    "StopwatchStore",
    "Timer",
]
