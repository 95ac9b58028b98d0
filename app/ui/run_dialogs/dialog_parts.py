"""Pieces both run dialogs are built from: captions, notes, buttons, the outer layout."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.icons import icon
from app.ui.theme import SPACING


def outer_layout(dialog: QDialog, minimum_width: int, minimum_height: int) -> QVBoxLayout:
    """The dialog's top-level layout, with a fixed minimum size.

    A message appearing under a field must not raise the window's minimum size: on some
    platforms (offscreen among them) a shown window cannot take new size hints, and the
    message is better given room from the stretchy parts than from the screen.
    """
    dialog.setMinimumSize(minimum_width, minimum_height)
    layout = QVBoxLayout(dialog)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    layout.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING * 2)
    layout.setSpacing(SPACING)
    return layout


def caption(text: str, buddy: QWidget | None = None) -> QLabel:
    """A field's label, with its mnemonic moving the keyboard to `buddy`."""
    label = QLabel(text)
    if buddy is not None:
        label.setBuddy(buddy)
    return label


def heading(text: str, name: str) -> QLabel:
    """A section's title over a group of fields ("Test cases")."""
    label = QLabel(text)
    label.setObjectName(name)
    font = QFont(label.font())
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


class Note(QWidget):
    """A plain note in words (not an error), with an optional icon; hidden while empty."""

    def __init__(self, name: str, icon_name: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self._icon_name = icon_name
        self._icon = QLabel(self)
        self._icon.setVisible(icon_name is not None)
        self.label = QLabel(self)
        self.label.setObjectName(f"{name}Text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self._draw_icon()
        self.hide()

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))

    def text(self) -> str:
        """The note shown, or "" when hidden."""
        return self.label.text() if not self.isHidden() else ""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_icon"):
            self._draw_icon()

    def _draw_icon(self) -> None:
        if self._icon_name is not None:
            self._icon.setPixmap(icon(self._icon_name, self.palette()).pixmap(16, 16))


def set_tab_chain(widgets: Sequence[QWidget]) -> None:
    """Tab moves through `widgets` in this order (the dialog's buttons come after)."""
    for before, after in pairwise(widgets):
        QWidget.setTabOrder(before, after)


def dialog_buttons(
    dialog: QDialog, accept_text: str, accept_name: str, accept_tip: str
) -> tuple[QDialogButtonBox, QPushButton]:
    """Cancel and the dialog's main button, which is the default (Enter presses it).

    The main button does not accept the dialog by itself: the dialog validates first, and
    accepts only once the change is saved.
    """
    buttons = QDialogButtonBox(dialog)
    main = buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
    assert main is not None
    main.setObjectName(accept_name)
    main.setAccessibleName(accept_text.replace("&", ""))
    main.setToolTip(accept_tip)
    main.setDefault(True)
    cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
    assert cancel is not None
    cancel.setObjectName(f"{dialog.objectName()}Cancel")
    cancel.setAccessibleName("Cancel")
    cancel.setToolTip("Close without saving anything (Esc)")
    buttons.rejected.connect(dialog.reject)
    return buttons, main
