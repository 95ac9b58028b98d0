"""Settings, signing out and the quit notice: the tester's choices about the app itself."""

from app.ui.settings.quit_notice import confirm_quit, quit_box, quit_notice_text
from app.ui.settings.settings_dialog import SettingsDialog, ThemePreview
from app.ui.settings.sign_out import SignOutChoice, ask_sign_out, sign_out_box

__all__ = [
    "SettingsDialog",
    "SignOutChoice",
    "ThemePreview",
    "ask_sign_out",
    "confirm_quit",
    "quit_box",
    "quit_notice_text",
    "sign_out_box",
]
