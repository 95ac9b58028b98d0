"""The main window: composes the three panes, the sync view and the actions, and wires them.

Each pane owns its model and its controller; this class only passes ids between them and
forwards what sync reports, so it stays small however much the panes grow.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QWidget

from app import __version__
from app.config import Settings
from app.store import NotFoundError, ResultRow, StoreError
from app.sync import ChangeSet, PassReport, SyncState, SyncStatus
from app.ui.close_run import CloseConfirm, ask_to_close_run
from app.ui.entry import ResultEntryPane
from app.ui.main_actions import MainActions, build_menus, build_toolbar, make_actions
from app.ui.project_switcher import ProjectSwitcher
from app.ui.run_detail import RunDetailPane
from app.ui.run_management import RunManagement
from app.ui.runs import RunsPane
from app.ui.shortcut_sheet import ShortcutSheet
from app.ui.sync import SyncController
from app.ui.sync_view import SyncIssuesDock, SyncStatusIndicator
from app.ui.sync_view.confirm import Confirm
from app.ui.window_state import WindowPlace
from app.ui.workspace import Workspace

if TYPE_CHECKING:
    from app.ui.sync_view.issues_panel import SyncIssuesPanel

log = logging.getLogger(__name__)

FULL_RELOAD_THRESHOLD = 200
"""Above this many changed results, re-reading the whole table beats row by row."""

STATUS_MESSAGE_MS = 8000
MINIMUM_SIZE = (960, 600)

QuitConfirm = Callable[[QWidget, int], bool]
"""Asks `(parent, undelivered)` before quitting with undelivered changes; True quits."""


def ask_before_quitting(parent: QWidget, undelivered: int) -> bool:
    from app.ui.settings import confirm_quit

    return confirm_quit(parent, undelivered)


def _assume_secure_keyring() -> bool:
    return True


class MainWindow(QMainWindow):
    """Runs on the left, the chosen run's results in the centre, result entry on the right.

    Args:
        workspace: the project, its cache and settings.
        sync: the sync controller (started by the caller), or None for no sync at all.
        confirm_discard: asks the user before an undelivered change is thrown away; the
            default is a message box (tests pass their own).
        confirm_close: asks before a run is closed.
        confirm_quit: asks before quitting with undelivered changes (Quit is the default).
        keyring_is_secure: whether tokens are kept encrypted (asked when the settings open,
            which explain the choice if not).
        apply_theme: applies a theme to the whole application (settings preview and save).

    Signals:
        first_painted(): the window has been painted for the first time, panes included;
            start-up work that can wait (sync, housekeeping) starts then.
        connect_requested(): the tester wants to sign in or connect another project.
        project_chosen(str): the tester chose to switch to this project.
        sign_out_requested(): the tester asked to sign out (not yet confirmed).
    """

    first_painted = Signal()
    connect_requested = Signal()
    project_chosen = Signal(str)
    sign_out_requested = Signal()

    def __init__(
        self,
        workspace: Workspace,
        sync: SyncController | None,
        parent: QWidget | None = None,
        *,
        confirm_discard: Confirm | None = None,
        confirm_close: CloseConfirm = ask_to_close_run,
        confirm_quit: QuitConfirm = ask_before_quitting,
        keyring_is_secure: Callable[[], bool] = _assume_secure_keyring,
        apply_theme: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._sync = sync
        self._confirm_quit = confirm_quit
        self._keyring_is_secure = keyring_is_secure
        self._apply_theme = apply_theme
        self._retiring = False
        self._painted = False
        self._saved_in_runs: set[int] = set()
        self._awaiting_first_run = True
        self._follow_up = QTimer(self)
        self._follow_up.setSingleShot(True)
        self._follow_up.setInterval(0)
        self._follow_up.timeout.connect(self._on_follow_up_timeout)
        self.setObjectName("mainWindow")
        # Fixed, so pane contents never change the window's size constraints while shown.
        self.setMinimumSize(*MINIMUM_SIZE)
        self.runs = RunsPane(workspace.queries, workspace.project_id)
        self.detail = RunDetailPane(workspace.queries, workspace.database)
        self.entry = ResultEntryPane(
            workspace.queries,
            workspace.commands,
            workspace.stopwatch_file,
            auto_advance=workspace.settings.auto_advance,
            stopwatch_autostart=workspace.settings.stopwatch_autostart,
        )
        self.sync_indicator = SyncStatusIndicator()
        self.main_actions: MainActions = make_actions(self)
        self.run_management = RunManagement(
            workspace.queries, workspace.commands, workspace.project_id, self, confirm_close
        )
        self._splitter, self.project_switcher = self._compose()
        self._issues_dock = self._dock(
            SyncIssuesDock(workspace.database, workspace.project_id, confirm_discard, self)
        )
        self._place = WindowPlace(workspace.window_state_file, self)
        self._wire_panes()
        self._wire_actions()
        self._wire_sync()
        self._refresh_icons()
        self._show_title()
        self._show_projects()
        self._place.restore(self._splitter, self.detail, self.runs)
        self._open_a_first_run()
        self.run_management.enable_actions()
        self._show_local_status()
        for notice in workspace.notices:
            self.statusBar().showMessage(notice, STATUS_MESSAGE_MS)

    # Building ---------------------------------------------------------------------

    def _compose(self) -> tuple[QSplitter, ProjectSwitcher]:
        project_menu = build_menus(self.menuBar(), self.main_actions)
        toolbar = build_toolbar(self, self.main_actions)
        switcher = ProjectSwitcher(project_menu, toolbar, self._workspace.project_id)
        self.runs.set_context_actions(self.main_actions.run_actions())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("paneSplitter")
        splitter.setChildrenCollapsible(False)
        for pane in (self.runs, self.detail, self.entry):
            splitter.addWidget(pane)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.statusBar().addPermanentWidget(self.sync_indicator)
        self.statusBar().setSizeGripEnabled(True)
        return splitter, switcher

    def _dock(self, dock: SyncIssuesDock) -> SyncIssuesDock:
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        dock.hide()
        dock.visibilityChanged.connect(self.main_actions.show_sync_issues.setChecked)
        return dock

    def _wire_panes(self) -> None:
        self.runs.run_selected.connect(self._on_runs_run_selected)
        self.runs.selection_cleared.connect(self._on_runs_selection_cleared)
        self.runs.run_activated.connect(self._on_runs_run_activated)
        self.detail.result_selected.connect(self.entry.show_result)
        self.detail.result_cleared.connect(self._on_detail_result_cleared)
        self.entry.result_saved.connect(self._on_entry_result_saved)
        self.entry.save_failed.connect(self._on_entry_save_failed)
        self.entry.advance_requested.connect(self._on_entry_advance_requested)
        self.entry.move_requested.connect(self._on_entry_move_requested)
        self.entry.focus_table_requested.connect(self.detail.focus_table)
        self.entry.auto_advance_toggled.connect(self._on_entry_auto_advance_toggled)
        self.sync_indicator.issues_requested.connect(self._on_indicator_issues_requested)
        self.run_management.run_created.connect(self._on_run_management_run_created)
        self.run_management.run_changed.connect(self._on_run_management_run_changed)
        self.run_management.refused.connect(self._on_run_management_refused)
        self.project_switcher.project_chosen.connect(self.project_chosen)

    def _wire_actions(self) -> None:
        actions = self.main_actions
        self.run_management.bind(actions, self.runs.current_run_id)
        actions.connect.triggered.connect(self.connect_requested)
        actions.settings.triggered.connect(self.show_settings)
        actions.sign_out.triggered.connect(self.sign_out_requested)
        actions.sync_now.triggered.connect(self._on_sync_now_triggered)
        actions.show_sync_issues.toggled.connect(self._issues_dock.setVisible)
        actions.search_results.triggered.connect(self.detail.focus_search)
        actions.search_runs.triggered.connect(self.runs.focus_search)
        actions.go_runs.triggered.connect(self.runs.focus_list)
        actions.go_results.triggered.connect(self.detail.focus_table)
        actions.go_entry.triggered.connect(self.entry.focus_note)
        actions.shortcuts.triggered.connect(self.show_shortcuts)
        actions.about.triggered.connect(self._on_about_triggered)
        actions.quit.triggered.connect(self._on_quit_triggered)

    def _wire_sync(self) -> None:
        sync = self._sync
        if sync is None:
            self.main_actions.sync_now.setEnabled(False)
            self.main_actions.sync_now.setToolTip("Sign in to Testably to sync")
            return
        sync.status_changed.connect(self._on_sync_status_changed)
        sync.data_changed.connect(self._on_sync_data_changed)
        sync.pass_started.connect(self._on_sync_pass_started)
        sync.pass_finished.connect(self._on_sync_pass_finished)
        sync.pass_failed.connect(self._on_sync_pass_failed)
        sync.entry_changed.connect(self._on_sync_entry_changed)
        sync.entry_failed.connect(self._issues_dock.show_entry_error)
        self._issues_dock.retry_requested.connect(sync.retry)
        self._issues_dock.discard_requested.connect(sync.discard)

    # Public -----------------------------------------------------------------------

    @property
    def workspace(self) -> Workspace:
        """The project, cache and settings this window shows."""
        return self._workspace

    @property
    def sync_issues(self) -> SyncIssuesPanel:
        """The sync-issues panel (built on first use: most sessions never open it)."""
        return self._issues_dock.panel()

    @Slot()
    def show_shortcuts(self) -> None:
        """Open the keyboard shortcut sheet (F1)."""
        sections = [
            ("Recording results", self.entry.shortcut_descriptions()),
            ("Window", self.main_actions.shortcut_list()),
        ]
        ShortcutSheet(sections, self).exec()

    @Slot()
    def show_settings(self) -> None:
        """Open the settings; what the tester saves applies at once."""
        from app.ui.settings import SettingsDialog

        dialog = SettingsDialog(
            self._workspace.settings,
            secure_keyring=self._keyring_is_secure(),
            preview_theme=self._apply_theme,
            parent=self,
        )
        dialog.settings_chosen.connect(self._on_settings_chosen)
        # Queued: the dialog has closed (as a Cancel) before signing out begins.
        dialog.sign_out_requested.connect(
            self.sign_out_requested, Qt.ConnectionType.QueuedConnection
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot()
    def save_state(self) -> None:
        """Remember the layout and the current run and result for the next start."""
        self._place.save(self._splitter, self.detail, self.runs)

    def retire(self) -> None:
        """Close without asking (another window replaces this one, or Testdeck must stop)."""
        self._retiring = True
        self.close()

    # Events -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # Queued: the panes paint in this same pass, after the window itself.
            QTimer.singleShot(0, self.first_painted.emit)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        # The window system's close button asks like Quit does; a close from code does not.
        if event.spontaneous() and not self._retiring and not self._may_quit():
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh_icons()
        super().changeEvent(event)

    # Panes ------------------------------------------------------------------------

    @Slot(int)
    def _on_runs_run_selected(self, run_id: int) -> None:
        self.detail.show_run(run_id)
        self.run_management.enable_actions()

    @Slot()
    def _on_runs_selection_cleared(self) -> None:
        self.detail.show_run(None)
        self.run_management.enable_actions()

    @Slot(int)
    def _on_runs_run_activated(self, run_id: int) -> None:
        self.detail.focus_table()

    @Slot()
    def _on_detail_result_cleared(self) -> None:
        self.entry.show_result(None)

    @Slot(object)
    def _on_entry_result_saved(self, result: ResultRow) -> None:
        # The row first, repainted at once: it is what the tester looks at. The run's card,
        # the header and the pending count follow in the next turn of the event loop.
        self.detail.show_saved_result(result.id)
        self._saved_in_runs.add(result.run_id)
        self._follow_up.start()
        self._local_change()

    @Slot(str)
    def _on_entry_save_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    @Slot(int)
    def _on_entry_advance_requested(self, result_id: int) -> None:
        # At once, not later: a second key pressed before the move must go to the next result.
        following = self.detail.next_untested_after(result_id)
        if following is None:
            self.statusBar().showMessage("Every result of this run is recorded.", STATUS_MESSAGE_MS)
            return
        self.detail.select_result(following)

    @Slot()
    def _on_follow_up_timeout(self) -> None:
        saved_in, self._saved_in_runs = self._saved_in_runs, set()
        self.runs.refresh_runs(saved_in)
        self._refresh_current_run()
        self._show_pending()

    @Slot(int)
    def _on_entry_move_requested(self, step: int) -> None:
        self.detail.select_adjacent(step)

    @Slot(bool)
    def _on_entry_auto_advance_toggled(self, enabled: bool) -> None:
        self._save_settings(auto_advance=enabled)

    @Slot()
    def _on_indicator_issues_requested(self) -> None:
        self._issues_dock.show()
        self._issues_dock.raise_()
        self.sync_issues.setFocus()

    # Runs -------------------------------------------------------------------------

    @Slot(int)
    def _on_run_management_run_created(self, run_id: int) -> None:
        self.runs.refresh_runs([run_id])
        self.runs.select_run(run_id)
        self.detail.focus_table()
        self._local_change()

    @Slot(int)
    def _on_run_management_run_changed(self, run_id: int) -> None:
        self.runs.refresh_runs([run_id])
        if self.detail.current_run_id() == run_id:
            self._refresh_current_run()
            self.entry.refresh()
        self.run_management.enable_actions()
        self._local_change()

    @Slot(str)
    def _on_run_management_refused(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    # Sync -------------------------------------------------------------------------

    @Slot()
    def _on_sync_now_triggered(self) -> None:
        if self._sync is not None:
            self._sync.sync_now()

    @Slot(object)
    def _on_sync_status_changed(self, status: SyncStatus) -> None:
        self.sync_indicator.show_status(status)

    @Slot()
    def _on_sync_pass_started(self) -> None:
        self.sync_indicator.set_syncing(True)

    @Slot(object)
    def _on_sync_pass_finished(self, report: PassReport) -> None:
        self.sync_indicator.set_syncing(False)
        self.sync_indicator.show_status(report.status)
        self._issues_dock.reload()
        self._show_projects()

    @Slot(str)
    def _on_sync_pass_failed(self, message: str) -> None:
        self.sync_indicator.set_syncing(False)
        self.statusBar().showMessage(f"Sync ran into a problem: {message}", STATUS_MESSAGE_MS)

    @Slot(int)
    def _on_sync_entry_changed(self, seq: int) -> None:
        self._issues_dock.reload()
        self.runs.reload()
        self.detail.refresh_run()
        self.detail.reload_results()
        self._show_pending()

    @Slot(object)
    def _on_sync_data_changed(self, changes: ChangeSet) -> None:
        if changes.catalog_changed:
            self._show_title()
            self.runs.reload()
            self.run_management.enable_actions()
        elif changes.run_ids:
            self.runs.refresh_runs(changes.run_ids)
        if self._awaiting_first_run and changes.run_ids:
            self._open_a_first_run()
        current_run = self.detail.current_run_id()
        if current_run is not None and current_run in changes.run_ids:
            self._refresh_current_run()
            self.run_management.enable_actions()
        if len(changes.result_ids) > FULL_RELOAD_THRESHOLD:
            self.detail.reload_results()
        elif changes.result_ids:
            self.detail.refresh_results(changes.result_ids)
        current_result = self.entry.current_result_id()
        if current_result in changes.result_ids or current_run in changes.run_ids:
            self.entry.refresh()
        self._show_pending()

    # Settings and quitting --------------------------------------------------------

    @Slot(object)
    def _on_settings_chosen(self, settings: Settings) -> None:
        if not self._keep_settings(settings):
            return
        self.entry.set_auto_advance(settings.auto_advance)
        self.entry.set_stopwatch_autostart(settings.stopwatch_autostart)
        if self._sync is not None:
            self._sync.set_interval(settings.sync_interval_seconds)
        if self._apply_theme is not None:
            self._apply_theme(settings.theme)

    @Slot()
    def _on_quit_triggered(self) -> None:
        if self._may_quit():
            self.retire()

    def _may_quit(self) -> bool:
        undelivered = self._undelivered(every_project=True)  # all of them wait for later
        return undelivered == 0 or self._confirm_quit(self, undelivered)

    # Helpers ----------------------------------------------------------------------

    def _local_change(self) -> None:
        if self._sync is not None:
            self._sync.local_change()

    def _show_projects(self) -> None:
        try:
            projects = self._workspace.queries.projects()
        except StoreError as error:
            log.error("Could not read the cached projects: %s", error)
            return
        self.project_switcher.show_projects(projects)

    def _open_a_first_run(self) -> None:
        """With no run to come back to (a first start), open the newest active run.

        If every run is closed, the newest one opens (read-only). Until there is one (a
        first sync is still on its way), the first runs to arrive are looked at; once any
        run is open, this never chooses again.
        """
        if self.runs.current_run_id() is not None or self.runs.select_newest_run():
            self._awaiting_first_run = False

    def _refresh_current_run(self) -> None:
        try:
            self.detail.refresh_run()
        except NotFoundError:
            self.detail.show_run(None)

    def _show_local_status(self) -> None:
        pending = self._undelivered()
        if self._sync is None:
            self.sync_indicator.show_status(SyncStatus(SyncState.SIGNED_OUT, pending=pending))
        self.sync_indicator.set_pending(pending)

    def _show_pending(self) -> None:
        self.sync_indicator.set_pending(self._undelivered())

    def _undelivered(self, *, every_project: bool = False) -> int:
        """This project's undelivered changes (what its sync engine delivers), or all."""
        project_id = None if every_project else self._workspace.project_id
        try:
            return self._workspace.queries.undelivered_count(project_id)
        except StoreError as error:
            log.error("Could not count undelivered changes: %s", error)
            return 0

    def _show_title(self) -> None:
        name = self._project_name()
        suffix = " (demo)" if self._workspace.demo else ""
        self.setWindowTitle(f"{name}{suffix} — Testdeck" if name else f"Testdeck{suffix}")

    def _project_name(self) -> str | None:
        try:
            projects = self._workspace.queries.projects()
        except StoreError as error:
            log.error("Could not read the project name: %s", error)
            return None
        return next((p.name for p in projects if p.id == self._workspace.project_id), None)

    def _save_settings(self, **changes: object) -> bool:
        return self._keep_settings(self._workspace.settings.replace(**changes))

    def _keep_settings(self, changed: Settings) -> bool:
        workspace = self._workspace
        try:
            workspace.save_settings(changed)
        except OSError as error:
            log.error("Could not save the settings: %s", error)
            self.statusBar().showMessage(
                f"Your settings could not be saved ({error.strerror or error}).",
                STATUS_MESSAGE_MS,
            )
            return False
        workspace.settings = changed
        return True

    def _refresh_icons(self) -> None:
        self.main_actions.refresh_icons(self.palette())

    @Slot()
    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            "About Testdeck",
            f"<b>Testdeck {__version__}</b><p>Record Testably test results from your desktop, "
            "fast and from the keyboard, online or offline. Every result is saved on this "
            "computer first and delivered to Testably when the server can take it.</p>",
        )
