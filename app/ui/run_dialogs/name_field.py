"""The run name field of the run dialogs, with its inline message and character count.

The rules are the store's own (`clean_run_name`), so what the field accepts the store
accepts, and what it refuses it refuses in the same words.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain import MAX_RUN_NAME_LENGTH, ResultStatus, ValidationError, clean_run_name
from app.ui.entry.form import InlineMessage
from app.ui.sync_view.tones import muted_colour
from app.ui.theme import SPACING, status_colour

COUNT_FROM = MAX_RUN_NAME_LENGTH - 50
"""The character count shows from this length on (near the limit, not all the time)."""


class RunNameField(QWidget):
    """A line edit for a run's name, the message under it, and a count near the limit.

    A message stays until the name is fixed: once shown, the name is checked again at
    every keystroke and the message goes as soon as the name is acceptable.

    Args:
        edit_name: the line edit's object name; the message is `<name>Error` unless
            `error_name` says otherwise, the count `<name>Count`.
    """

    def __init__(
        self, edit_name: str, error_name: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(edit_name)
        self.edit.setAccessibleName("Run name")
        self.edit.setPlaceholderText("For example: Checkout smoke, 2.4 release candidate")
        self.edit.setClearButtonEnabled(True)
        self.error = InlineMessage(error_name or f"{edit_name}Error", self)
        self.counter = QLabel(self)
        self.counter.setObjectName(f"{edit_name}Count")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.counter.hide()
        self._lay_out()
        self.edit.textChanged.connect(self._on_edit_text_changed)

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str, *, selected: bool = True) -> None:
        """Put `text` in the field, selected so that typing replaces it."""
        self.edit.setText(text)
        if selected:
            self.edit.selectAll()

    def validated(self) -> str | None:
        """The name as the store will keep it, or `None` after showing what is wrong."""
        try:
            name = clean_run_name(self.edit.text())
        except ValidationError as error:
            self.show_error(error.message)
            return None
        self.clear_error()
        return name

    def show_error(self, message: str) -> None:
        self.error.show_message(message)
        self.edit.setAccessibleDescription(message)

    def clear_error(self) -> None:
        self.error.clear_message()
        self.edit.setAccessibleDescription("")

    def error_text(self) -> str:
        return self.error.text()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "counter"):
            self._show_count()

    def _lay_out(self) -> None:
        below = QHBoxLayout()
        below.setContentsMargins(0, 0, 0, 0)
        below.setSpacing(SPACING)
        below.addWidget(self.error, 1)
        below.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addWidget(self.edit)
        layout.addLayout(below)

    def _show_count(self) -> None:
        length = len(self.edit.text().strip())
        self.counter.setVisible(length >= COUNT_FROM)
        self.counter.setText(f"{length:,} / {MAX_RUN_NAME_LENGTH}")
        self.counter.setAccessibleName(f"{length:,} of at most {MAX_RUN_NAME_LENGTH} characters")
        palette = self.counter.palette()
        over = length > MAX_RUN_NAME_LENGTH
        colour = status_colour(ResultStatus.FAILED, self.palette()) if over else None
        palette.setColor(QPalette.ColorRole.WindowText, colour or muted_colour(self.palette()))
        self.counter.setPalette(palette)

    @Slot(str)
    def _on_edit_text_changed(self, _text: str) -> None:
        self._show_count()
        if self.error.text():
            self.validated()
