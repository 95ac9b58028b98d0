"""The Settings dialog: every setting round-trips, Cancel changes nothing, the keyboard suffices."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.ui.run_detail.formatting import muted_window_text
from app.ui.settings import SettingsDialog
from app.ui.settings.interval_box import IntervalSpinBox
from app.ui.theme import apply_theme, dark_palette, is_dark
from tests.gui.settings.conftest import child

SHOTS = Path("/tmp/settings-shots")
START = Settings(
    server_url="https://testably.example.com:8443",
    project_id="proj_1",
    sync_interval_seconds=90,
    auto_advance=True,
    stopwatch_autostart=False,
    theme="light",
    token_storage="keyring",
    extra={"future_option": [1, 2]},
)
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


class Previews:
    """Stands in for the application's theme switch and remembers every request."""

    def __init__(self) -> None:
        self.themes: list[str] = []

    def __call__(self, theme: str) -> None:
        self.themes.append(theme)


def make_dialog(
    qtbot: QtBot,
    settings: Settings = START,
    *,
    secure_keyring: bool = True,
    preview: Previews | None = None,
) -> SettingsDialog:
    dialog = SettingsDialog(settings, secure_keyring=secure_keyring, preview_theme=preview)
    qtbot.addWidget(dialog)
    return dialog


def show(qtbot: QtBot, dialog: SettingsDialog) -> None:
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()


def interval(dialog: SettingsDialog) -> IntervalSpinBox:
    return child(dialog, IntervalSpinBox, "syncIntervalEdit")


def check(dialog: SettingsDialog, name: str) -> QCheckBox:
    return child(dialog, QCheckBox, name)


def theme_choice(dialog: SettingsDialog) -> QComboBox:
    return child(dialog, QComboBox, "themeChoice")


def focused_widget() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def press(widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    QTest.keyClick(widget, key, modifier)


def test_the_form_starts_from_the_settings(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, secure_keyring=False)

    assert interval(dialog).value() == 90
    assert interval(dialog).text() == "1 min 30 s"
    assert check(dialog, "autoAdvanceCheck").isChecked()
    assert not check(dialog, "stopwatchAutostartCheck").isChecked()
    assert theme_choice(dialog).currentText() == "Light"
    assert not check(dialog, "tokenStorageChoice").isChecked()
    assert child(dialog, QLabel, "accountServerLabel").text() == "testably.example.com:8443"
    assert dialog.chosen is None


def test_ok_returns_a_validated_copy_with_every_choice(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, secure_keyring=False)
    interval(dialog).setValue(600)
    check(dialog, "autoAdvanceCheck").setChecked(False)
    check(dialog, "stopwatchAutostartCheck").setChecked(True)
    theme_choice(dialog).setCurrentIndex(theme_choice(dialog).findText("Dark"))
    check(dialog, "tokenStorageChoice").setChecked(True)

    with qtbot.waitSignal(dialog.settings_chosen) as chosen:
        child(dialog, QPushButton, "saveSettingsButton").click()

    expected = START.replace(
        sync_interval_seconds=600,
        auto_advance=False,
        stopwatch_autostart=True,
        theme="dark",
        token_storage="file",
    )
    assert chosen.args == [expected]
    assert dialog.chosen == expected
    assert dialog.chosen.extra == {"future_option": [1, 2]}
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_ok_without_changes_gives_back_the_same_settings(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, secure_keyring=False)

    dialog.accept()

    assert dialog.chosen == START


def test_every_setting_can_be_changed_from_the_keyboard(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, secure_keyring=False)
    show(qtbot, dialog)
    box = interval(dialog)
    assert box.hasFocus()

    QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(box, "2 min")
    focused = [focused_widget()]
    for _ in range(4):  # interval -> auto advance -> stopwatch -> theme -> token file
        press(focused_widget(), Qt.Key.Key_Tab)
        focused.append(focused_widget())
        if isinstance(focused[-1], QCheckBox):
            press(focused[-1], Qt.Key.Key_Space)
        elif isinstance(focused[-1], QComboBox):
            press(focused[-1], Qt.Key.Key_Down)
    press(focused_widget(), Qt.Key.Key_Return)

    assert [widget.objectName() for widget in focused[1:]] == [
        "autoAdvanceCheck",
        "stopwatchAutostartCheck",
        "themeChoice",
        "tokenStorageChoice",
    ]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen == START.replace(
        sync_interval_seconds=120,
        auto_advance=False,
        stopwatch_autostart=True,
        theme="dark",
        token_storage="file",
    )


def test_mnemonics_reach_every_setting(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, secure_keyring=False)
    show(qtbot, dialog)
    alt = Qt.KeyboardModifier.AltModifier

    for key in (Qt.Key.Key_M, Qt.Key.Key_S, Qt.Key.Key_K):
        press(dialog, key, alt)
    # A mnemonic "animates" the click: the box flips a moment later.
    qtbot.waitUntil(lambda: not check(dialog, "autoAdvanceCheck").isChecked())
    qtbot.waitUntil(lambda: check(dialog, "stopwatchAutostartCheck").isChecked())
    qtbot.waitUntil(lambda: check(dialog, "tokenStorageChoice").isChecked())
    press(dialog, Qt.Key.Key_T, alt)
    theme_has_focus = theme_choice(dialog).hasFocus()
    press(dialog, Qt.Key.Key_E, alt)
    press(focused_widget(), Qt.Key.Key_Up)
    dialog.accept()

    assert theme_has_focus
    assert dialog.chosen == START.replace(
        sync_interval_seconds=100,
        auto_advance=False,
        stopwatch_autostart=True,
        token_storage="file",
    )


def test_cancel_and_escape_return_nothing(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    show(qtbot, dialog)
    interval(dialog).setValue(3600)
    check(dialog, "autoAdvanceCheck").setChecked(False)

    with qtbot.assertNotEmitted(dialog.settings_chosen):
        press(focused_widget(), Qt.Key.Key_Escape)

    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert dialog.chosen is None


def test_cancel_puts_a_previewed_theme_back(qtbot: QtBot) -> None:
    previews = Previews()
    dialog = make_dialog(qtbot, preview=previews)
    choice = theme_choice(dialog)

    choice.setCurrentIndex(choice.findData("dark"))
    choice.setCurrentIndex(choice.findData("system"))
    child(dialog, QPushButton, "cancelSettingsButton").click()

    assert previews.themes == ["dark", "system", "light"]
    assert dialog.chosen is None


def test_ok_keeps_the_previewed_theme(qtbot: QtBot) -> None:
    previews = Previews()
    dialog = make_dialog(qtbot, preview=previews)
    theme_choice(dialog).setCurrentIndex(theme_choice(dialog).findData("dark"))

    dialog.accept()

    assert previews.themes == ["dark"]
    assert dialog.chosen is not None
    assert dialog.chosen.theme == "dark"


def test_without_a_preview_nothing_changes_until_ok(
    qtbot: QtBot, restore_theme: QApplication
) -> None:
    apply_theme(restore_theme, "light")
    dialog = make_dialog(qtbot)

    theme_choice(dialog).setCurrentIndex(theme_choice(dialog).findData("dark"))

    assert not is_dark(restore_theme.palette())


def test_a_real_preview_switches_the_app_and_cancel_switches_it_back(
    qtbot: QtBot, restore_theme: QApplication
) -> None:
    application = restore_theme
    apply_theme(application, "light")
    dialog = SettingsDialog(
        START, secure_keyring=False, preview_theme=lambda theme: apply_theme(application, theme)
    )
    qtbot.addWidget(dialog)
    show(qtbot, dialog)
    size = dialog.size()

    theme_choice(dialog).setCurrentIndex(theme_choice(dialog).findData("dark"))
    qtbot.waitUntil(lambda: is_dark(dialog.palette()))
    assert dialog.size() == size
    window = dialog.palette().color(QPalette.ColorRole.Window).name()
    assert window == dark_palette().color(QPalette.ColorRole.Window).name()
    help_label = dialog.findChildren(QLabel, "settingsHelp")[0]
    shown = help_label.palette().color(QPalette.ColorRole.WindowText).name()
    assert shown == muted_window_text(dialog.palette()).name()
    dialog.reject()

    assert not is_dark(application.palette())


def test_the_interval_stays_between_ten_seconds_and_an_hour(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    box = interval(dialog)

    assert (box.minimum(), box.maximum()) == (10, 3600)
    box.setValue(3)
    assert box.value() == 10
    box.stepBy(-1)
    assert box.value() == 10
    box.setValue(100_000)
    assert box.value() == 3600
    box.stepBy(1)
    assert box.value() == 3600
    assert "10 seconds to 1 hour" in box.accessibleDescription()


@pytest.mark.parametrize(("typed", "kept"), [("5", 10), ("2 h", 3600), ("45", 45), ("1:05", 65)])
def test_a_typed_interval_out_of_range_is_brought_within_it(
    qtbot: QtBot, typed: str, kept: int
) -> None:
    dialog = make_dialog(qtbot)
    show(qtbot, dialog)
    box = interval(dialog)
    box.selectAll()

    QTest.keyClicks(box, typed)
    press(box, Qt.Key.Key_Tab)

    assert box.value() == kept
    assert not box.hasFocus()


def test_the_token_file_is_offered_only_without_a_secure_keyring(qtbot: QtBot) -> None:
    secure = make_dialog(qtbot, secure_keyring=True)
    insecure = make_dialog(qtbot, secure_keyring=False)

    assert secure.findChild(QCheckBox, "tokenStorageChoice") is None
    assert "keyring" in child(secure, QLabel, "tokenStorageLabel").text()
    offered = child(insecure, QCheckBox, "tokenStorageChoice")
    assert "not encrypted" in offered.text()
    assert insecure.findChild(QLabel, "tokenStorageLabel") is None
    risk = " ".join(label.text() for label in insecure.findChildren(QLabel, "settingsHelp"))
    assert "asks for it again at each start" in risk
    assert "anyone who can read your files" in risk


def test_with_a_secure_keyring_the_token_storage_setting_is_kept(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, START.replace(token_storage="file"), secure_keyring=True)

    dialog.accept()

    assert dialog.chosen is not None
    assert dialog.chosen.token_storage == "file"


def test_an_accepted_token_file_can_be_given_up(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, START.replace(token_storage="file"), secure_keyring=False)
    offered = check(dialog, "tokenStorageChoice")
    assert offered.isChecked()

    offered.setChecked(False)
    dialog.accept()

    assert dialog.chosen is not None
    assert dialog.chosen.token_storage == "keyring"


def test_sign_out_closes_the_dialog_and_asks_for_it(qtbot: QtBot) -> None:
    previews = Previews()
    dialog = make_dialog(qtbot, preview=previews)
    show(qtbot, dialog)
    theme_choice(dialog).setCurrentIndex(theme_choice(dialog).findData("dark"))

    with (
        qtbot.waitSignal(dialog.sign_out_requested),
        qtbot.assertNotEmitted(dialog.settings_chosen),
    ):
        press(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)

    assert not dialog.isVisible()
    assert dialog.chosen is None
    assert previews.themes == ["dark", "light"]


def test_enter_on_the_focused_sign_out_button_signs_out_rather_than_saving(
    qtbot: QtBot,
) -> None:
    dialog = make_dialog(qtbot)
    show(qtbot, dialog)
    button = child(dialog, QPushButton, "signOutButton")
    button.setFocus()

    with (
        qtbot.waitSignal(dialog.sign_out_requested),
        qtbot.assertNotEmitted(dialog.settings_chosen),
    ):
        press(button, Qt.Key.Key_Return)

    assert dialog.chosen is None


def test_enter_elsewhere_saves(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    show(qtbot, dialog)
    theme_choice(dialog).setFocus()

    with (
        qtbot.waitSignal(dialog.settings_chosen),
        qtbot.assertNotEmitted(dialog.sign_out_requested),
    ):
        press(theme_choice(dialog), Qt.Key.Key_Return)

    assert dialog.chosen == START


def test_every_control_has_a_name_and_an_accessible_name(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, secure_keyring=False)
    controls = [
        widget
        for kind in (QAbstractButton, QAbstractSpinBox, QComboBox)
        for widget in dialog.findChildren(kind)
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]

    assert len(controls) >= 8
    for control in controls:
        assert control.objectName(), control
        assert control.accessibleName(), control.objectName()


@pytest.mark.parametrize("secure_keyring", [True, False], ids=["secure", "insecure"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_dialog_renders_in_both_themes(
    qtbot: QtBot, restore_theme: QApplication, theme: str, secure_keyring: bool
) -> None:
    apply_theme(restore_theme, theme)
    dialog = make_dialog(qtbot, START.replace(theme=theme), secure_keyring=secure_keyring)
    show(qtbot, dialog)

    image = dialog.grab()

    SHOTS.mkdir(parents=True, exist_ok=True)
    variant = "secure" if secure_keyring else "insecure"
    image.save(str(SHOTS / f"test-settings-{variant}-{theme}.png"))
    # Every help text is shown whole: the dialog is as tall as its form.
    save = child(dialog, QPushButton, "saveSettingsButton")
    buttons_top = save.mapTo(dialog, save.rect().topLeft()).y()
    for label in dialog.findChildren(QLabel, "settingsHelp"):
        assert label.height() >= label.heightForWidth(label.width())
        assert label.geometry().bottom() < buttons_top
