"""The columns of the results table: what each shows, how it sorts, the model's roles.

Each table is indexed by column number, so `data()` answers any cell with one dict lookup
and one call, however many roles the view asks for per painted cell.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from app.domain import ResultStatus, format_elapsed
from app.store.result_table import ResultTableRow
from app.ui.theme import STATUS_ORDER


class Column(IntEnum):
    TITLE = 0
    STATUS = 1
    TESTER = 2
    ELAPSED = 3
    NOTE = 4
    SYNC = 5


COLUMN_COUNT = len(Column)


class SyncState(IntEnum):
    """How far a result's latest change has travelled; higher needs more attention."""

    DELIVERED = 0
    SAVED_HERE = 1
    NEEDS_ATTENTION = 2


HEADERS = {
    Column.TITLE: "Test case",
    Column.STATUS: "Status",
    Column.TESTER: "Tester",
    Column.ELAPSED: "Elapsed",
    Column.NOTE: "Note",
    Column.SYNC: "Sync",
}
SYNC_TEXT = {
    SyncState.DELIVERED: "",
    SyncState.SAVED_HERE: "Saved here",
    SyncState.NEEDS_ATTENTION: "Needs attention",
}
SYNC_TOOLTIP = {
    SyncState.DELIVERED: "Delivered to Testably",
    SyncState.SAVED_HERE: "Saved on this computer; it will be delivered when Testably is reachable",
    SyncState.NEEDS_ATTENTION: "Testably did not take this change; see the sync issues panel",
}

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""Native values to sort by (str, int), never formatted text."""
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
"""The row's `ResultTableRow`."""
RESULT_ID_ROLE = Qt.ItemDataRole.UserRole + 3
FILTER_ROLE = Qt.ItemDataRole.UserRole + 4
"""`status<US>d|u<US>title`: what the proxy's pattern matches (see `result_proxy`)."""
SYNC_STATE_ROLE = Qt.ItemDataRole.UserRole + 5

_STATUS_RANK = {status.value: rank for rank, status in enumerate(STATUS_ORDER)}
_LABELS = {status.value: status.label for status in ResultStatus}


def sync_state(row: ResultTableRow) -> SyncState:
    if row.parked_state is not None:
        return SyncState.NEEDS_ATTENTION
    return SyncState.SAVED_HERE if row.undelivered else SyncState.DELIVERED


def status_label(value: str) -> str:
    return _LABELS.get(value, value.replace("_", " ").capitalize())


SORT_KEYS: dict[int, Callable[[ResultTableRow], Any]] = {
    Column.TITLE: lambda row: row.test_case_title.casefold(),
    Column.STATUS: lambda row: _STATUS_RANK.get(row.status, len(_STATUS_RANK)),
    Column.TESTER: lambda row: (row.tested_by or "").casefold(),
    Column.ELAPSED: lambda row: -1 if row.elapsed is None else row.elapsed,
    Column.NOTE: lambda row: (row.note_line or "").casefold(),
    Column.SYNC: lambda row: int(sync_state(row)),
}


_DISPLAY: tuple[Callable[[ResultTableRow], str], ...] = (
    lambda row: row.test_case_title,
    lambda row: status_label(row.status),
    lambda row: row.tested_by or "",
    lambda row: "" if row.elapsed is None else format_elapsed(row.elapsed),
    lambda row: row.note_line or "",
    lambda row: SYNC_TEXT[sync_state(row)],
)
_TOOLTIP: tuple[Callable[[ResultTableRow], str | None], ...] = (
    lambda row: row.test_case_title,
    lambda row: None,
    lambda row: None,
    lambda row: None,
    lambda row: row.note_line,
    lambda row: SYNC_TOOLTIP[sync_state(row)],
)
_SORT_BY_COLUMN = tuple(SORT_KEYS[column] for column in Column)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ALIGNMENT = tuple(_RIGHT if column == Column.ELAPSED else None for column in Column)


def _filter_key(row: ResultTableRow) -> str:
    return f"{row.status}\x1f{'u' if row.undelivered else 'd'}\x1f{row.test_case_title}"


ANSWERS: dict[int, Callable[[ResultTableRow, int], Any]] = {
    int(Qt.ItemDataRole.DisplayRole): lambda row, column: _DISPLAY[column](row),
    int(Qt.ItemDataRole.ToolTipRole): lambda row, column: _TOOLTIP[column](row),
    int(Qt.ItemDataRole.TextAlignmentRole): lambda row, column: ALIGNMENT[column],
    int(SORT_ROLE): lambda row, column: _SORT_BY_COLUMN[column](row),
    int(FILTER_ROLE): lambda row, column: _filter_key(row),
    int(RECORD_ROLE): lambda row, column: row,
    int(RESULT_ID_ROLE): lambda row, column: row.id,
    int(SYNC_STATE_ROLE): lambda row, column: int(sync_state(row)),
}
"""What `data()` answers for each role it knows; every other role gets None."""
