"""Making, fixing and closing runs from the main window: the dialogs and the close question.

The dialogs open window-modal with `open()`, never a nested `exec()`, so the window keeps
painting (and syncing) behind them and tests drive them like a tester does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QDialog, QWidget

from app.store import EditCommands, Queries, RunRow, StoreError
from app.ui.close_run import CloseConfirm, ask_to_close_run
from app.ui.main_actions import MainActions

ChosenRun = Callable[[], int | None]
"""The local id of the run chosen in the runs pane, or None."""

log = logging.getLogger(__name__)


class RunManagement(QObject):
    """Opens the New run, Re-run and Edit run dialogs and closes runs, for one project.

    Args:
        queries, commands: the local cache.
        project_id: the project new runs belong to.
        window: the parent of the dialogs.
        confirm_close: asks before a run is closed (tests pass their own).

    Signals:
        run_created(int): a new run (local id) was saved; sync creates it on the server.
        run_changed(int): a run was renamed, moved to another milestone, or closed.
        refused(str): an edit was refused or failed; the message is for the tester.
    """

    run_created = Signal(int)
    run_changed = Signal(int)
    refused = Signal(str)

    def __init__(
        self,
        queries: Queries,
        commands: EditCommands,
        project_id: str,
        window: QWidget,
        confirm_close: CloseConfirm = ask_to_close_run,
    ) -> None:
        super().__init__(window)
        self._queries = queries
        self._commands = commands
        self._project_id = project_id
        self._window = window
        self._confirm_close = confirm_close
        self._dialog: QDialog | None = None
        self._actions: MainActions | None = None
        self._chosen_run: ChosenRun = _no_run

    def bind(self, actions: MainActions, chosen_run: ChosenRun) -> None:
        """Drive the run actions of the window, on the run `chosen_run` names."""
        self._actions, self._chosen_run = actions, chosen_run
        actions.new_run.triggered.connect(self.new_run)
        actions.rerun_failed.triggered.connect(self._on_rerun_failed_triggered)
        actions.rerun_all.triggered.connect(self._on_rerun_all_triggered)
        actions.edit_run.triggered.connect(self._on_edit_run_triggered)
        actions.close_run.triggered.connect(self._on_close_run_triggered)
        self.enable_actions()

    def enable_actions(self) -> None:
        """Enable what the chosen run allows: a closed run can be re-run, not changed."""
        if self._actions is None:
            return
        run = self._chosen()
        editable = run is not None and not run.is_read_only
        actions = self._actions
        for action in (actions.edit_run, actions.close_run):
            action.setEnabled(editable)
        for action in (actions.rerun_failed, actions.rerun_all):
            action.setEnabled(run is not None)
        why = (
            f"“{run.name}” is {run.status}, so it can't be changed" if run and not editable else ""
        )
        for action in (actions.edit_run, actions.close_run):
            action.setStatusTip(why or action.toolTip())

    @property
    def open_dialog(self) -> QDialog | None:
        """The run dialog on screen, if any."""
        return self._dialog

    def new_run(self) -> None:
        """Open the New run dialog on the cached test cases."""
        from app.ui.run_dialogs import NewRunDialog

        dialog = NewRunDialog(self._queries, self._commands, self._project_id, self._window)
        dialog.run_created.connect(self._on_dialog_run_created)
        self._show(dialog)

    def rerun(self, run_id: int, *, failed_only: bool) -> None:
        """Open the New run dialog with the cases of `run_id` chosen (failed and blocked only)."""
        from app.ui.run_dialogs import NewRunDialog, RerunScope, rerun_preset

        scope = RerunScope.FAILED_AND_BLOCKED if failed_only else RerunScope.ALL
        try:
            preset = rerun_preset(self._queries, run_id, scope)
        except StoreError as error:
            self.refused.emit(f"The run could not be re-run: {error}")
            return
        dialog = NewRunDialog(
            self._queries, self._commands, self._project_id, self._window, preset=preset
        )
        dialog.run_created.connect(self._on_dialog_run_created)
        self._show(dialog)

    def edit_run(self, run_id: int) -> None:
        """Open the Edit run dialog: rename, change or unlink the milestone."""
        from app.ui.run_dialogs import EditRunDialog

        dialog = EditRunDialog(self._queries, self._commands, run_id, self._window)
        dialog.run_updated.connect(self._on_dialog_run_updated)
        self._show(dialog)

    def close_run(self, run_id: int) -> bool:
        """Ask, then close the run; refused with the reason if it is already closed.

        Returns:
            Whether the run was closed.
        """
        run = self._read(run_id)
        if run is None:
            return False
        if run.is_read_only:
            self.refused.emit(f"“{run.name}” is already {run.status}; nothing in it can change.")
            return False
        if not self._confirm_close(self._window, run):
            return False
        try:
            self._commands.close_run(run_id)
        except StoreError as error:
            self.refused.emit(str(error))
            return False
        self.run_changed.emit(run_id)
        return True

    def _chosen(self) -> RunRow | None:
        run_id = self._chosen_run()
        if run_id is None:
            return None
        try:
            return self._queries.run(run_id)
        except StoreError:
            return None  # gone from the cache: the runs pane clears the choice

    def _read(self, run_id: int) -> RunRow | None:
        try:
            return self._queries.run(run_id)
        except StoreError as error:
            self.refused.emit(f"The run could not be read from the local cache: {error}")
            return None

    def _show(self, dialog: QDialog) -> None:
        if self._dialog is not None:
            self._dialog.close()
        self._dialog = dialog
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    @Slot()
    def _on_rerun_failed_triggered(self) -> None:
        run_id = self._chosen_run()
        if run_id is not None:
            self.rerun(run_id, failed_only=True)

    @Slot()
    def _on_rerun_all_triggered(self) -> None:
        run_id = self._chosen_run()
        if run_id is not None:
            self.rerun(run_id, failed_only=False)

    @Slot()
    def _on_edit_run_triggered(self) -> None:
        run_id = self._chosen_run()
        if run_id is not None:
            self.edit_run(run_id)

    @Slot()
    def _on_close_run_triggered(self) -> None:
        run_id = self._chosen_run()
        if run_id is not None:
            self.close_run(run_id)

    @Slot(int)
    def _on_dialog_run_created(self, run_id: int) -> None:
        self.run_created.emit(run_id)

    @Slot(int)
    def _on_dialog_run_updated(self, run_id: int) -> None:
        self.run_changed.emit(run_id)

    @Slot(int)
    def _on_dialog_finished(self, result: int) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            dialog.deleteLater()


def _no_run() -> int | None:
    return None
