"""The sync interval box: seconds shown and typed as people say them, stepping to round values."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QValidator
from pytestqt.qtbot import QtBot

from app.ui.settings.interval_box import IntervalSpinBox, interval_text, parse_interval


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (10, "10 s"),
        (59, "59 s"),
        (60, "1 min"),
        (90, "1 min 30 s"),
        (600, "10 min"),
        (3599, "59 min 59 s"),
        (3600, "1 h"),
    ],
)
def test_intervals_read_as_people_say_them(seconds: int, text: str) -> None:
    assert interval_text(seconds) == text
    assert parse_interval(text) == seconds


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [
        ("90", 90),
        (" 45 ", 45),
        ("90s", 90),
        ("90 sec", 90),
        ("2 min", 120),
        ("2 Minutes", 120),
        ("1:30", 90),
        ("1 min 5", None),
        ("1 h", 3600),
        ("1 hour", 3600),
        ("1:75", None),
        ("1 30", None),
        ("", None),
        ("2 mi", None),
        ("ten", None),
    ],
)
def test_typed_intervals(typed: str, seconds: int | None) -> None:
    assert parse_interval(typed) == seconds


@pytest.fixture
def box(qtbot: QtBot) -> IntervalSpinBox:
    spin = IntervalSpinBox(10, 3600)
    qtbot.addWidget(spin)
    return spin


def test_the_arrows_step_to_round_values(box: IntervalSpinBox) -> None:
    box.setValue(95)
    seen = []
    for _ in range(5):
        box.stepBy(1)
        seen.append(box.value())
    assert seen == [100, 110, 120, 150, 180]
    box.stepBy(-2)
    assert box.value() == 120
    box.stepBy(-1)
    assert box.value() == 110


def test_page_up_crosses_the_range_in_a_few_presses(box: IntervalSpinBox) -> None:
    box.setValue(10)
    presses = 0
    while box.value() < 3600:
        box.stepBy(10)  # what Page Up does
        presses += 1
    assert presses <= 6
    box.stepBy(-1)
    assert box.value() == 3300


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("1 min 30 s", QValidator.State.Acceptable),
        ("2 m", QValidator.State.Acceptable),
        ("2 mi", QValidator.State.Intermediate),
        ("5", QValidator.State.Intermediate),
        ("2 h", QValidator.State.Intermediate),
        ("1:", QValidator.State.Intermediate),
        ("1 min!", QValidator.State.Invalid),
        ("-5", QValidator.State.Invalid),
    ],
)
def test_what_may_be_typed(box: IntervalSpinBox, text: str, state: QValidator.State) -> None:
    assert box.validate(text, len(text))[0] == state


def test_fixing_up_brings_a_value_into_range(box: IntervalSpinBox) -> None:
    assert box.fixup("5") == "10 s"
    assert box.fixup("3 h") == "1 h"
    assert box.fixup("nonsense") == "nonsense"
    box.setValue(300)
    assert box.valueFromText("not a time") == 300
