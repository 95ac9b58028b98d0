"""The Edit run dialog: rename a run, move it to another milestone or unlink it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QWidget

from app.domain import ValidationError
from app.store import EditCommands, EditRefusedError, Queries, RunRow, StoreError
from app.ui.entry.form import InlineMessage
from app.ui.run_detail.formatting import muted_window_text, run_meta_text
from app.ui.run_dialogs.dialog_parts import (
    Note,
    caption,
    dialog_buttons,
    heading,
    outer_layout,
    set_tab_chain,
)
from app.ui.run_dialogs.milestone_combo import MilestoneCombo
from app.ui.run_dialogs.name_field import RunNameField
from app.ui.theme import SPACING


class EditRunDialog(QDialog):
    """Rename a run and change or unlink its milestone.

    Only what changed is saved (and queued for the server); saving with nothing changed
    just closes the dialog. A closed run opens with everything disabled and says why.

    Args:
        queries: read access to the local cache (the run and the milestones).
        commands: the edit commands that save the change.
        run_id: the local id of the run to edit.

    Signals:
        run_updated(int): the run was changed; its local id. The dialog then accepts.
    """

    run_updated = Signal(int)

    def __init__(
        self,
        queries: Queries,
        commands: EditCommands,
        run_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editRunDialog")
        self.setWindowTitle("Edit run")
        self.setAccessibleName("Edit run")
        self._queries = queries
        self._commands = commands
        self._run_id = run_id
        self._run: RunRow | None = None
        self._updated: RunRow | None = None
        self.title_label = heading("", "editRunTitle")
        self.meta_label = QLabel(self)
        self.meta_label.setObjectName("editRunMeta")
        self.read_only_note = Note("editRunReadOnly", "lock", self)
        self.name_field = RunNameField("editRunNameEdit", "editRunNameError", self)
        self.milestone_combo = MilestoneCombo("editRunMilestoneChoice", self)
        self.milestone_error = InlineMessage("editRunMilestoneError", self)
        self.form_error = InlineMessage("editRunFormError", self)
        self.buttons, self.save_button = dialog_buttons(
            self, "&Save", "saveRunButton", "Save the new name and milestone (Enter)"
        )
        self._lay_out()
        self._load()
        self.resize(600, self.sizeHint().height() + SPACING * 2)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.milestone_combo.currentIndexChanged.connect(self._on_milestone_index_changed)

    @property
    def updated_run(self) -> RunRow | None:
        """The run as saved by this dialog; `None` until a change was saved."""
        return self._updated

    def is_editable(self) -> bool:
        return self.save_button.isEnabled()

    # Building -----------------------------------------------------------------------------

    def _lay_out(self) -> None:
        layout = outer_layout(self, 480, 220)
        layout.addWidget(self.title_label)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.read_only_note)
        layout.addSpacing(SPACING)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(SPACING * 2)
        form.setVerticalSpacing(SPACING)
        form.addRow(caption("&Name", self.name_field.edit), self.name_field)
        form.addRow(caption("&Milestone", self.milestone_combo), self.milestone_combo)
        form.addRow("", self.milestone_error)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        set_tab_chain([self.name_field.edit, self.milestone_combo])
        palette = self.meta_label.palette()
        palette.setColor(self.meta_label.foregroundRole(), muted_window_text(self.palette()))
        self.meta_label.setPalette(palette)

    def _load(self) -> None:
        try:
            run = self._queries.run(self._run_id)
            milestones = self._queries.milestones(run.project_id)
        except StoreError as error:
            self._lock(f"This run can't be edited: {error}")
            return
        self._run = run
        self.title_label.setText(run.name)
        self.meta_label.setText(run_meta_text(run))
        self.name_field.set_text(run.name)
        self.milestone_combo.set_milestones(milestones, run.milestone_id, run.milestone_name)
        if run.is_read_only:
            self._lock(
                f"This run is {run.status}, so it can no longer be renamed "
                "or moved to another milestone."
            )
        else:
            self.name_field.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _lock(self, reason: str) -> None:
        """Disable everything but Cancel, and say why."""
        self.read_only_note.set_text(reason)
        self.name_field.edit.setClearButtonEnabled(False)
        for widget in (self.name_field, self.milestone_combo, self.save_button):
            widget.setEnabled(False)
        cancel = self.buttons.button(self.buttons.StandardButton.Cancel)
        if cancel is not None:
            cancel.setDefault(True)
            cancel.setFocus(Qt.FocusReason.OtherFocusReason)

    # Saving -------------------------------------------------------------------------------

    def _changes(self, run: RunRow, name: str) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        if name != run.name:
            changes["name"] = name
        milestone_id = self.milestone_combo.milestone_id()
        if milestone_id != run.milestone_id:
            changes["milestone_id"] = milestone_id
        return changes

    def _save(self, changes: dict[str, Any]) -> RunRow | None:
        try:
            return self._commands.update_run(self._run_id, **changes)
        except ValidationError as error:
            if error.field == "name":
                self.name_field.show_error(error.message)
                self.name_field.edit.setFocus(Qt.FocusReason.OtherFocusReason)
            elif error.field == "milestone_id":
                self.milestone_error.show_message(error.message)
                self.milestone_combo.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.form_error.show_message(error.message)
        except EditRefusedError as error:
            self._lock(str(error))  # closed since the dialog opened (by a sync, say)
        except StoreError as error:
            self.form_error.show_message(f"The run could not be saved: {error}")
        return None

    # Slots --------------------------------------------------------------------------------

    @Slot()
    def _on_save_button_clicked(self) -> None:
        run = self._run
        if run is None or not self.is_editable():
            return
        self.form_error.clear_message()
        name = self.name_field.validated()
        if name is None:
            self.name_field.edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        changes = self._changes(run, name)
        if not changes:
            self.accept()
            return
        updated = self._save(changes)
        if updated is None:
            return
        self._updated = updated
        self.run_updated.emit(updated.id)
        self.accept()

    @Slot(int)
    def _on_milestone_index_changed(self, _row: int) -> None:
        self.milestone_error.clear_message()
