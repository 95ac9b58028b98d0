"""Asking before signing out: the token goes, the local cache stays, unsent work is the choice.

`ask_sign_out` is the whole conversation. It shows its box through `show` (QMessageBox.exec
by default), so a test can click the box's buttons instead of running a modal loop.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from app.ui.settings.message_boxes import ShowBox, widen
from app.ui.settings.wording import changes, not_delivered, they
from app.ui.sync_view.confirm import Confirm, ask_to_discard

NOTHING_UNSENT_TEXT = (
    "Your API token is removed from this computer. The runs and results saved here stay, "
    "and you can sign in again at any time."
)


class SignOutChoice(Enum):
    """What the tester chose to do with undelivered changes when signing out."""

    KEEP_CHANGES = "keep"
    DISCARD_CHANGES = "discard"


def ask_sign_out(
    parent: QWidget,
    undelivered: int,
    *,
    confirm: Confirm = ask_to_discard,
    show: ShowBox = QMessageBox.exec,
) -> SignOutChoice | None:
    """Ask whether to sign out, and what becomes of `undelivered` changes.

    Discarding asks a second time, through `confirm`; declining it cancels the sign-out.

    Returns:
        KEEP_CHANGES to sign out keeping every change (also the answer with none to keep),
        DISCARD_CHANGES to sign out and discard them, or None to stay signed in.
    """
    box = sign_out_box(parent, undelivered)
    show(box)
    choice = sign_out_choice(box)
    box.deleteLater()
    if choice is SignOutChoice.DISCARD_CHANGES:
        title, text = discard_question(undelivered)
        if not confirm(parent, title, text):
            return None
    return choice


def sign_out_box(parent: QWidget | None, undelivered: int) -> QMessageBox:
    """The sign-out question; "Sign out" (keeping changes) is the default, Escape cancels."""
    box = QMessageBox(parent)
    box.setObjectName("signOutBox")
    box.setWindowTitle("Sign out")
    box.setIcon(QMessageBox.Icon.Question)
    keep = _offer_keep_or_discard(box, undelivered) if undelivered > 0 else _offer_sign_out(box)
    keep.setObjectName("signOutKeepButton")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setObjectName("signOutCancelButton")
    cancel.setAccessibleName("Cancel")
    box.setDefaultButton(keep)
    box.setEscapeButton(cancel)
    widen(box)
    return box


def _offer_keep_or_discard(box: QMessageBox, undelivered: int) -> QPushButton:
    """Say what becomes of the changes; returns the (default) keep button."""
    one = undelivered == 1
    box.setText(not_delivered(undelivered))
    box.setInformativeText(
        f"{they(undelivered)} {'stays' if one else 'stay'} saved on this computer and "
        f"{'is' if one else 'are'} delivered after you sign in again. Signing out removes "
        "your API token from this computer."
    )
    keep = _button(box, "Sign out and keep changes", QMessageBox.ButtonRole.AcceptRole)
    discard = _button(
        box, f"Discard {changes(undelivered)} and sign out", QMessageBox.ButtonRole.DestructiveRole
    )
    discard.setObjectName("signOutDiscardButton")
    return keep


def _offer_sign_out(box: QMessageBox) -> QPushButton:
    """Nothing undelivered: a plain question; returns the sign-out button."""
    box.setText("Sign out of Testably?")
    box.setInformativeText(NOTHING_UNSENT_TEXT)
    return _button(box, "Sign out", QMessageBox.ButtonRole.AcceptRole)


def sign_out_choice(box: QMessageBox) -> SignOutChoice | None:
    """What the button the tester clicked in `sign_out_box` means (before any second ask)."""
    clicked = box.clickedButton()
    name = clicked.objectName() if clicked is not None else ""
    return _CHOICES.get(name)


def discard_question(undelivered: int) -> tuple[str, str]:
    """The title and text of the second confirmation before discarding."""
    what = (
        "The change that has not been delivered is"
        if undelivered == 1
        else f"The {changes(undelivered)} that have not been delivered are"
    )
    return (
        f"Discard {changes(undelivered)}?",
        f"{what} deleted from this computer and will never reach Testably. Runs created "
        "here and never delivered are deleted with them. This can't be undone.",
    )


_CHOICES = {
    "signOutKeepButton": SignOutChoice.KEEP_CHANGES,
    "signOutDiscardButton": SignOutChoice.DISCARD_CHANGES,
}


def _button(box: QMessageBox, text: str, role: QMessageBox.ButtonRole) -> QPushButton:
    button = box.addButton(text, role)
    button.setAccessibleName(text)
    return button
