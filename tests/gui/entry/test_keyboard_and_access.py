"""Keyboard-only use, stable object names, accessible names and the shortcut sheet."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.domain import ResultStatus
from app.store import Queries
from app.ui.entry import ResultEntryPane
from app.ui.theme import STATUS_ORDER, dark_palette, status_colour
from tests.gui.entry.conftest import Host

OBJECT_NAMES = [
    "statusPassed",
    "statusFailed",
    "statusBlocked",
    "statusRetest",
    "statusNotTested",
    "saveResultButton",
    "noteEdit",
    "elapsedEdit",
    "autoAdvanceCheck",
    "stopwatchToggle",
    "stopwatchReset",
    "stopwatchDisplay",
]


@pytest.mark.parametrize("name", OBJECT_NAMES)
def test_widgets_have_stable_names_and_accessible_names(pane: ResultEntryPane, name: str) -> None:
    widget = pane.findChild(QWidget, name)
    assert widget is not None, name
    assert widget.accessibleName()


def test_every_widget_reachable_with_tab_has_an_accessible_name(
    pane: ResultEntryPane, result_ids: list[int]
) -> None:
    pane.show_result(result_ids[0])
    focusable = [
        widget
        for widget in pane.findChildren(QWidget)
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not isinstance(widget, QLabel)
    ]
    assert len(focusable) >= len(OBJECT_NAMES) - 1
    missing = [w.objectName() or type(w).__name__ for w in focusable if not w.accessibleName()]
    assert missing == []


def test_status_buttons_show_their_key_in_status_order(pane: ResultEntryPane) -> None:
    buttons = pane.form.status_row.buttons
    assert list(buttons) == list(STATUS_ORDER)
    assert buttons[ResultStatus.PASSED].text() == "Passed  P"
    assert buttons[ResultStatus.NOT_TESTED].text() == "Not tested  N"


def test_tab_goes_through_the_form_in_reading_order(
    qtbot: QtBot, host: Host, result_ids: list[int]
) -> None:
    pane = host.pane
    pane.show_result(result_ids[0])
    form = pane.form
    expected = [
        *(form.status_row.buttons[status] for status in STATUS_ORDER[1:]),
        form.note_edit,
        form.elapsed_edit,
        form.stopwatch_panel.toggle_button,
        form.stopwatch_panel.reset_button,
        form.auto_advance_check,
        form.save_button,
    ]
    form.status_row.buttons[ResultStatus.PASSED].setFocus()
    visited = []
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited == expected


def test_arrow_keys_move_between_the_status_buttons(
    qtbot: QtBot, host: Host, result_ids: list[int]
) -> None:
    host.pane.show_result(result_ids[0])
    buttons = host.pane.form.status_row.buttons
    buttons[ResultStatus.PASSED].setFocus()
    for status in STATUS_ORDER[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
        assert buttons[status].hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert buttons[ResultStatus.RETEST].hasFocus()
    buttons[ResultStatus.PASSED].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert host.pane.view.case_view.hasFocus()


def test_a_keyboard_only_session(
    qtbot: QtBot, host: Host, queries: Queries, result_ids: list[int]
) -> None:
    pane = host.pane
    pane.focus_table_requested.connect(host.table.setFocus)
    pane.set_auto_advance(False)
    pane.show_result(result_ids[0])

    qtbot.keyClick(host.table, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # "&Note"
    assert pane.form.note_edit.hasFocus()
    qtbot.keyClicks(pane.form.note_edit, "Works fine")
    qtbot.keyClick(pane.form.note_edit, Qt.Key.Key_Tab)
    assert pane.form.elapsed_edit.hasFocus()
    pane.form.elapsed_edit.selectAll()
    qtbot.keyClicks(pane.form.elapsed_edit, "45")
    qtbot.keyClick(pane.form.elapsed_edit, Qt.Key.Key_Escape)
    assert host.table.hasFocus()

    with qtbot.waitSignal(pane.result_saved):
        qtbot.keyClick(host.table, Qt.Key.Key_P)
    stored = queries.result(result_ids[0])
    assert (stored.status, stored.note, stored.elapsed) == (ResultStatus.PASSED, "Works fine", 45)

    failed = pane.form.status_row.buttons[ResultStatus.FAILED]
    failed.setFocus()
    with qtbot.waitSignal(pane.result_saved):
        qtbot.keyClick(failed, Qt.Key.Key_Space)
    assert queries.result(result_ids[0]).status is ResultStatus.FAILED


def test_the_focused_status_button_shows_a_focus_ring(host: Host, result_ids: list[int]) -> None:
    host.pane.show_result(result_ids[0])
    button = host.pane.form.status_row.buttons[ResultStatus.FAILED]
    unfocused = button.grab().toImage()
    button.setFocus()
    focused = button.grab().toImage()
    assert focused != unfocused


def test_a_palette_change_repaints_in_the_new_colours(
    pane: ResultEntryPane, result_ids: list[int]
) -> None:
    pane.show_result(result_ids[0])
    dark = dark_palette()
    pane.setPalette(dark)
    html = pane.view.case_view.toHtml()
    expected = status_colour(ResultStatus.PASSED, dark).name()
    assert expected in html.lower()
    assert QColor(dark.color(QPalette.ColorRole.Window)).lightnessF() < 0.5
    assert not pane.grab().isNull()


def test_the_shortcut_sheet_lists_every_key(pane: ResultEntryPane) -> None:
    described = dict(pane.shortcut_descriptions())
    for key in ("P", "F", "B", "R", "N", "J", "K", "T", "Esc"):
        assert key in described
    assert described["P"] == "Record Passed and save"
    assert any("Ctrl" in key for key in described)
