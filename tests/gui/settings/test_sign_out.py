"""Asking before signing out: keep the undelivered changes (the default), discard them, or stay."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.ui.settings import SignOutChoice, ask_sign_out, sign_out_box
from app.ui.settings.sign_out import discard_question
from tests.gui.settings.conftest import OFFSCREEN_MESSAGE_BOX, child


class Confirmations:
    """Stands in for the second confirmation: records the question, gives a set answer."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str]] = []

    def __call__(self, parent: QWidget, title: str, text: str) -> bool:
        self.asked.append((title, text))
        return self.answer


def clicking(name: str) -> Callable[[QMessageBox], None]:
    """Answers the box by clicking its button `name`, as the tester would."""

    def answer(box: QMessageBox) -> None:
        child(box, QPushButton, name).click()

    return answer


def never_confirm(parent: QWidget, title: str, text: str) -> bool:
    raise AssertionError("no second confirmation was expected")


def buttons_of(box: QMessageBox) -> list[str]:
    return sorted(button.text() for button in box.buttons())


def test_with_nothing_undelivered_a_simple_question(parent: QWidget) -> None:
    box = sign_out_box(parent, 0)

    assert box.text() == "Sign out of Testably?"
    assert "API token is removed from this computer" in box.informativeText()
    assert "saved here stay" in box.informativeText()
    assert buttons_of(box) == ["Cancel", "Sign out"]
    assert box.defaultButton().objectName() == "signOutKeepButton"
    assert box.escapeButton().objectName() == "signOutCancelButton"


def test_with_undelivered_changes_the_box_says_they_stay(parent: QWidget) -> None:
    box = sign_out_box(parent, 3)

    assert box.text() == "3 changes have not been delivered yet"
    assert "They stay saved on this computer" in box.informativeText()
    assert "delivered after you sign in again" in box.informativeText()
    assert buttons_of(box) == [
        "Cancel",
        "Discard 3 changes and sign out",
        "Sign out and keep changes",
    ]
    assert box.defaultButton().text() == "Sign out and keep changes"
    assert box.escapeButton().objectName() == "signOutCancelButton"
    discard = child(box, QPushButton, "signOutDiscardButton")
    assert box.buttonRole(discard) == QMessageBox.ButtonRole.DestructiveRole
    for button in box.buttons():
        assert button.objectName()
        assert button.accessibleName()


def test_one_change_is_spoken_of_in_the_singular(parent: QWidget) -> None:
    box = sign_out_box(parent, 1)

    assert box.text() == "1 change has not been delivered yet"
    assert box.informativeText().startswith("It stays saved on this computer and is delivered")
    assert child(box, QPushButton, "signOutDiscardButton").text() == "Discard 1 change and sign out"
    assert discard_question(1)[1].startswith("The change that has not been delivered is")


@pytest.mark.parametrize("undelivered", [0, 3])
def test_signing_out_keeps_the_changes(parent: QWidget, undelivered: int) -> None:
    choice = ask_sign_out(
        parent, undelivered, confirm=never_confirm, show=clicking("signOutKeepButton")
    )

    assert choice is SignOutChoice.KEEP_CHANGES


@pytest.mark.parametrize("undelivered", [0, 3])
def test_cancel_stays_signed_in(parent: QWidget, undelivered: int) -> None:
    choice = ask_sign_out(
        parent, undelivered, confirm=never_confirm, show=clicking("signOutCancelButton")
    )

    assert choice is None


def test_discarding_asks_again_and_declining_cancels(parent: QWidget) -> None:
    confirm = Confirmations(answer=False)

    choice = ask_sign_out(parent, 3, confirm=confirm, show=clicking("signOutDiscardButton"))

    assert choice is None
    ((title, text),) = confirm.asked
    assert title == "Discard 3 changes?"
    assert "The 3 changes that have not been delivered are deleted from this computer" in text
    assert "Runs created here and never delivered are deleted with them" in text
    assert "can't be undone" in text


def test_discarding_confirmed_signs_out_without_the_changes(parent: QWidget) -> None:
    confirm = Confirmations(answer=True)

    choice = ask_sign_out(parent, 3, confirm=confirm, show=clicking("signOutDiscardButton"))

    assert choice is SignOutChoice.DISCARD_CHANGES
    assert len(confirm.asked) == 1


def test_a_box_closed_without_an_answer_cancels(parent: QWidget) -> None:
    assert ask_sign_out(parent, 3, confirm=never_confirm, show=lambda box: None) is None


@OFFSCREEN_MESSAGE_BOX
@pytest.mark.parametrize(
    ("key", "choice"),
    [(Qt.Key.Key_Return, SignOutChoice.KEEP_CHANGES), (Qt.Key.Key_Escape, None)],
    ids=["enter", "escape"],
)
def test_enter_keeps_the_changes_and_escape_cancels(
    qtbot: QtBot, parent: QWidget, key: Qt.Key, choice: SignOutChoice | None
) -> None:
    def press_key(box: QMessageBox) -> None:
        with qtbot.waitExposed(box):
            box.show()
        QTest.keyClick(box, key)

    assert ask_sign_out(parent, 3, confirm=never_confirm, show=press_key) is choice
