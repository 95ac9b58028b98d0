"""The entry pane's keyboard shortcuts, and their descriptions for the shortcut sheet.

Single-key shortcuts live in the window's context, so they work while the results table has
the focus; text fields accept those keys as typing first (Qt's ShortcutOverride), so typing
a note never records a status.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from app.domain import ResultStatus
from app.ui.theme import STATUS_ORDER, STATUS_SHORTCUTS

NEXT_KEY = "J"
PREVIOUS_KEY = "K"
STOPWATCH_KEY = "T"
SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S")
BACK_KEY = "Esc"


@dataclass
class EntryShortcuts:
    """The shortcuts of one pane, grouped by what they need to be enabled."""

    status: dict[ResultStatus, QShortcut]
    moves: list[QShortcut]
    editing: list[QShortcut]

    def set_editable(self, editable: bool) -> None:
        for shortcut in [*self.status.values(), *self.editing]:
            shortcut.setEnabled(editable)

    def set_has_result(self, has_result: bool) -> None:
        for shortcut in self.moves:
            shortcut.setEnabled(has_result)


def install(
    parent: QWidget,
    *,
    record: Callable[[ResultStatus], object],
    move: Callable[[int], object],
    save: Callable[[], object],
    toggle_stopwatch: Callable[[], object],
    back: Callable[[], object],
) -> EntryShortcuts:
    """Create the pane's shortcuts on `parent`, each calling what it names."""
    status = {
        state: shortcut(parent, key, partial(record, state))
        for state, key in STATUS_SHORTCUTS.items()
    }
    moves = [
        shortcut(parent, NEXT_KEY, partial(move, 1)),
        shortcut(parent, PREVIOUS_KEY, partial(move, -1)),
    ]
    editing = [shortcut(parent, key, save) for key in SAVE_KEYS]
    editing.append(shortcut(parent, STOPWATCH_KEY, toggle_stopwatch))
    shortcut(parent, BACK_KEY, back, Qt.ShortcutContext.WidgetWithChildrenShortcut)
    return EntryShortcuts(status, moves, editing)


def shortcut(
    parent: QWidget,
    key: str,
    slot: Callable[[], object],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> QShortcut:
    item = QShortcut(QKeySequence(key), parent)
    item.setContext(context)
    item.setObjectName(f"shortcut{key.replace('+', '')}")
    item.activated.connect(slot)
    return item


def descriptions() -> list[tuple[str, str]]:
    """(key sequence as the platform writes it, what it does), in the order to list them."""
    rows = [(STATUS_SHORTCUTS[s], f"Record {s.label} and save") for s in STATUS_ORDER]
    rows += [
        (SAVE_KEYS[0], "Save the status, note and elapsed time"),
        (SAVE_KEYS[2], "Save the status, note and elapsed time"),
        (NEXT_KEY, "Next result"),
        (PREVIOUS_KEY, "Previous result"),
        (STOPWATCH_KEY, "Start or pause the stopwatch"),
        ("Alt+N", "Write a note"),
        ("Alt+E", "Edit the elapsed time"),
        ("Alt+X", "Turn “next untested after saving” on or off"),
        (BACK_KEY, "Back to the results table"),
    ]
    native = QKeySequence.SequenceFormat.NativeText
    return [(QKeySequence(key).toString(native), text) for key, text in rows]
