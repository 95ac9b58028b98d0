"""Quitting with undelivered changes: say they are safe, and let the quit go ahead.

The tester is never held up: with nothing undelivered no box appears, and when one does,
"Quit" is the default button, so Enter quits at once. "Keep Testdeck open" (also Escape) is
there for someone who would rather wait for the changes to go out.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.settings.message_boxes import ShowBox, widen
from app.ui.settings.wording import not_delivered, they


def quit_notice_text(undelivered: int) -> str | None:
    """What to tell the tester about `undelivered` changes when quitting; None for none."""
    if undelivered <= 0:
        return None
    return f"{not_delivered(undelivered)}. {_reassurance(undelivered)}"


def confirm_quit(
    parent: QWidget | None, undelivered: int, *, show: ShowBox = QMessageBox.exec
) -> bool:
    """Tell the tester about undelivered changes (if any) and whether to quit now.

    Returns:
        True to quit: at once when nothing is undelivered, else unless the tester chose
        "Keep Testdeck open".
    """
    if undelivered <= 0:
        return True
    box = quit_box(parent, undelivered)
    show(box)
    keep_open = box.clickedButton()
    quitting = keep_open is None or keep_open.objectName() != "keepOpenButton"
    box.deleteLater()
    return quitting


def quit_box(parent: QWidget | None, undelivered: int) -> QMessageBox:
    """The notice itself: "Quit" is the default (Enter), "Keep Testdeck open" is Escape."""
    box = QMessageBox(parent)
    box.setObjectName("quitNotice")
    box.setWindowTitle("Quit Testdeck")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(not_delivered(undelivered))
    box.setInformativeText(_reassurance(undelivered))
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.AcceptRole)
    quit_button.setObjectName("quitButton")
    quit_button.setAccessibleName("Quit")
    keep_open = box.addButton("Keep Testdeck open", QMessageBox.ButtonRole.RejectRole)
    keep_open.setObjectName("keepOpenButton")
    keep_open.setAccessibleName("Keep Testdeck open")
    box.setDefaultButton(quit_button)
    box.setEscapeButton(keep_open)
    widen(box)
    return box


def _reassurance(undelivered: int) -> str:
    verb = "is" if undelivered == 1 else "are"
    return (
        f"{they(undelivered)} {verb} safe on this computer and will be delivered the next "
        "time Testdeck is online."
    )
