"""The picker's filter proxy over the case tree: folders without a match are hidden.

Filtering is hot (it runs at every typed character over thousands of cases), so the proxy
decides every case's visibility at once in plain Python when the filter changes, and
`filterAcceptsRow` only looks the answer up.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

from app.ui.run_dialogs.case_filter import CaseFilter, matching
from app.ui.run_dialogs.case_tree import CaseTreeModel
from app.ui.run_dialogs.catalogue import value_key

_STALE = -1  # a revision no model has


class _Shown:
    """What the current filter shows, as plain lists (cheap to read from `filterAcceptsRow`)."""

    __slots__ = ("cases", "folders", "matches", "revision", "starts")

    def __init__(self) -> None:
        self.revision = _STALE
        self.cases: list[bool] = []
        self.folders: list[bool] = []
        self.matches: list[int] = []
        self.starts: list[int] = []


class CaseFilterProxy(QSortFilterProxyModel):
    """The cases that match a `CaseFilter`; folders with no matching case are hidden.

    The proxy does not re-filter when check states change (it is not dynamic): a case
    unchecked under "selected only" stays in view until the filter is set again, rather
    than vanishing under the pointer.
    """

    def __init__(self, model: CaseTreeModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cases = model
        self._filter = CaseFilter()
        self._shown = _Shown()  # what the rows in the proxy were filtered with
        self._pending: _Shown | None = None  # a new filter's, until Qt filters again
        self.setDynamicSortFilter(False)
        self.setSourceModel(model)

    # Filters ------------------------------------------------------------------------------

    @property
    def case_filter(self) -> CaseFilter:
        return self._filter

    def set_filter(self, new_filter: CaseFilter) -> None:
        """Show the cases `new_filter` lets through.

        Setting "selected only" again re-reads the check boxes, even if nothing else changed.
        """
        unchanged = new_filter.shows_as(self._filter) and not new_filter.selected_only
        self._filter = new_filter
        if unchanged:
            return
        # Until Qt starts filtering again, it asks about the rows filtered the old way
        # (`hasChildren`), so the new visibility waits; the stale revision makes the next
        # `filterAcceptsRow` take it up.
        self._pending = self._computed()
        self._shown.revision = _STALE
        # One layout change rather than a removal or insertion per changed range: a typed
        # character can hide thousands of scattered cases, and the view handles each
        # range apart (~15 ms on 5,000 cases), then lays every row out again anyway.
        self.invalidate()

    def set_search(self, text: str) -> None:
        self.set_filter(replace(self._filter, search=text))

    def set_priority(self, priority: str | None) -> None:
        self.set_filter(replace(self._filter, priority=priority and value_key(priority)))

    def set_case_type(self, case_type: str | None) -> None:
        self.set_filter(replace(self._filter, case_type=case_type and value_key(case_type)))

    def set_selected_only(self, selected_only: bool) -> None:
        self.set_filter(replace(self._filter, selected_only=selected_only))

    # Reading ------------------------------------------------------------------------------

    def visible_positions(self) -> list[int]:
        """Catalogue positions of the cases the filter lets through, in picker order."""
        shown = self._current()
        return [position for position, visible in enumerate(shown.cases) if visible]

    def visible_count(self) -> int:
        return sum(self._current().matches)

    def folder_matches(self) -> list[int]:
        """How many cases of each folder (by source row) the filter lets through."""
        return list(self._current().matches)

    def hidden_checked_count(self) -> int:
        """How many checked cases the filter hides."""
        flags = self._cases.checks.flags()
        visible = self._current().cases
        return sum(1 for flag, shown in zip(flags, visible, strict=True) if flag and not shown)

    # Qt interface -------------------------------------------------------------------------

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        # Called for every case at each typed character: one attribute, plain lists, and
        # one call into Qt (an invalid parent, the root, has row -1).
        shown = self._shown
        if shown.revision != self._cases.revision:
            shown = self._adopt()
        folder_row = source_parent.row()
        if folder_row < 0:
            return shown.folders[source_row]
        return shown.cases[shown.starts[folder_row] + source_row]

    def hasChildren(  # noqa: N802
        self,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> bool:
        # Answered from the match counts: Qt would filter all of a folder's cases to know
        # whether it has any, for every closed folder, at every typed character.
        if parent.isValid() and not parent.parent().isValid():
            return self._shown.matches[self.mapToSource(parent).row()] > 0
        return super().hasChildren(parent)

    # Helpers ------------------------------------------------------------------------------

    def _current(self) -> _Shown:
        """The visibility of the current filter, whether or not Qt has filtered with it."""
        pending = self._pending
        if pending is not None and pending.revision == self._cases.revision:
            return pending
        if self._shown.revision != self._cases.revision:
            return self._adopt()
        return self._shown

    def _adopt(self) -> _Shown:
        """Filter with the new filter's visibility from now on (made again after a reset)."""
        shown, self._pending = self._pending, None
        if shown is None or shown.revision != self._cases.revision:
            shown = self._computed()
        self._shown = shown
        return shown

    def _computed(self) -> _Shown:
        """Every case's and folder's visibility under the current filter."""
        catalogue = self._cases.catalogue
        shown = _Shown()
        shown.revision = self._cases.revision
        shown.cases = matching(catalogue, self._cases.checks, self._filter)
        shown.starts = [folder.start for folder in catalogue.folders]
        shown.matches = [sum(shown.cases[f.start : f.stop]) for f in catalogue.folders]
        shown.folders = [matches > 0 for matches in shown.matches]
        return shown
