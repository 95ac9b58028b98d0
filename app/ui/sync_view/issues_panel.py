"""The sync-issues panel: changes the server set aside or that keep failing, with actions."""

from __future__ import annotations

import logging
from itertools import pairwise

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.store.errors import StoreError
from app.store.sync_issues import SyncIssue, fetch_sync_issues
from app.ui.sync_view.confirm import Confirm, ask_to_discard
from app.ui.sync_view.issue_details import details_html
from app.ui.sync_view.issue_words import discard_question, plain_report
from app.ui.sync_view.issues_model import SyncIssuesModel
from app.ui.sync_view.panel_parts import EmptyState, MessageLine, PanelHeader
from app.ui.sync_view.panel_widgets import ActionRow, issues_splitter, make_details, make_table
from app.ui.sync_view.tones import muted_colour
from app.ui.theme import SPACING

log = logging.getLogger(__name__)

NOTICE_MS = 4000
"""How long a short notice ("Copied …") stays."""


class SyncIssuesPanel(QWidget):
    """Lists every parked or failing outbox entry; Retry, Discard and Copy details.

    The panel only reads the store; retry and discard go out as signals, which the main
    window connects to `SyncController.retry` / `.discard`, calling `reload()` on the
    controller's `entry_changed` and `pass_finished`.

    Args:
        engine: the local cache, read with short read transactions.
        project_id: list only this project's entries (its sync engine is the one that
            retries them); None lists every project's.
        parent: the owning widget.
        confirm: asks `(parent, title, text)` before a discard; a QMessageBox by default.

    Signals:
        retry_requested(int): the tester asked to send outbox entry `seq` again.
        discard_requested(int): the tester confirmed throwing entry `seq` away.
        issues_changed(int): the list was reloaded; the number of issues now listed.
    """

    retry_requested = Signal(int)
    discard_requested = Signal(int)
    issues_changed = Signal(int)

    def __init__(
        self,
        engine: Engine,
        parent: QWidget | None = None,
        *,
        project_id: str | None = None,
        confirm: Confirm | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncIssuesPanel")
        self.setAccessibleName("Sync issues")
        self._engine = engine
        self._project_id = project_id
        self._confirm = confirm or ask_to_discard
        self._errors: dict[int, str] = {}
        self._model = SyncIssuesModel(self)
        self._model.set_palette(self.palette())
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self._model)
        self._proxy.setSortRole(SyncIssuesModel.SORT_ROLE)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(NOTICE_MS)
        self._notice_timer.timeout.connect(self._on_notice_timer_timeout)
        self._build()
        self._connect()
        self.reload()

    # Public API --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the issues again, keeping the selected entry selected while it is listed."""
        try:
            issues = fetch_sync_issues(self._engine, self._project_id)
        except (StoreError, SQLAlchemyError) as error:
            log.exception("The sync issues could not be read")
            self._message.show_error(f"The list of sync issues could not be read: {error}")
            return
        selected = self.selected_issue()
        row = self._selected_proxy_row()
        self._model.set_issues(issues)
        listed = {issue.seq for issue in issues}
        self._errors = {seq: text for seq, text in self._errors.items() if seq in listed}
        self._restore_selection(selected.seq if selected else None, row)
        self._show_page()
        self.issues_changed.emit(len(issues))

    def show_entry_error(self, seq: int, message: str) -> None:
        """Show why retrying or discarding entry `seq` failed, next to that entry."""
        if self._model.row_of(seq) is None:  # gone meanwhile: still say what went wrong
            self._message.show_error(message)
            return
        self._errors[seq] = message
        self._select_seq(seq)
        self._update_selection_views()

    def issue_count(self) -> int:
        return self._model.rowCount()

    def selected_issue(self) -> SyncIssue | None:
        index = self._table.currentIndex()
        if not index.isValid():
            return None
        issue: SyncIssue = index.data(SyncIssuesModel.ISSUE_ROLE)
        return issue

    # Building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self._header = PanelHeader()
        self._table = make_table(self._proxy)
        self._details = make_details()
        self._message = MessageLine()
        self._actions = ActionRow()
        content = issues_splitter(self._table, self._details)
        self._empty = EmptyState()
        self._pages = QStackedWidget()
        self._pages.addWidget(content)
        self._pages.addWidget(self._empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING * 2)
        layout.setSpacing(SPACING * 3 // 2)
        layout.addWidget(self._header)
        layout.addWidget(self._pages, 1)
        layout.addWidget(self._message)
        layout.addWidget(self._actions)
        self._content = content
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        actions = self._actions
        chain = [self._table, self._details, actions.copy, actions.discard, actions.retry]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self._actions.retry.clicked.connect(self._on_retry_clicked)
        self._actions.discard.clicked.connect(self._on_discard_clicked)
        self._actions.copy.clicked.connect(self._on_copy_clicked)
        selection = self._table.selectionModel()
        selection.currentRowChanged.connect(self._on_selection_current_row_changed)
        self._shortcut(QKeySequence.StandardKey.Delete, self._on_discard_clicked)
        self._shortcut(QKeySequence(Qt.Key.Key_Backspace), self._on_discard_clicked)
        self._shortcut(QKeySequence(Qt.Key.Key_Return), self._on_retry_clicked)
        self._shortcut(QKeySequence(Qt.Key.Key_Enter), self._on_retry_clicked)
        self._shortcut(QKeySequence.StandardKey.Copy, self._on_copy_clicked)

    def _shortcut(self, keys: QKeySequence | QKeySequence.StandardKey, slot: object) -> None:
        shortcut = QShortcut(keys, self._table)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)

    # Selection ---------------------------------------------------------------------------

    def _selected_proxy_row(self) -> int:
        index = self._table.currentIndex()
        return index.row() if index.isValid() else 0

    def _restore_selection(self, seq: int | None, fallback_row: int) -> None:
        if seq is not None and self._model.row_of(seq) is not None:
            self._select_seq(seq)
        elif self._proxy.rowCount() > 0:
            self._select_proxy_row(min(fallback_row, self._proxy.rowCount() - 1))
        self._update_selection_views()

    def _select_seq(self, seq: int) -> None:
        source_row = self._model.row_of(seq)
        if source_row is not None:
            proxy_index = self._proxy.mapFromSource(self._model.index(source_row, 0))
            self._select_proxy_row(proxy_index.row())

    def _select_proxy_row(self, row: int) -> None:
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self._table.selectionModel().setCurrentIndex(self._proxy.index(row, 0), flags)

    def _show_page(self) -> None:
        empty = self._model.rowCount() == 0
        self._pages.setCurrentWidget(self._empty if empty else self._content)
        self._actions.setVisible(not empty)
        self._header.set_count(self._model.rowCount())

    def _update_selection_views(self) -> None:
        issue = self.selected_issue()
        self._actions.show_issue(issue)
        if issue is None:
            self._details.clear()
            self._message.clear()
            return
        self._details.setHtml(details_html(issue, muted_colour(self.palette()).name()))
        error = self._errors.get(issue.seq)
        if error:
            self._message.show_error(error)
        elif not self._notice_timer.isActive():
            self._message.clear()

    # Actions -----------------------------------------------------------------------------

    @Slot()
    def _on_retry_clicked(self) -> None:
        issue = self.selected_issue()
        if issue is None or not issue.is_parked:
            return
        self._errors.pop(issue.seq, None)
        self._message.clear()
        self.retry_requested.emit(issue.seq)

    @Slot()
    def _on_discard_clicked(self) -> None:
        issue = self.selected_issue()
        if issue is None:
            return
        if not self._confirm(self, "Discard this change?", discard_question(issue)):
            return
        self._errors.pop(issue.seq, None)
        self._message.clear()
        self.discard_requested.emit(issue.seq)

    @Slot()
    def _on_copy_clicked(self) -> None:
        issue = self.selected_issue()
        if issue is None:
            return
        QGuiApplication.clipboard().setText(plain_report(issue))
        self._message.show_notice("The details of this change are on the clipboard.")
        self._notice_timer.start()

    @Slot(QModelIndex, QModelIndex)
    def _on_selection_current_row_changed(
        self, current: QModelIndex, previous: QModelIndex
    ) -> None:
        self._notice_timer.stop()
        self._update_selection_views()

    @Slot()
    def _on_notice_timer_timeout(self) -> None:
        self._update_selection_views()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._model.set_palette(self.palette())
            self._actions.set_icons(self.palette())
            self._update_selection_views()
