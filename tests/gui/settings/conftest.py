"""Fixtures for the settings dialog, the sign-out question and the quit notice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget
from pytestqt.qtbot import QtBot

_Child = TypeVar("_Child", bound=QObject)

# QMessageBox fixes its own size when it is shown, which offscreen Qt reports as a warning
# (real platforms do not). Only the tests that show a message box on screen ignore it.
OFFSCREEN_MESSAGE_BOX = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def child(parent: QObject, kind: type[_Child], name: str) -> _Child:
    """The descendant of `parent` of type `kind` named `name`; it must exist."""
    found = parent.findChild(kind, name)
    assert found is not None, f"there is no {kind.__name__} named {name}"
    return found


@pytest.fixture
def restore_theme(qapp: QApplication) -> Iterator[QApplication]:
    """Lets a test switch themes; the application's style and palette come back after it."""
    style_name = qapp.style().name()
    palette = QPalette(qapp.palette())
    yield qapp
    qapp.setStyle(QStyleFactory.create(style_name))
    qapp.setPalette(palette)


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    """A window for message boxes to belong to."""
    window = QWidget()
    window.setObjectName("testParent")
    qtbot.addWidget(window)
    return window
