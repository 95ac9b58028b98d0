"""The Settings dialog: sync interval, recording habits, theme, and the account."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QVBoxLayout, QWidget

from app.config.settings import Settings
from app.ui.settings.settings_form import SettingsForm
from app.ui.theme import SPACING

ThemePreview = Callable[[str], None]
"""Shows the application in a theme ("system", "light", "dark") without saving it."""

WIDTH = 600


class SettingsDialog(QDialog):
    """Lets the tester change their settings; writes nothing itself.

    OK leaves a validated copy in `chosen` and sends it with `settings_chosen`; Cancel,
    Escape and closing the window leave `chosen` None and put back a previewed theme.

    Args:
        settings: the settings in force; the form starts from them.
        secure_keyring: whether tokens go to an encrypting keyring. Only when they do not
            is the tester offered the unencrypted token file.
        preview_theme: called with the theme chosen in the form, so the tester sees it at
            once (and with the original theme again on Cancel); None for no preview.
        parent: the window the dialog belongs to.

    Signals:
        settings_chosen(Settings): OK was pressed; the copy to save and apply (it may equal
            the settings the dialog started from).
        sign_out_requested(): the tester pressed "Sign out…". The dialog has closed as if
            cancelled, so the form's other changes are not applied.
    """

    settings_chosen = Signal(object)
    sign_out_requested = Signal()

    def __init__(
        self,
        settings: Settings,
        *,
        secure_keyring: bool,
        preview_theme: ThemePreview | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._preview = preview_theme
        self._previewed = False
        self._chosen: Settings | None = None
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        self.form = SettingsForm(settings.server_url, secure_keyring=secure_keyring)
        self.form.show_settings(settings)
        self._buttons = self._make_buttons()
        self._layout = self._lay_out()
        self.form.theme_choice.currentIndexChanged.connect(self._on_theme_choice_changed)
        self.form.sign_out_button.clicked.connect(self._on_sign_out_button_clicked)
        self._settle_size()

    @property
    def chosen(self) -> Settings | None:
        """The settings chosen with OK; None until then, and after Cancel."""
        return self._chosen

    def accept(self) -> None:
        self._chosen = self.form.settings_from(self._settings)
        super().accept()
        self.settings_chosen.emit(self._chosen)

    def reject(self) -> None:
        self._chosen = None
        if self._previewed and self._preview is not None:
            self._preview(self._settings.theme)
            self._previewed = False
        super().reject()

    # Building -----------------------------------------------------------------------------

    def _make_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("settingsButtons")
        for which, name, spoken in (
            (QDialogButtonBox.StandardButton.Ok, "saveSettingsButton", "Save the settings"),
            (QDialogButtonBox.StandardButton.Cancel, "cancelSettingsButton", "Cancel"),
        ):
            button = buttons.button(which)
            button.setObjectName(name)
            button.setAccessibleName(spoken)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def _lay_out(self) -> QVBoxLayout:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING * 3, SPACING * 3, SPACING * 3, SPACING * 2)
        layout.setSpacing(SPACING * 3)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        # Only once the button is inside the dialog does the dialog take it as its default;
        # before, the first button to get the focus (Sign out) would answer Enter.
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        # The size is settled by `_settle_size`: offscreen Qt warns when a shown window's
        # minimum size changes, which a theme preview would otherwise cause.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        return layout

    def _settle_size(self) -> None:
        """Fix the dialog's size once, before it is shown, to what its contents need."""
        width = max(WIDTH, self._layout.sizeHint().width())
        self.resize(width, self._layout.totalHeightForWidth(width))
        self._layout.activate()
        height = self._needed_height()
        self.setMinimumSize(width, height)
        self.resize(width, height)

    def _needed_height(self) -> int:
        margins = self._layout.contentsMargins()
        return (
            margins.top()
            + self.form.fit_help_text()
            + self._layout.spacing()
            + self._buttons.sizeHint().height()
            + margins.bottom()
        )

    # Slots --------------------------------------------------------------------------------

    @Slot()
    def _on_sign_out_button_clicked(self) -> None:
        self.reject()
        self.sign_out_requested.emit()

    @Slot(int)
    def _on_theme_choice_changed(self, index: int) -> None:
        if self._preview is None:
            return
        self._preview(self.form.theme_choice.itemData(index))
        self._previewed = True
        # Another style may draw taller controls; growing leaves the minimum size alone.
        needed = self._needed_height()
        if needed > self.height():
            self.resize(self.width(), needed)
