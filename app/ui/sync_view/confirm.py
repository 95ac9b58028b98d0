"""Asking the tester before anything they saved is thrown away."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

Confirm = Callable[[QWidget, str, str], bool]
"""Asks `(parent, title, text)` and answers whether the tester agreed."""


def ask_to_discard(parent: QWidget, title: str, text: str) -> bool:
    """A warning box with Discard and Cancel; Cancel is the default and the Escape answer."""
    box = QMessageBox(parent)
    box.setObjectName("syncDiscardConfirm")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(title)
    box.setInformativeText(text)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    discard.setObjectName("syncDiscardConfirmButton")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is discard
