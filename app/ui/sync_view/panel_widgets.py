"""The table, the details area and the buttons of the sync-issues panel."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QWidget,
)

from app.store.sync_issues import SyncIssue
from app.ui.icons import icon
from app.ui.sync_view.issue_words import ALL_STATE_WORDS
from app.ui.sync_view.issues_model import SyncIssuesModel
from app.ui.sync_view.tones import ICON_SIZE
from app.ui.theme import SPACING

_WIDEST_TIME = "28 Nov 2026, 23:59"
_RETRY_TIP = "Send this change to the server again (Enter)"
_RETRY_OFF_TIP = (
    "Testdeck retries this change on its own; use “Sync now” to try at once. "
    "Retry is for changes the server set aside."
)


def make_table(model: QAbstractItemModel) -> QTableView:
    """A compact, sortable, row-selecting table of issues."""
    table = QTableView()
    table.setObjectName("syncIssuesTable")
    table.setAccessibleName("Changes that need attention")
    table.setAccessibleDescription(
        "Delete discards the selected change, Enter retries it, Ctrl+C copies its details."
    )
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
    table.setSortingEnabled(True)
    table.sortByColumn(SyncIssuesModel.SINCE, Qt.SortOrder.AscendingOrder)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + SPACING)
    _size_columns(table)
    return table


def _size_columns(table: QTableView) -> None:
    """Fixed widths measured from the words, never from the rows: sizing to contents reads
    every row on each reload (150 ms for 1,000 issues)."""
    header = table.horizontalHeader()
    header.setObjectName("syncIssuesTableHeader")
    header.setAccessibleName("Sync issue columns; click one to sort")
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setMinimumSectionSize(80)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(SyncIssuesModel.REASON, QHeaderView.ResizeMode.Stretch)
    metrics = table.fontMetrics()
    padding = SPACING * 2
    longest_state = max(metrics.horizontalAdvance(words) for words in ALL_STATE_WORDS)
    header.resizeSection(SyncIssuesModel.WHAT, 290)
    header.resizeSection(SyncIssuesModel.STATE, longest_state + ICON_SIZE + SPACING + padding)
    header.resizeSection(SyncIssuesModel.SINCE, metrics.horizontalAdvance(_WIDEST_TIME) + padding)


def issues_splitter(table: QTableView, details: QTextBrowser) -> QSplitter:
    """The table over the details, split so the tester can give either more room."""
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.setObjectName("syncIssuesSplitter")
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(table)
    splitter.addWidget(details)
    splitter.setStretchFactor(0, 1)
    splitter.setStretchFactor(1, 1)
    return splitter


def make_details() -> QTextBrowser:
    """The read-only area with everything about the selected change."""
    details = QTextBrowser()
    details.setObjectName("syncIssueDetails")
    details.setAccessibleName("Details of the selected change")
    details.setOpenLinks(False)
    details.setPlaceholderText("Select a change to see what it holds and what the buttons do.")
    details.document().setDocumentMargin(SPACING)
    details.setMinimumHeight(120)
    return details


class ActionRow(QWidget):
    """Copy details on the left; Discard and Retry on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.copy = _button("syncCopyButton", "Copy details", "Copy a report of this change")
        self.copy.setToolTip("Copy a plain-text report of the selected change (Ctrl+C)")
        self.discard = _button("syncDiscardButton", "Discard…", "Discard this change")
        self.discard.setToolTip("Throw this change away after you confirm (Delete)")
        self.retry = _button("syncRetryButton", "Retry", "Retry this change")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.copy)
        layout.addStretch(1)
        layout.addWidget(self.discard)
        layout.addWidget(self.retry)
        self.set_icons(self.palette())
        self.show_issue(None)

    def set_icons(self, palette: QPalette) -> None:
        self.copy.setIcon(icon("copy", palette))
        self.discard.setIcon(icon("discard", palette))
        self.retry.setIcon(icon("retry", palette))

    def show_issue(self, issue: SyncIssue | None) -> None:
        """Enable what makes sense for `issue` (None: nothing selected)."""
        self.copy.setEnabled(issue is not None)
        self.discard.setEnabled(issue is not None)
        can_retry = issue is not None and issue.is_parked
        self.retry.setEnabled(can_retry)
        self.retry.setToolTip(_RETRY_TIP if can_retry or issue is None else _RETRY_OFF_TIP)


def _button(name: str, text: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setAutoDefault(False)
    return button
