"""The sync indicator of the main window's status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from html import escape

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QMouseEvent, QPalette, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from app.sync.status import SyncStatus
from app.ui.sync_view.status_words import (
    full_timestamp,
    last_synced,
    relative_time,
    status_view,
)
from app.ui.sync_view.tones import ICON_SIZE, muted_colour, toned_icon, toned_pixmap
from app.ui.theme import SPACING

REFRESH_MS = 30_000
"""How often "Last synced … ago" is brought up to date."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SyncStatusIndicator(QWidget):
    """Connection state, undelivered changes, parked changes and the last sync, in one line.

    Args:
        parent: the owning widget, usually the status bar.
        clock: where "now" comes from, timezone-aware (tests pass a fixed clock).

    Signals:
        issues_requested(): the tester clicked the indicator or its "need attention" link.
    """

    issues_requested = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], datetime] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self._clock = clock or _utc_now
        self._status: SyncStatus | None = None
        self._pending = 0
        self._syncing = False
        self._view = status_view(None, 0, syncing=False)
        self._build()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setObjectName("syncStatusRefreshTimer")
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self._on_refresh_timer_timeout)
        self._refresh_timer.start()
        self._update()

    # Public API --------------------------------------------------------------------------

    def show_status(self, status: SyncStatus) -> None:
        """Show what the sync engine reported; its pending count replaces the local one."""
        self._status = status
        self._pending = status.pending
        self._update()

    def set_syncing(self, syncing: bool) -> None:
        """Show "Syncing…" while a pass runs."""
        self._syncing = syncing
        self._update()

    def set_pending(self, pending: int) -> None:
        """The undelivered count after a local save, before sync reports again."""
        self._pending = max(pending, 0)
        self._update()

    def text(self) -> str:
        """Everything the indicator says, as one line (also its accessible name)."""
        parts = [self._view.headline, self._view.issues, self._last_synced_label.text()]
        return " · ".join(part for part in parts if part)

    # Building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._icon_label = QLabel()
        self._icon_label.setObjectName("syncStatusIcon")
        self._icon_label.setFixedSize(ICON_SIZE, ICON_SIZE)
        self._headline_label = QLabel()
        self._headline_label.setObjectName("syncStatusText")
        self._issues_button = self._make_issues_button()
        self._last_synced_label = QLabel()
        self._last_synced_label.setObjectName("syncLastSynced")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING, 0, SPACING // 2, 0)
        layout.setSpacing(SPACING // 2 + 2)
        layout.addWidget(self._icon_label)
        layout.addWidget(self._headline_label)
        layout.addWidget(self._issues_button)
        layout.addSpacing(SPACING)
        layout.addWidget(self._last_synced_label)
        self._apply_palette()

    def _make_issues_button(self) -> QToolButton:
        button = QToolButton()
        button.setObjectName("syncIssuesLink")
        button.setAutoRaise(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(self._on_issues_button_clicked)
        button.hide()
        return button

    # Updating ----------------------------------------------------------------------------

    def _update(self) -> None:
        self._view = status_view(self._status, self._pending, syncing=self._syncing)
        self._headline_label.setText(self._view.headline)
        self._icon_label.setPixmap(self._pixmap())
        self._update_issues_button()
        self._update_time()

    def _update_issues_button(self) -> None:
        words = self._view.issues
        self._issues_button.setVisible(bool(words))
        self._issues_button.setText(words)
        self._issues_button.setAccessibleName(f"Show the changes that {words}" if words else "")
        self._issues_button.setToolTip("Open the sync issues: retry or discard these changes")

    def _update_time(self) -> None:
        last = self._status.last_success_at if self._status else None
        self._last_synced_label.setText(last_synced(last, self._clock()))
        lines = self._detail_lines()
        self.setToolTip(_as_tooltip(self._view.headline, lines))
        self.setAccessibleName(f"Sync status: {self.text()}")
        self.setAccessibleDescription(" ".join([self._view.headline + ".", *lines]))

    def _detail_lines(self) -> list[str]:
        status, view = self._status, self._view
        lines = [view.explanation]
        if status is not None and status.last_error:
            lines.append(f"Last problem: {status.last_error}")
        last = status.last_success_at if status else None
        synced = full_timestamp(last) if last else "not yet"
        lines.append(f"Last synced: {synced}.")
        oldest = status.oldest_pending_at if status else None
        if oldest is not None and self._pending:
            lines.append(f"Oldest undelivered change: {relative_time(oldest, self._clock())}.")
        if view.issues:
            lines.append("Click to see the changes that need attention.")
        return lines

    def _pixmap(self) -> QPixmap:
        return toned_pixmap(
            self._view.icon, self._view.tone, self.palette(), self.devicePixelRatioF()
        )

    def _apply_palette(self) -> None:
        muted = QPalette(self.palette())  # from the container: the label's own is muted already
        muted.setColor(QPalette.ColorRole.WindowText, muted_colour(self.palette()))
        self._last_synced_label.setPalette(muted)
        self._issues_button.setIcon(toned_icon("warning", "warn", self.palette()))

    # Events ------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
            self._icon_label.setPixmap(self._pixmap())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.issues_requested.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    @Slot()
    def _on_issues_button_clicked(self) -> None:
        self.issues_requested.emit()

    @Slot()
    def _on_refresh_timer_timeout(self) -> None:
        self._update_time()


def _as_tooltip(headline: str, lines: list[str]) -> str:
    body = "<br>".join(escape(line) for line in lines)
    return f"<p><b>{escape(headline)}</b><br>{body}</p>"
