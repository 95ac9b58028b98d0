"""Getting connected: the Welcome window and the Connect dialog."""

from app.ui.connect.connect_dialog import ConnectDialog, ConnectionChoice
from app.ui.connect.tester import CheckFactory
from app.ui.connect.welcome import CacheOverview, WelcomeWindow

__all__ = ["CacheOverview", "CheckFactory", "ConnectDialog", "ConnectionChoice", "WelcomeWindow"]
