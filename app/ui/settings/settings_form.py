"""The settings form: one aligned column of settings under four headings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from app.config.settings import MAX_SYNC_INTERVAL_SECONDS, MIN_SYNC_INTERVAL_SECONDS, Settings
from app.ui.run_detail.formatting import set_muted
from app.ui.settings.form_parts import (
    HELP_NAME,
    INTERVAL_HELP,
    KEYRING_TEXT,
    SIGN_OUT_HELP,
    THEME_CHOICES,
    THEME_HELP,
    TOKEN_FILE_CHOICE,
    TOKEN_FILE_HELP,
    heading,
    help_text,
    server_name,
)
from app.ui.settings.interval_box import IntervalSpinBox
from app.ui.theme import SPACING


class SettingsForm(QWidget):
    """Sync, Recording, Appearance and Account, with help text where a setting needs it.

    Args:
        server_url: the server the Account section names.
        secure_keyring: False offers the unencrypted token file instead of naming the keyring.
    """

    def __init__(
        self, server_url: str, *, secure_keyring: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsForm")
        self._form = form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(SPACING * 2)
        form.setVerticalSpacing(SPACING)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._add_sync_rows()
        self._add_recording_rows()
        self._add_appearance_rows()
        self._add_account_rows(server_url, secure_keyring)
        self._mute_help()

    def show_settings(self, settings: Settings) -> None:
        """Fill the form from `settings`."""
        self.interval_edit.setValue(settings.sync_interval_seconds)
        self.auto_advance_check.setChecked(settings.auto_advance)
        self.stopwatch_check.setChecked(settings.stopwatch_autostart)
        self.theme_choice.setCurrentIndex(max(0, self.theme_choice.findData(settings.theme)))
        if self.token_file_check is not None:
            self.token_file_check.setChecked(settings.token_storage == "file")

    def settings_from(self, base: Settings) -> Settings:
        """`base` with the form's choices, checked by `Settings.replace`."""
        self.interval_edit.interpretText()  # a value still being typed counts
        token_storage = base.token_storage
        if self.token_file_check is not None:
            token_storage = "file" if self.token_file_check.isChecked() else "keyring"
        return base.replace(
            sync_interval_seconds=self.interval_edit.value(),
            auto_advance=self.auto_advance_check.isChecked(),
            stopwatch_autostart=self.stopwatch_check.isChecked(),
            theme=self.theme_choice.currentData(),
            token_storage=token_storage,
        )

    def fit_help_text(self) -> int:
        """Give each help text the height it needs at its current width; the height used.

        QFormLayout lays wrapping text out for a guessed width and over-counts its own
        height, so the form's real height is measured from where its rows ended up.
        """
        self._form.activate()  # a hidden widget's layout otherwise waits for it to be shown
        for label in self.findChildren(QLabel, HELP_NAME):
            label.setFixedHeight(label.heightForWidth(label.width()))
        self._form.activate()
        items = (self._form.itemAt(index) for index in range(self._form.count()))
        return max(item.geometry().bottom() for item in items if item is not None) + 1

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._mute_help()

    # Building -----------------------------------------------------------------------------

    def _add_sync_rows(self) -> None:
        self._form.addRow(heading("Sync", first=True))
        box = IntervalSpinBox(MIN_SYNC_INTERVAL_SECONDS, MAX_SYNC_INTERVAL_SECONDS)
        _name(box, "syncIntervalEdit", "Sync interval")
        box.setToolTip("From 10 seconds to 1 hour")
        box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        box.setMinimumWidth(box.fontMetrics().horizontalAdvance("59 min 50 s") + SPACING * 6)
        self.interval_edit = box
        self._form.addRow(_buddy_label("Sync &every:", box), box)
        self._form.addRow("", help_text(INTERVAL_HELP, box))

    def _add_recording_rows(self) -> None:
        self._form.addRow(heading("Recording"))
        self.auto_advance_check = QCheckBox("&Move to the next untested result after saving")
        _name(self.auto_advance_check, "autoAdvanceCheck", "Move to the next untested result")
        self.stopwatch_check = QCheckBox("&Start the stopwatch when a result is opened")
        _name(self.stopwatch_check, "stopwatchAutostartCheck", "Start the stopwatch")
        self._form.addRow("", self.auto_advance_check)
        self._form.addRow("", self.stopwatch_check)

    def _add_appearance_rows(self) -> None:
        self._form.addRow(heading("Appearance"))
        choice = QComboBox()
        _name(choice, "themeChoice", "Theme")
        for value, text in THEME_CHOICES:
            choice.addItem(text, value)
        choice.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        choice.setMinimumWidth(self.interval_edit.minimumWidth())
        self.theme_choice = choice
        self._form.addRow(_buddy_label("&Theme:", choice), choice)
        self._form.addRow("", help_text(THEME_HELP, choice))

    def _add_account_rows(self, server_url: str, secure_keyring: bool) -> None:
        self._form.addRow(heading("Account"))
        server = QLabel(server_name(server_url))
        _name(server, "accountServerLabel", "Server")
        server.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._form.addRow("Server:", server)
        self.token_file_check: QCheckBox | None = None
        if secure_keyring:
            keyring = QLabel(KEYRING_TEXT)
            _name(keyring, "tokenStorageLabel", "Where the API token is kept")
            self._form.addRow("API token:", keyring)
        else:
            check = QCheckBox(TOKEN_FILE_CHOICE)
            _name(check, "tokenStorageChoice", "Keep the API token in an unencrypted file")
            self.token_file_check = check
            self._form.addRow("API token:", check)
            self._form.addRow("", help_text(TOKEN_FILE_HELP, check))
        self.sign_out_button = QPushButton("Sign o&ut…")
        _name(self.sign_out_button, "signOutButton", "Sign out")
        self.sign_out_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._form.addRow("", self.sign_out_button)
        self._form.addRow("", help_text(SIGN_OUT_HELP, self.sign_out_button))

    def _mute_help(self) -> None:
        for label in self.findChildren(QLabel, HELP_NAME):
            set_muted(label, self.palette())


def _name(widget: QWidget, object_name: str, accessible_name: str) -> None:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)


def _buddy_label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
