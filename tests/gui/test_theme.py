"""The themes themselves: check boxes and radio buttons that stay visible when dark."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.ui.theme import DarkFusionStyle, apply_theme

VISIBLE = 0.15
"""The least lightness difference between an indicator's outline and the window behind it."""


@pytest.fixture
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    apply_theme(qapp, request.param)
    yield request.param
    apply_theme(qapp, "light")


def outline_contrast(qtbot: QtBot, button: QAbstractButton, element: QStyle.SubElement) -> float:
    """How far the unticked indicator's darkest or lightest edge is from the window colour."""
    host = QWidget()
    qtbot.addWidget(host)
    button.setParent(host)
    host.resize(240, 40)
    host.show()
    image = host.grab().toImage()
    option = QStyleOptionButton()
    option.initFrom(button)
    box = button.style().subElementRect(element, option, button).translated(button.pos())
    background = host.palette().color(host.backgroundRole()).lightnessF()
    return max(abs(lightness(image, x, y) - background) for x, y in edge(box))


def edge(box: QRect) -> list[tuple[int, int]]:
    xs, ys = range(box.left(), box.right() + 1), range(box.top(), box.bottom() + 1)
    return [(x, box.top()) for x in xs] + [(box.left(), y) for y in ys]


def lightness(image: QImage, x: int, y: int) -> float:
    return QColor(image.pixel(x, y)).lightnessF()


@pytest.mark.parametrize("theme", ["light", "dark"], indirect=True)
def test_an_unticked_check_box_shows(qtbot: QtBot, theme: str) -> None:
    box = QCheckBox("Next untested after saving")

    assert outline_contrast(qtbot, box, QStyle.SubElement.SE_CheckBoxIndicator) > VISIBLE


@pytest.mark.parametrize("theme", ["light", "dark"], indirect=True)
def test_an_unchosen_radio_button_shows(qtbot: QtBot, theme: str) -> None:
    radio = QRadioButton("Dark")

    assert outline_contrast(qtbot, radio, QStyle.SubElement.SE_RadioButtonIndicator) > VISIBLE


def test_only_the_dark_theme_pays_for_the_proxy_style(qapp: QApplication) -> None:
    apply_theme(qapp, "dark")
    assert isinstance(qapp.style(), DarkFusionStyle)
    apply_theme(qapp, "light")
    assert not isinstance(qapp.style(), DarkFusionStyle)
    assert qapp.style().name().lower() == "fusion"
