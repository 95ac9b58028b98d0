"""The dock that holds the sync-issues panel, which it builds when it is first needed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDockWidget, QWidget

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from app.ui.sync_view.confirm import Confirm
    from app.ui.sync_view.issues_panel import SyncIssuesPanel


class SyncIssuesDock(QDockWidget):
    """A bottom dock for the sync-issues panel; hidden until the tester opens it.

    Most starts never show the panel, and its modules and widgets cost about as much as a
    pane, so the dock builds it on first use: when it is shown (by the tester, or by a
    restored window layout) or when something asks for `panel()`. Until then there is
    nothing to reload: the panel reads the outbox when it is built.

    Args:
        engine: the local cache the panel reads.
        project_id: the project whose changes it lists.
        confirm: asks before a discard (None: a message box).
        parent: the main window.

    Signals:
        retry_requested(int): the panel asked to send outbox entry `seq` again.
        discard_requested(int): the panel confirmed throwing entry `seq` away.
    """

    retry_requested = Signal(int)
    discard_requested = Signal(int)

    def __init__(
        self,
        engine: Engine,
        project_id: str,
        confirm: Confirm | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Sync issues", parent)
        self.setObjectName("syncIssuesDock")
        self.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea)
        self._engine = engine
        self._project_id = project_id
        self._confirm = confirm
        self._panel: SyncIssuesPanel | None = None

    def panel(self) -> SyncIssuesPanel:
        """The panel, built now if it was not yet."""
        if self._panel is None:
            self._panel = self._build_panel()
        return self._panel

    @Slot()
    def reload(self) -> None:
        """Read the outbox again, if the panel has been built (it reads when it is)."""
        if self._panel is not None:
            self._panel.reload()

    @Slot(int, str)
    def show_entry_error(self, seq: int, message: str) -> None:
        """Show why a retry or discard of entry `seq` failed."""
        self.panel().show_entry_error(seq, message)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        self.panel()
        super().showEvent(event)

    def _build_panel(self) -> SyncIssuesPanel:
        from app.ui.sync_view.issues_panel import SyncIssuesPanel

        panel = SyncIssuesPanel(self._engine, project_id=self._project_id, confirm=self._confirm)
        panel.retry_requested.connect(self.retry_requested)
        panel.discard_requested.connect(self.discard_requested)
        self.setWidget(panel)
        return panel
