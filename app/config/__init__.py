"""Locations, settings, token storage and logging: everything Testdeck reads at start-up.

Nothing here imports Qt, the store, the API client or the sync engine. Token storage loads
the keyring (~35 ms), so its names are imported on first use (see `__getattr__`).
"""

from typing import TYPE_CHECKING

from app.config.logs import (
    RedactingFilter,
    configure_logging,
    redact,
    register_secret,
    reset_logging,
)
from app.config.paths import HOME_VARIABLE, AppPaths
from app.config.settings import (
    DEFAULT_SERVER_URL,
    MAX_SYNC_INTERVAL_SECONDS,
    MIN_SYNC_INTERVAL_SECONDS,
    THEMES,
    TOKEN_STORAGE_CHOICES,
    Settings,
    SettingsLoad,
    load_settings,
    save_settings,
)

__all__ = [
    "DEFAULT_SERVER_URL",
    "HOME_VARIABLE",
    "MAX_SYNC_INTERVAL_SECONDS",
    "MIN_SYNC_INTERVAL_SECONDS",
    "SERVICE_NAME",
    "THEMES",
    "TOKEN_STORAGE_CHOICES",
    "AppPaths",
    "RedactingFilter",
    "Settings",
    "SettingsLoad",
    "TokenStorage",
    "TokenStore",
    "configure_logging",
    "is_secure_backend",
    "load_settings",
    "redact",
    "register_secret",
    "reset_logging",
    "save_settings",
    "server_key",
]

if TYPE_CHECKING:
    from app.config.secrets import (
        SERVICE_NAME,
        TokenStorage,
        TokenStore,
        is_secure_backend,
        server_key,
    )

_FROM_SECRETS = frozenset(
    {"SERVICE_NAME", "TokenStorage", "TokenStore", "is_secure_backend", "server_key"}
)


def __getattr__(name: str) -> object:
    if name in _FROM_SECRETS:
        from app.config import secrets

        return getattr(secrets, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
