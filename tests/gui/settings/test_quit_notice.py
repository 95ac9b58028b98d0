"""The quit notice: says how many changes wait and that they are safe; never stands in the way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.ui.settings import confirm_quit, quit_box, quit_notice_text
from tests.gui.settings.conftest import OFFSCREEN_MESSAGE_BOX, child


@pytest.mark.parametrize(
    ("undelivered", "text"),
    [
        (0, None),
        (-1, None),
        (
            1,
            "1 change has not been delivered yet. It is safe on this computer and will be "
            "delivered the next time Testdeck is online.",
        ),
        (
            3,
            "3 changes have not been delivered yet. They are safe on this computer and will "
            "be delivered the next time Testdeck is online.",
        ),
        (
            1204,
            "1,204 changes have not been delivered yet. They are safe on this computer and "
            "will be delivered the next time Testdeck is online.",
        ),
    ],
)
def test_the_notice_text(undelivered: int, text: str | None) -> None:
    assert quit_notice_text(undelivered) == text


def test_with_nothing_undelivered_quitting_asks_nothing(parent: QWidget) -> None:
    def fail(box: QMessageBox) -> None:
        raise AssertionError("no box was expected")

    assert confirm_quit(parent, 0, show=fail)


def test_the_box_says_how_many_and_quits_by_default(parent: QWidget) -> None:
    box = quit_box(parent, 3)

    assert box.text() == "3 changes have not been delivered yet"
    assert box.informativeText() == (
        "They are safe on this computer and will be delivered the next time Testdeck is online."
    )
    assert box.defaultButton().text() == "Quit"
    assert box.escapeButton().text() == "Keep Testdeck open"
    for button in box.buttons():
        assert button.objectName()
        assert button.accessibleName()


@pytest.mark.parametrize(("name", "quits"), [("quitButton", True), ("keepOpenButton", False)])
def test_the_tester_chooses(parent: QWidget, name: str, quits: bool) -> None:
    def click(box: QMessageBox) -> None:
        child(box, QPushButton, name).click()

    assert confirm_quit(parent, 2, show=click) is quits


def test_a_box_gone_without_an_answer_lets_the_quit_go_ahead(parent: QWidget) -> None:
    assert confirm_quit(parent, 2, show=lambda box: None)


@OFFSCREEN_MESSAGE_BOX
@pytest.mark.parametrize(
    ("key", "quits"), [(Qt.Key.Key_Return, True), (Qt.Key.Key_Escape, False)], ids=["enter", "esc"]
)
def test_enter_quits_and_escape_keeps_testdeck_open(
    qtbot: QtBot, parent: QWidget, key: Qt.Key, quits: bool
) -> None:
    def press_key(box: QMessageBox) -> None:
        with qtbot.waitExposed(box):
            box.show()
        QTest.keyClick(box, key)

    assert confirm_quit(parent, 5, show=press_key) is quits
