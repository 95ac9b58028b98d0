"""The New run dialog: a name, a milestone and the cases, created locally at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QFormLayout, QWidget

from app.domain import ValidationError, clean_test_case_ids
from app.store import EditCommands, Queries, RunRow, StoreError
from app.ui.entry.form import InlineMessage
from app.ui.run_dialogs.case_picker import CasePicker
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
from app.ui.run_dialogs.preset import RunPreset, missing_note
from app.ui.theme import SPACING


class NewRunDialog(QDialog):
    """Create a run from a name, an optional milestone and a selection of cached cases.

    The run is created locally (every result "not tested") and queued for the server;
    nothing waits for the network. Problems are shown under the field they are about, and
    what was typed stays.

    Args:
        queries: read access to the local cache (cases and milestones).
        commands: the edit commands that create the run.
        project_id: the project the run belongs to.
        preset: what to start from (a re-run); `None` starts blank.

    Signals:
        run_created(int): the run was created; its local id. The dialog then accepts.
    """

    run_created = Signal(int)

    def __init__(
        self,
        queries: Queries,
        commands: EditCommands,
        project_id: str,
        parent: QWidget | None = None,
        *,
        preset: RunPreset | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newRunDialog")
        self.setWindowTitle(preset.title if preset else "New run")
        self.setAccessibleName(self.windowTitle())
        self._queries = queries
        self._commands = commands
        self._project_id = project_id
        self._created: RunRow | None = None
        self.name_field = RunNameField("runNameEdit", "runNameError", self)
        self.milestone_combo = MilestoneCombo("runMilestoneChoice", self)
        self.milestone_error = InlineMessage("runMilestoneError", self)
        self.picker = CasePicker(self)
        self.case_error = InlineMessage("caseSelectionError", self)
        self.preset_note = Note("runPresetNote", None, self)
        self.form_error = InlineMessage("runFormError", self)
        self.buttons, self.create_button = dialog_buttons(
            self, "C&reate run", "createRunButton", _CREATE_TIP
        )
        self._lay_out()
        self._preset_order: tuple[str, ...] = preset.case_ids if preset else ()
        self._load(preset.milestone_id if preset else None)
        if preset is not None:
            self._apply(preset)
        self._connect()
        self.name_field.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def created_run(self) -> RunRow | None:
        """The run this dialog created; `None` until then."""
        return self._created

    # Building -----------------------------------------------------------------------------

    def _lay_out(self) -> None:
        layout = outer_layout(self, 640, 520)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(SPACING * 2)
        form.setVerticalSpacing(SPACING)
        form.addRow(caption("&Name", self.name_field.edit), self.name_field)
        form.addRow(caption("&Milestone", self.milestone_combo), self.milestone_combo)
        form.addRow("", self.milestone_error)
        layout.addLayout(form)
        layout.addSpacing(SPACING)
        cases_heading = heading("&Test cases", "caseHeading")
        cases_heading.setBuddy(self.picker.tree)
        layout.addWidget(cases_heading)
        layout.addWidget(self.preset_note)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.case_error)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.resize(780, 660)
        set_tab_chain([self.name_field.edit, self.milestone_combo, *self.picker.tab_chain()])

    def _connect(self) -> None:
        self.create_button.clicked.connect(self._on_create_button_clicked)
        self.picker.selection_changed.connect(self._on_picker_selection_changed)
        self.milestone_combo.currentIndexChanged.connect(self._on_milestone_index_changed)

    def _load(self, milestone_id: str | None) -> None:
        """Read the cached cases and milestones; say so if the cache can't be read."""
        try:
            cases = self._queries.test_cases(self._project_id)
            milestones = self._queries.milestones(self._project_id)
        except StoreError as error:
            self.form_error.show_message(f"The local cache could not be read: {error}")
            self.create_button.setEnabled(False)
            return
        self.picker.set_cases(cases)
        self.milestone_combo.set_milestones(milestones, milestone_id)

    def _apply(self, preset: RunPreset) -> None:
        self.name_field.set_text(preset.name)
        found = self.picker.check_cases(preset.case_ids)
        if found:
            self.picker.show_selected_only(True)
        # Cases can leave the catalogue between making the preset and opening the dialog.
        notes = missing_note(preset.missing + len(preset.case_ids) - found)
        if not preset.case_ids and preset.empty_message:
            notes = f"{preset.empty_message} {notes}".strip()
        self.preset_note.set_text(notes)

    # Creating -----------------------------------------------------------------------------

    def _checked_cases(self) -> list[str] | None:
        try:
            case_ids = clean_test_case_ids(self._in_run_order(self.picker.checked_case_ids()))
        except ValidationError as error:
            self.case_error.show_message(error.message)
            return None
        self.case_error.clear_message()
        return case_ids

    def _in_run_order(self, checked: list[str]) -> list[str]:
        """A re-run keeps its source run's order; cases added to it follow in picker order."""
        chosen = set(checked)
        kept = [case_id for case_id in self._preset_order if case_id in chosen]
        return kept + [case_id for case_id in checked if case_id not in set(kept)]

    def _create(self, name: str, case_ids: list[str]) -> RunRow | None:
        milestone_id = self.milestone_combo.milestone_id()
        try:
            return self._commands.create_run(self._project_id, name, case_ids, milestone_id)
        except ValidationError as error:
            self._show_refusal(error)
        except StoreError as error:
            self.form_error.show_message(f"The run could not be created: {error}")
        return None

    def _show_refusal(self, error: ValidationError) -> None:
        """Show the store's objection under the field it is about, and go there."""
        if error.field == "name":
            self.name_field.show_error(error.message)
            self.name_field.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif error.field == "test_case_ids":
            self.case_error.show_message(error.message)
            self.picker.focus_cases()
        elif error.field == "milestone_id":
            self.milestone_error.show_message(error.message)
            self.milestone_combo.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.form_error.show_message(error.message)

    # Slots --------------------------------------------------------------------------------

    @Slot()
    def _on_create_button_clicked(self) -> None:
        self.form_error.clear_message()
        name = self.name_field.validated()
        case_ids = self._checked_cases()
        if name is None:
            self.name_field.edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if case_ids is None:
            self.picker.focus_cases()
            return
        run = self._create(name, case_ids)
        if run is None:
            return
        self._created = run
        self.run_created.emit(run.id)
        self.accept()

    @Slot(int)
    def _on_picker_selection_changed(self, checked: int) -> None:
        if checked:
            self.case_error.clear_message()

    @Slot(int)
    def _on_milestone_index_changed(self, _row: int) -> None:
        self.milestone_error.clear_message()


_CREATE_TIP = "Create the run now; it is sent to Testably as soon as it can be (Enter)"
