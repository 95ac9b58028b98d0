"""The Welcome window: its two choices by mouse and keyboard, the cache overview, notices."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QStyleFactory
from pytestqt.qtbot import QtBot

from app.store import EditCommands, Queries
from app.ui.connect import CacheOverview, WelcomeWindow
from app.ui.connect.welcome import describe
from app.ui.theme import apply_theme, is_dark
from tests.builders import new_database, seed_project, seed_server_run

DATABASE = Path("/data/testdeck/testdeck.sqlite3")
EMPTY = CacheOverview(DATABASE, projects=0, runs=0, undelivered=0)


@pytest.fixture
def restore_theme(qapp: QApplication) -> Iterator[QApplication]:
    """The application, with its style and palette put back after the test."""
    style_name, palette = qapp.style().name(), qapp.palette()
    yield qapp
    qapp.setStyle(QStyleFactory.create(style_name))
    qapp.setPalette(palette)


@pytest.fixture
def window(qtbot: QtBot) -> WelcomeWindow:
    shown = WelcomeWindow(EMPTY)
    qtbot.addWidget(shown)
    with qtbot.waitExposed(shown):
        shown.show()
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    return shown


def button(window: WelcomeWindow, name: str) -> QPushButton:
    found = window.findChild(QPushButton, name)
    assert found is not None, name
    return found


def label(window: WelcomeWindow, name: str) -> QLabel:
    found = window.findChild(QLabel, name)
    assert found is not None, name
    return found


@pytest.mark.parametrize(
    ("name", "signal"),
    [("connectButton", "connect_requested"), ("tryDemoButton", "demo_requested")],
)
def test_each_choice_emits_its_signal_when_clicked(
    qtbot: QtBot, window: WelcomeWindow, name: str, signal: str
) -> None:
    other = "demo_requested" if signal == "connect_requested" else "connect_requested"
    with qtbot.waitSignal(getattr(window, signal)), qtbot.assertNotEmitted(getattr(window, other)):
        qtbot.mouseClick(button(window, name), Qt.MouseButton.LeftButton)


def test_enter_chooses_connect_which_has_the_focus(qtbot: QtBot, window: WelcomeWindow) -> None:
    assert window.focusWidget() is button(window, "connectButton")
    with qtbot.waitSignal(window.connect_requested):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)


def test_tab_reaches_the_demo_and_enter_chooses_it(qtbot: QtBot, window: WelcomeWindow) -> None:
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget() is button(window, "tryDemoButton")

    with qtbot.waitSignal(window.demo_requested), qtbot.assertNotEmitted(window.connect_requested):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Enter)


@pytest.mark.parametrize(
    ("key", "signal"), [(Qt.Key.Key_C, "connect_requested"), (Qt.Key.Key_D, "demo_requested")]
)
def test_mnemonics_choose(qtbot: QtBot, window: WelcomeWindow, key: Qt.Key, signal: str) -> None:
    with qtbot.waitSignal(getattr(window, signal)):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.AltModifier)


def test_the_demo_says_it_never_mixes_with_real_data(window: WelcomeWindow) -> None:
    hint = label(window, "tryDemoButtonHint").text()
    assert "built-in server with sample data" in hint
    assert "never mixes with your real data" in hint


def test_an_empty_cache_shows_no_overview(window: WelcomeWindow) -> None:
    assert not label(window, "cacheOverview").isVisible()


def test_a_cache_that_holds_something_says_what_and_that_changes_are_safe(
    qtbot: QtBot, window: WelcomeWindow
) -> None:
    window.set_overview(CacheOverview(DATABASE, projects=1, runs=12, undelivered=3))

    overview = label(window, "cacheOverview")
    assert overview.isVisible()
    assert overview.text() == (
        "On this computer: 1 project and 12 runs. 3 changes wait to be delivered. They are "
        "safe here and will be sent once you connect to the same server again.\n"
        f"Kept in {DATABASE}"
    )


@pytest.mark.parametrize(
    ("overview", "says"),
    [
        (CacheOverview(DATABASE, 2, 1, 0), "2 projects and 1 run. Every change you recorded"),
        (CacheOverview(DATABASE, 1, 1, 1), "1 change waits to be delivered."),
    ],
)
def test_the_overview_counts_in_words(overview: CacheOverview, says: str) -> None:
    assert says in describe(overview)


def test_a_message_appears_without_qt_warnings(qtbot: QtBot, window: WelcomeWindow) -> None:
    message = label(window, "welcomeMessage")
    assert not message.isVisible()
    text = "You were signed out; 3 changes are kept and will be delivered after you sign in."

    window.show_message(text)
    qtbot.wait(0)  # a layout pass, where a growing minimum size would make Qt warn

    assert message.isVisible()
    assert message.text() == text
    window.show_message("")
    assert not message.isVisible()


def test_secondary_text_follows_the_theme(
    qtbot: QtBot, window: WelcomeWindow, restore_theme: QApplication
) -> None:
    hint = label(window, "tryDemoButtonHint")
    apply_theme(restore_theme, "light")
    qtbot.waitUntil(lambda: not is_dark(window.palette()))
    on_light = hint.palette().color(QPalette.ColorRole.WindowText)

    apply_theme(restore_theme, "dark")
    qtbot.waitUntil(lambda: is_dark(window.palette()))

    on_dark = hint.palette().color(QPalette.ColorRole.WindowText)
    assert on_dark.lightness() > on_light.lightness()


def test_the_overview_is_read_from_the_cache(tmp_path: Path) -> None:
    engine = new_database(tmp_path)
    try:
        assert CacheOverview.read(engine, tmp_path / "testdeck.sqlite3").is_empty
        project = seed_project(engine)
        run_id = seed_server_run(engine, project, server_id="run_1")
        EditCommands(engine).record_result(Queries(engine).results(run_id)[0].id, "passed")

        overview = CacheOverview.read(engine, tmp_path / "testdeck.sqlite3")
    finally:
        engine.dispose()

    assert overview == CacheOverview(tmp_path / "testdeck.sqlite3", 1, 1, 1)
