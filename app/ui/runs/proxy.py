"""Filters over the runs model: name search, active/closed, milestone."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Signal,
)

from app.store import RunRow
from app.ui.runs.model import RunListModel


class StateFilter(Enum):
    """Which runs to show by their state."""

    ALL = "all"
    ACTIVE = "active"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"all": "All runs", "active": "Active", "closed": "Closed"}[self.value]


class MilestoneFilter(Enum):
    """The milestone choices that are not a milestone id."""

    ANY = "any"
    NONE = "none"


MilestoneChoice = MilestoneFilter | str
"""`MilestoneFilter.ANY`, `MilestoneFilter.NONE` (runs without one) or a milestone id."""


class RunFilterProxy(QSortFilterProxyModel):
    """The runs that match the search text, the state filter and the milestone filter.

    Rows keep the model's order, newest first; the proxy does not sort (see
    `RunListModel`). The search is a case-insensitive substring of the run's name.

    Signals:
        filters_changed: a filter changed and the rows shown were re-evaluated.
    """

    filters_changed = Signal()

    def __init__(self, model: RunListModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runs = model
        self._needle = ""
        self._search_text = ""
        self._state = StateFilter.ALL
        self._milestone: MilestoneChoice = MilestoneFilter.ANY
        self.setSourceModel(model)

    # Filters ------------------------------------------------------------------------------

    def search_text(self) -> str:
        return self._search_text

    def set_search_text(self, text: str) -> None:
        needle = text.strip().casefold()
        self._search_text = text
        if needle != self._needle:
            self.beginFilterChange()
            self._needle = needle
            self._end_filter_change()

    def state_filter(self) -> StateFilter:
        return self._state

    def set_state_filter(self, state: StateFilter) -> None:
        if state != self._state:
            self.beginFilterChange()
            self._state = state
            self._end_filter_change()

    def milestone_filter(self) -> MilestoneChoice:
        return self._milestone

    def set_milestone_filter(self, choice: MilestoneChoice) -> None:
        if choice != self._milestone:
            self.beginFilterChange()
            self._milestone = choice
            self._end_filter_change()

    def is_filtering(self) -> bool:
        """Whether any filter hides runs (so an empty view means "no match", not "no runs")."""
        return bool(self._needle) or (
            self._state is not StateFilter.ALL or self._milestone is not MilestoneFilter.ANY
        )

    def clear_filters(self) -> None:
        """Show every run again."""
        self._search_text = ""
        if self.is_filtering():
            self.beginFilterChange()
            self._needle = ""
            self._state = StateFilter.ALL
            self._milestone = MilestoneFilter.ANY
            self._end_filter_change()

    def accepts(self, run: RunRow, search_key: str | None = None) -> bool:
        """Whether the filters let `run` through (`search_key`: its folded name, if known)."""
        if self._needle and self._needle not in (search_key or run.name.casefold()):
            return False
        if self._state is StateFilter.ACTIVE and run.is_read_only:
            return False
        if self._state is StateFilter.CLOSED and not run.is_read_only:
            return False
        if self._milestone is MilestoneFilter.ANY:
            return True
        if self._milestone is MilestoneFilter.NONE:
            return run.milestone_id is None
        return run.milestone_id == self._milestone

    # Reading ------------------------------------------------------------------------------

    def run_at(self, row: int) -> RunRow:
        """The run shown at `row` of this proxy."""
        return self._runs.run_at(self.mapToSource(self.index(row, 0)).row())

    def index_of(self, run_id: int) -> QModelIndex:
        """The proxy index of the run, invalid when it is filtered out or unknown."""
        return self.mapFromSource(self._runs.index_of(run_id))

    # Qt interface -------------------------------------------------------------------------

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        return self.accepts(self._runs.run_at(source_row), self._runs.search_key(source_row))

    # Helpers ------------------------------------------------------------------------------

    def _end_filter_change(self) -> None:
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.filters_changed.emit()
