"""The lower half of the entry pane: status buttons, note, elapsed time, messages and Save.

Widgets and layout only; `ResultEntryPane` decides what they do.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain import ResultStatus, ValidationError
from app.ui.entry.status_buttons import StatusButtonRow
from app.ui.entry.stopwatch import WallClock
from app.ui.entry.stopwatch_panel import StopwatchPanel
from app.ui.icons import icon
from app.ui.theme import SPACING, STATUS_ORDER, status_colour

NOTE_LINES = 4
MAX_NOTE_LINES = 6


class InlineMessage(QWidget):
    """A short message in words next to the thing it is about, with a warning icon."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._icon = QLabel(self)
        self.label = QLabel(self)
        self.label.setObjectName(f"{name}Text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self._restyle()
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)
        self.show()

    def clear_message(self) -> None:
        self.label.clear()
        self.hide()

    def text(self) -> str:
        """The message shown, or "" when hidden."""
        return "" if self.isHidden() else self.label.text()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "label"):
            self._restyle()

    def _restyle(self) -> None:
        self._icon.setPixmap(icon("warning", self.palette()).pixmap(16, 16))
        palette = self.label.palette()
        colour = status_colour(ResultStatus.FAILED, self.palette())
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.label.setPalette(palette)


class EntryForm(QWidget):
    """Status buttons, note, elapsed time with the stopwatch, messages, Save."""

    def __init__(
        self, stopwatch_file: Path, clock: WallClock | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("entryForm")
        self.status_row = StatusButtonRow(self)
        self.note_edit = _note_edit()
        self.elapsed_edit = _elapsed_edit()
        self.elapsed_error = InlineMessage("elapsedError", self)
        self.stopwatch_panel = StopwatchPanel(stopwatch_file, clock, self)
        self.message = InlineMessage("entryMessage", self)
        self.auto_advance_check = QCheckBox("Ne&xt untested after saving", self)
        self.auto_advance_check.setObjectName("autoAdvanceCheck")
        self.auto_advance_check.setAccessibleName("Next untested after saving")
        self.auto_advance_check.setToolTip(
            "After saving, move on to the next result that is not tested yet"
        )
        self.save_button = QPushButton("&Save", self)
        self.save_button.setObjectName("saveResultButton")
        self.save_button.setAccessibleName("Save result")
        self.save_button.setToolTip("Save the status, note and elapsed time (Ctrl+Return)")
        self.save_button.setDefault(True)
        self._lay_out()

    def set_editable(self, editable: bool) -> None:
        """Enable or disable everything that changes the result (not the preference)."""
        for widget in (
            self.status_row,
            self.note_edit,
            self.elapsed_edit,
            self.stopwatch_panel,
            self.save_button,
        ):
            widget.setEnabled(editable)
        self.clear_messages()

    def show_problem(self, error: Exception) -> None:
        """Say in words why a save failed, next to the field it is about."""
        if isinstance(error, ValidationError):
            target = self.elapsed_error if error.field == "elapsed" else self.message
            target.show_message(error.message)
        else:
            self.message.show_message(str(error))

    def clear_messages(self) -> None:
        self.message.clear_message()
        self.elapsed_error.clear_message()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addWidget(_caption("Result", None))
        layout.addWidget(self.status_row)
        layout.addSpacing(SPACING)
        layout.addWidget(_caption("&Note", self.note_edit))
        layout.addWidget(self.note_edit)
        layout.addSpacing(SPACING)
        layout.addLayout(self._timing_row())
        layout.addWidget(self.elapsed_error)
        layout.addSpacing(SPACING // 2)
        layout.addWidget(self.message)
        layout.addSpacing(SPACING // 2)
        layout.addLayout(self._save_row())

    def _timing_row(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(SPACING)
        grid.addWidget(_caption("&Elapsed", self.elapsed_edit), 0, 0)
        grid.addWidget(self.elapsed_edit, 0, 1)
        grid.setColumnStretch(2, 1)
        grid.addWidget(self.stopwatch_panel, 0, 3)
        return grid

    def _save_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.auto_advance_check)
        row.addStretch(1)
        row.addWidget(self.save_button)
        return row

    def tab_chain(self) -> list[QWidget]:
        """The form's focusable widgets in reading order."""
        chain: list[QWidget] = [self.status_row.buttons[status] for status in STATUS_ORDER]
        return [
            *chain,
            self.note_edit,
            self.elapsed_edit,
            self.stopwatch_panel.toggle_button,
            self.stopwatch_panel.reset_button,
            self.auto_advance_check,
            self.save_button,
        ]


def _note_edit() -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName("noteEdit")
    edit.setAccessibleName("Note")
    edit.setPlaceholderText("What did you observe? (optional)")
    edit.setTabChangesFocus(True)
    line = edit.fontMetrics().lineSpacing()
    # Room for a few lines; the case above gets the rest of the height.
    edit.setMinimumHeight(line * NOTE_LINES + 2 * SPACING)
    edit.setMaximumHeight(line * MAX_NOTE_LINES + 2 * SPACING)
    edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return edit


def _elapsed_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName("elapsedEdit")
    edit.setAccessibleName("Elapsed time")
    edit.setPlaceholderText("m:ss")
    edit.setToolTip("Time spent: seconds (90), mm:ss (1:30) or h:mm:ss (1:02:03)")
    edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("00:00:00") + 4 * SPACING)
    return edit


def _caption(text: str, buddy: QWidget | None) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    if buddy is not None:
        label.setBuddy(buddy)
    return label
