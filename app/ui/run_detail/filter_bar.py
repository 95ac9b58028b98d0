"""The row above the results table: title search, status filter, and how many rows show.

Signals:
    search_changed(str): the search text changed.
    filter_changed(): another entry of the filter box was chosen.
    search_finished(): Return or Down in the search box (go to the table).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from app.ui.icons import icon
from app.ui.run_detail.formatting import plural, set_muted
from app.ui.run_detail.result_proxy import DeliveryFilter, ResultFilter
from app.ui.theme import SPACING, STATUS_ORDER

FILTER_CHOICES: tuple[tuple[str, ResultFilter], ...] = (
    ("All results", None),
    *((status.label, status) for status in STATUS_ORDER),
    ("Not delivered", DeliveryFilter.NOT_DELIVERED),
)


class ResultFilterBar(QWidget):
    """Search box, filter box and a muted count of the rows shown."""

    search_changed = Signal(str)
    filter_changed = Signal()
    search_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("resultSearch")
        self.search.setAccessibleName("Search test cases")
        self.search.setPlaceholderText("Search test cases")
        self.search.setToolTip("Show only results whose test case title contains this text")
        self.search.setClearButtonEnabled(True)
        self._search_action = QAction(self.search)
        self.search.addAction(self._search_action, QLineEdit.ActionPosition.LeadingPosition)
        self.search.installEventFilter(self)
        self.filter = QComboBox()
        self.filter.setObjectName("resultFilter")
        self.filter.setAccessibleName("Show results")
        self.filter.setToolTip("Show only results with this status, or those not yet delivered")
        for text, _choice in FILTER_CHOICES:
            self.filter.addItem(text)
        self.filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter.setMinimumContentsLength(12)
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")
        self._build()
        self._restyle()
        self.search.textChanged.connect(self.search_changed)
        self.filter.currentIndexChanged.connect(self._on_filter_current_index_changed)

    def current_filter(self) -> ResultFilter:
        return FILTER_CHOICES[max(self.filter.currentIndex(), 0)][1]

    def set_filter(self, wanted: ResultFilter) -> None:
        choices = [choice for _text, choice in FILTER_CHOICES]
        self.filter.setCurrentIndex(choices.index(wanted))

    def show_count(self, shown: int, total: int) -> None:
        text = plural(total, "result") if shown == total else f"{shown:,} of {total:,} shown"
        self.count_label.setText(text)
        self.count_label.setAccessibleName(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.search_finished.emit()
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)

    @Slot(int)
    def _on_filter_current_index_changed(self, _index: int) -> None:
        self.filter_changed.emit()

    def _build(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2 * SPACING, SPACING // 2, 2 * SPACING, SPACING)
        layout.setSpacing(SPACING)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.filter)
        layout.addSpacing(SPACING // 2)
        layout.addWidget(self.count_label)

    def _restyle(self) -> None:
        self._search_action.setIcon(icon("search", self.palette()))
        set_muted(self.count_label, self.palette())
