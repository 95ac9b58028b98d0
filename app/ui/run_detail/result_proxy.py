"""The filter in front of the results model: by status, by delivery, and by title.

Rows do not jump or vanish while the tester works: a refreshed row stays where it is even
when its new values no longer match the filter (dynamic filtering is off). The filter
applies afresh when it changes, when the table is sorted and when the run is reloaded.

Both filters become one regular expression over the model's `FILTER_ROLE` text, matched by
Qt's own `filterAcceptsRow`. With no filter the pattern is empty and Qt accepts every row
without asking the model, so opening a big run costs nothing here. Sorting is handed to
the source model, which sorts 10,000 rows with Python's sort in a few milliseconds.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QObject, QRegularExpression, QSortFilterProxyModel, Qt

from app.domain import ResultStatus
from app.ui.run_detail.columns import FILTER_ROLE
from app.ui.run_detail.result_model import ResultTableModel


class DeliveryFilter(Enum):
    """The one filter entry that is not a status."""

    NOT_DELIVERED = "not_delivered"


ResultFilter = ResultStatus | DeliveryFilter | None
"""What the filter box selects: a status, the undelivered results, or everything (None)."""


class ResultFilterProxy(QSortFilterProxyModel):
    """Shows the results that match the status filter and the title search."""

    def __init__(self, source: ResultTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._filter: ResultFilter = None
        self._search = ""
        self.setSourceModel(source)
        self.setFilterRole(FILTER_ROLE)
        self.setFilterKeyColumn(0)
        self.setDynamicSortFilter(False)

    @property
    def result_filter(self) -> ResultFilter:
        return self._filter

    @property
    def search_text(self) -> str:
        return self._search

    def set_result_filter(self, wanted: ResultFilter) -> None:
        self._filter = wanted
        self._apply()

    def set_search_text(self, text: str) -> None:
        self._search = text.strip()
        self._apply()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the source model; this proxy keeps its order (see the module docstring)."""
        self._source.sort(column, order)

    def _apply(self) -> None:
        pattern = filter_pattern(self._filter, self._search)
        expression = QRegularExpression(
            pattern, QRegularExpression.PatternOption.CaseInsensitiveOption
        )
        self.setFilterRegularExpression(expression)


def filter_pattern(wanted: ResultFilter, search: str) -> str:
    """The expression matching `status<US>d|u<US>title` keys; empty when nothing filters."""
    if wanted is None and not search:
        return ""
    status = wanted.value if isinstance(wanted, ResultStatus) else "[^\x1f]*"
    delivery = "u" if wanted is DeliveryFilter.NOT_DELIVERED else "[du]"
    return f"^{status}\x1f{delivery}\x1f.*{QRegularExpression.escape(search)}"
