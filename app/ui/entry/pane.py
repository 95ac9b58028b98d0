"""The result entry pane: read the case, record a verdict with one key, time it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.domain import ResultStatus, ValidationError, format_elapsed, parse_elapsed_text
from app.store import EditCommands, EditRefusedError, Queries, ResultRow, StoreError
from app.ui.entry import shortcuts
from app.ui.entry.stopwatch import Stopwatch
from app.ui.entry.stopwatch_panel import StopwatchPanel
from app.ui.entry.view import EntryView

log = logging.getLogger(__name__)

EMPTY_TEXT = "Choose a result to record it"
EMPTY_HINT = "Then press P, F, B, R or N to record its status."
_AUTOSTART_STATUSES = frozenset({ResultStatus.NOT_TESTED, ResultStatus.RETEST})


class ResultEntryPane(QWidget):
    """The right pane: the selected result's case, status buttons, note and stopwatch.

    A status key or button records the result at once (status, note, elapsed); Save records
    the current status with the edited note and elapsed time.

    Signals:
        result_saved(ResultRow): a result was recorded; the row as stored.
        save_failed(str): recording failed; the reason in words (also shown in the pane).
        advance_requested(int): after a save with auto-advance on; the saved result's id.
        move_requested(int): J (+1) or K (-1): select the next or previous result.
        auto_advance_toggled(bool): the user turned auto-advance on or off.
        focus_table_requested(): Esc: give the focus back to the results table.
    """

    result_saved = Signal(object)
    save_failed = Signal(str)
    advance_requested = Signal(int)
    move_requested = Signal(int)
    auto_advance_toggled = Signal(bool)
    focus_table_requested = Signal()

    def __init__(
        self,
        queries: Queries,
        commands: EditCommands,
        stopwatch_file: Path,
        *,
        auto_advance: bool = True,
        stopwatch_autostart: bool = True,
        clock: Callable[[], float] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("resultEntryPane")
        self.setAccessibleName("Result entry")
        self._queries = queries
        self._commands = commands
        self._autostart = stopwatch_autostart
        self._result: ResultRow | None = None
        self._read_only = False
        self._shown_note = ""
        self._shown_elapsed = ""
        self._drafts: dict[int, str] = {}  # unsaved notes of results switched away from
        self.view = EntryView(stopwatch_file, clock, self)
        self.form = self.view.form
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.form.auto_advance_check.setChecked(auto_advance)
        self._connect()
        self._shortcuts = self._make_shortcuts()
        # The stopwatch is left as restored: a timer running when Testdeck quit (or crashed)
        # keeps running until its result is shown again or another one is opened.
        self._show_empty(EMPTY_TEXT, EMPTY_HINT, close_stopwatch=False)

    # -- public API ---------------------------------------------------------------------

    def show_result(self, result_id: int | None) -> None:
        """Show `result_id` for entry (None: the empty state)."""
        if result_id is not None and result_id == self.current_result_id():
            return
        self._keep_draft()
        if result_id is None:
            self._show_empty(EMPTY_TEXT, EMPTY_HINT)
            return
        if self._read(result_id):
            self._show_note(self._drafts.pop(result_id, self._shown_note))

    def refresh(self) -> None:
        """Re-read the current result (sync changed it); unsaved note or elapsed edits stay."""
        if self._result is None:
            return
        note = self._note_text()
        note_edited = note != self._shown_note
        if self._read(self._result.id, keep_elapsed=self._elapsed_edited()):
            self._show_note(note if note_edited else self._shown_note)

    def current_result_id(self) -> int | None:
        return None if self._result is None else self._result.id

    def set_auto_advance(self, enabled: bool) -> None:
        self.form.auto_advance_check.setChecked(enabled)

    def set_stopwatch_autostart(self, enabled: bool) -> None:
        self._autostart = enabled

    def focus_note(self) -> None:
        self.form.note_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def record_status(self, status: ResultStatus) -> bool:
        """Record the current result as `status` with the note and elapsed time shown."""
        return self._save(status)

    def shortcut_descriptions(self) -> list[tuple[str, str]]:
        return shortcuts.descriptions()

    @property
    def stopwatch_panel(self) -> StopwatchPanel:
        return self.form.stopwatch_panel

    @property
    def _stopwatch(self) -> Stopwatch:
        return self.form.stopwatch_panel.stopwatch

    # -- showing ------------------------------------------------------------------------

    def _read(self, result_id: int, *, keep_elapsed: bool = False) -> bool:
        try:
            result = self._queries.result(result_id)
            read_only = self._queries.run(result.run_id).is_read_only
            case = self._queries.test_case(result.test_case_id)
        except StoreError as error:
            log.warning("Result %s could not be shown: %s", result_id, error)
            self._show_empty(f"This result can't be shown: {error}")
            return False
        self._result, self._read_only = result, read_only
        self._shown_note = result.note or ""
        self.view.header.show_case(case)
        self.view.case_view.show_case(case)
        self.view.header.show_result(result)
        self.form.status_row.set_current(result.status)
        self._set_editable(not read_only)
        self._shortcuts.set_has_result(True)
        autostart = self._autostart and not read_only and result.status in _AUTOSTART_STATUSES
        self._stopwatch.open(result.id, baseline=result.elapsed, autostart=autostart)
        if read_only:
            self._stopwatch.pause()
        if not keep_elapsed:
            self._show_elapsed()
        self.view.show_entry()
        return True

    def _show_empty(self, text: str, hint: str = "", *, close_stopwatch: bool = True) -> None:
        self._result = None
        if close_stopwatch:
            self._stopwatch.open(None, baseline=None, autostart=False)
        self.form.clear_messages()
        self._shortcuts.set_editable(False)
        self._shortcuts.set_has_result(False)
        self.view.show_empty(text, hint)

    def _set_editable(self, editable: bool) -> None:
        self.view.header.set_read_only(not editable)
        self.form.set_editable(editable)
        self._shortcuts.set_editable(editable)

    def _show_note(self, text: str) -> None:
        if self._note_text() != text:
            self.form.note_edit.setPlainText(text)

    def _show_elapsed(self) -> None:
        text = format_elapsed(self._stopwatch.seconds()) if self._stopwatch.timed else ""
        self.form.elapsed_edit.setText(text)
        self._shown_elapsed = text

    def _keep_draft(self) -> None:
        if self._result is not None and self._note_text() != self._shown_note:
            self._drafts[self._result.id] = self._note_text()

    def _note_text(self) -> str:
        return self.form.note_edit.toPlainText()

    def _elapsed_edited(self) -> bool:
        return self.form.elapsed_edit.text() != self._shown_elapsed

    # -- saving -------------------------------------------------------------------------

    def _save(self, status: ResultStatus) -> bool:
        if self._result is None or self._read_only:
            return False
        problem = self._commit_elapsed()
        if problem is not None:
            self.save_failed.emit(problem)
            return False
        elapsed = self._stopwatch.seconds() if self._stopwatch.timed else None
        try:
            row = self._commands.record_result(self._result.id, status, self._note_text(), elapsed)
        except (ValidationError, StoreError) as error:
            self._refuse(error)
            return False
        self._saved(row)
        return True

    def _commit_elapsed(self) -> str | None:
        """Apply a typed elapsed time to the stopwatch; if it is not a time, say why."""
        if not self._elapsed_edited():
            return None
        try:
            seconds = parse_elapsed_text(self.form.elapsed_edit.text())
        except ValidationError as error:
            self.form.show_problem(error)
            return error.message
        self.form.elapsed_error.clear_message()
        self._stopwatch.set_seconds(seconds)
        self._show_elapsed()
        return None

    def _refuse(self, error: Exception) -> None:
        message = error.message if isinstance(error, ValidationError) else str(error)
        level = logging.INFO if isinstance(error, ValidationError) else logging.WARNING
        log.log(level, "The result could not be saved: %s", message)
        if isinstance(error, EditRefusedError):  # closed meanwhile (by a sync, say)
            self._read_only = True
            self._set_editable(False)
            self._stopwatch.pause()
        self.form.show_problem(error)
        self.save_failed.emit(message)

    def _saved(self, row: ResultRow) -> None:
        # Hot path (one key per result): no reads, only what the new row changes.
        self._result = row
        self._shown_note = row.note or ""
        self._show_note(self._shown_note)  # the note as stored (blank notes become none)
        self._stopwatch.clear(row.id, baseline=row.elapsed)
        self._show_elapsed()
        self.form.status_row.set_current(row.status)
        self.view.header.show_result(row)
        self.form.clear_messages()
        self.result_saved.emit(row)
        if self.form.auto_advance_check.isChecked():
            self.advance_requested.emit(row.id)

    # -- wiring -------------------------------------------------------------------------

    def _connect(self) -> None:
        form = self.form
        form.status_row.status_clicked.connect(self._on_status_row_status_clicked)
        form.save_button.clicked.connect(self._on_save_button_clicked)
        form.auto_advance_check.toggled.connect(self.auto_advance_toggled)
        form.elapsed_edit.editingFinished.connect(self._on_elapsed_edit_editing_finished)
        form.stopwatch_panel.time_changed.connect(self._on_stopwatch_time_changed)

    def _make_shortcuts(self) -> shortcuts.EntryShortcuts:
        return shortcuts.install(
            self,
            record=self._save,
            move=self.move_requested.emit,
            save=self._on_save_button_clicked,
            toggle_stopwatch=self._on_stopwatch_shortcut_activated,
            back=self.focus_table_requested.emit,
        )

    @Slot(object)
    def _on_status_row_status_clicked(self, status: ResultStatus) -> None:
        self._save(status)

    @Slot()
    def _on_save_button_clicked(self) -> None:
        if self._result is not None:
            self._save(self._result.status)

    @Slot()
    def _on_elapsed_edit_editing_finished(self) -> None:
        if self._result is not None and not self._read_only:
            self._commit_elapsed()

    @Slot()
    def _on_stopwatch_time_changed(self) -> None:
        if self._result is not None and not self._elapsed_edited():
            self._show_elapsed()

    @Slot()
    def _on_stopwatch_shortcut_activated(self) -> None:
        self._stopwatch.toggle()
