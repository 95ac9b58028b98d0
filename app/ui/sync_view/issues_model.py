"""The table model behind the sync-issues panel: one row per entry that needs attention."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon, QPalette

from app.store.outbox import OutboxState
from app.store.sync_issues import SyncIssue
from app.ui.sync_view.issue_words import (
    describe_change,
    is_closed_on_server,
    local_time,
    reason_words,
    state_words,
)
from app.ui.sync_view.tones import row_icon

_Index = QModelIndex | QPersistentModelIndex

_STATE_ORDER = {
    OutboxState.CONFLICT: 0,
    OutboxState.REJECTED: 1,
    OutboxState.WAITING_SUPPORT: 2,
    OutboxState.IN_FLIGHT: 3,
    OutboxState.PENDING: 4,
}
"""Sorting by state puts what most needs the tester first."""


def state_icon_name(issue: SyncIssue) -> tuple[str, str]:
    """The icon and tone that mark the entry's state."""
    if is_closed_on_server(issue):
        return "lock", "bad"
    if issue.state is OutboxState.WAITING_SUPPORT:
        return "waiting", "warn"
    if issue.is_parked:
        return "warning", "bad"
    return "retry", "busy"


class SyncIssuesModel(QAbstractTableModel):
    """Sync issues as rows; holds frozen `SyncIssue` records, never a database handle.

    Columns: what the change is, its state, the reason, and when it was made.
    """

    WHAT, STATE, REASON, SINCE = range(4)
    HEADERS = ("Change", "State", "Reason", "Made")
    ISSUE_ROLE = Qt.ItemDataRole.UserRole + 1
    """The row's `SyncIssue`."""
    SORT_ROLE = Qt.ItemDataRole.UserRole + 2
    """A native value to sort the column by."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._issues: list[SyncIssue] = []
        self._rows: list[_Row] = []
        self._row_of_seq: dict[int, int] = {}
        self._palette = QPalette()
        self._icons: dict[tuple[str, str], QIcon] = {}

    # Contents ----------------------------------------------------------------------------

    def set_issues(self, issues: Sequence[SyncIssue]) -> None:
        """Replace every row (a full reload)."""
        self.beginResetModel()
        self._issues = list(issues)
        self._rows = [_Row.of(issue) for issue in self._issues]
        self._row_of_seq = {issue.seq: row for row, issue in enumerate(self._issues)}
        self.endResetModel()

    def issues(self) -> list[SyncIssue]:
        return list(self._issues)

    def issue(self, row: int) -> SyncIssue:
        return self._issues[row]

    def row_of(self, seq: int) -> int | None:
        """The row showing outbox entry `seq`, if it is listed."""
        return self._row_of_seq.get(seq)

    def set_palette(self, palette: QPalette) -> None:
        """Draw the state icons for this palette (after a theme change)."""
        self._palette = QPalette(palette)
        self._icons.clear()
        if self._issues:
            first = self.index(0, self.STATE)
            last = self.index(len(self._issues) - 1, self.STATE)
            self.dataChanged.emit(first, last, [Qt.ItemDataRole.DecorationRole])

    # Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._issues)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called tens of thousands of times by sorting and painting: keep it to lookups.
        row, column = index.row(), index.column()
        if not index.isValid() or row >= len(self._rows) or column >= len(self.HEADERS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[row].texts[column]
        if role == self.SORT_ROLE:
            return self._rows[row].sort_values[column]
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATE:
            return self._state_icon(self._rows[row].icon)
        if role == self.ISSUE_ROLE:
            return self._issues[row]
        return None

    def _state_icon(self, key: tuple[str, str]) -> QIcon:
        if key not in self._icons:
            self._icons[key] = row_icon(*key, self._palette)
        return self._icons[key]


@dataclass(frozen=True, slots=True)
class _Row:
    """What a row shows, worked out once per reload."""

    texts: tuple[str, str, str, str]
    sort_values: tuple[str, int, str, int]
    icon: tuple[str, str]

    @classmethod
    def of(cls, issue: SyncIssue) -> _Row:
        what, state, reason = describe_change(issue), state_words(issue), reason_words(issue)
        return cls(
            texts=(what, state, reason, local_time(issue.created_at)),
            sort_values=(
                what.casefold(),
                _STATE_ORDER[issue.state] * 1_000_000 + issue.seq,
                reason.casefold(),
                issue.seq,  # delivery order follows the time each change was made
            ),
            icon=state_icon_name(issue),
        )
