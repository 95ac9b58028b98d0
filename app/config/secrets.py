"""Where the Testably API token is kept: the system keyring, this session only, or a file.

The keyring is used only when it really encrypts. Keyring's `fail` and `null` backends,
anything from `keyrings.alt` (plaintext files) and low-priority backends are treated as
insecure: the token is then kept in memory for this run, or, when the user explicitly
opted in, in a file readable only by them. The token is never logged; every token handled
here is registered with the log redaction filter.
"""

from __future__ import annotations

import json
import logging
from enum import Enum
from pathlib import Path
from urllib.parse import urlsplit

import keyring
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend
from keyring.errors import KeyringError, PasswordDeleteError

from app.config.atomic import PRIVATE_FILE_MODE, write_atomically
from app.config.logs import register_secret
from app.config.paths import PRIVATE_DIR_MODE, AppPaths
from app.domain.token import ApiToken

SERVICE_NAME = "testdeck"

_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")
_DEFAULT_PORTS = {"http": 80, "https": 443}

_log = logging.getLogger(__name__)

SESSION_NOTICE = (
    "No secure password store (keyring) is available on this system, so your API token is "
    "kept only until Testdeck closes; you will be asked for it again next time. You can "
    "choose to keep it in a file readable only by you in Settings."
)
KEYRING_FAILED_NOTICE = (
    "The system password store (keyring) did not respond or is locked, so your API token "
    "is kept only until Testdeck closes; you will be asked for it again next time."
)


class TokenStorage(Enum):
    """Where a token is kept."""

    KEYRING = "keyring"
    SESSION = "session"
    FILE = "file"


def server_key(url: str) -> str:
    """The origin of `url` (`scheme://host[:port]`, lower case), naming its token.

    Paths, queries, user names and default ports are dropped, so every spelling of one
    server finds the same token.

    Raises:
        ValueError: `url` has no scheme or host.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = parts.hostname
    if not scheme or not host:
        raise ValueError(f"{url!r} is not a server address like https://api.testably.app.")
    if ":" in host:  # IPv6 literal: urlsplit dropped the brackets
        host = f"[{host}]"
    port = parts.port
    if port is None or port == _DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def is_secure_backend(backend: KeyringBackend) -> bool:
    """Whether `backend` really protects what it stores.

    A chainer counts as secure when it has backends and the first one, which receives
    every write, is secure.
    """
    if isinstance(backend, ChainerBackend):
        chained: list[KeyringBackend] = list(backend.backends)
        return bool(chained) and is_secure_backend(chained[0])
    if type(backend).__module__.startswith(_INSECURE_MODULES):
        return False
    try:
        return float(backend.priority) >= 1
    except Exception:  # a backend may raise anything to say it is not viable here
        return False


class TokenStore:
    """Keeps one API token per server, in the most secure place available.

    The choice is made once, in the constructor. If a keyring that looked secure fails
    later (locked, not responding), the store switches to SESSION for the rest of the run
    and `notice` explains it.

    Args:
        paths: the app's locations; only `paths.token_file` is used, in FILE mode.
        allow_file: the user explicitly accepted an unencrypted token file for when no
            secure keyring exists.
        backend: the keyring to use; `keyring.get_keyring()` when omitted.
    """

    def __init__(
        self, paths: AppPaths, allow_file: bool = False, backend: KeyringBackend | None = None
    ) -> None:
        self._backend = keyring.get_keyring() if backend is None else backend
        self._token_file = paths.token_file
        self._session: dict[str, ApiToken] = {}
        self._notice: str | None = None
        if is_secure_backend(self._backend):
            self._storage = TokenStorage.KEYRING
        elif allow_file:
            self._storage = TokenStorage.FILE
            self._notice = _file_notice(self._token_file)
        else:
            self._storage = TokenStorage.SESSION
            self._notice = SESSION_NOTICE

    def __repr__(self) -> str:
        return f"TokenStore(storage={self._storage.name})"

    @property
    def storage(self) -> TokenStorage:
        """Where tokens go now."""
        return self._storage

    @property
    def notice(self) -> str | None:
        """What to tell the user when tokens are not in the keyring; None when they are."""
        return self._notice

    def load(self, server_url: str) -> ApiToken | None:
        """The token saved for `server_url`'s server, or None."""
        key = server_key(server_url)
        secret = self._read(key)
        if secret is None:
            return None
        register_secret(secret)
        try:
            return ApiToken(secret)
        except ValueError:
            _log.warning("The saved API token for %s is not usable; ignoring it.", key)
            return None

    def save(self, server_url: str, token: ApiToken) -> TokenStorage:
        """Keep `token` for `server_url`'s server and return where it went."""
        key = server_key(server_url)
        register_secret(token.reveal())
        if self._storage is TokenStorage.KEYRING:
            self._save_to_keyring(key, token)
        elif self._storage is TokenStorage.FILE:
            self._save_to_file(key, token)
        if self._storage is TokenStorage.SESSION:
            self._session[key] = token
        return self._storage

    def forget(self, server_url: str) -> None:
        """Remove the token for `server_url`'s server, wherever it is kept."""
        key = server_key(server_url)
        self._session.pop(key, None)
        if self._storage is TokenStorage.KEYRING:
            self._delete_from_keyring(key)
        elif self._storage is TokenStorage.FILE:
            self._delete_from_file(key)

    def _read(self, key: str) -> str | None:
        if self._storage is TokenStorage.KEYRING:
            try:
                return self._backend.get_password(SERVICE_NAME, key)
            except KeyringError as exc:
                self._keyring_failed("read", exc)
        if self._storage is TokenStorage.FILE:
            return self._read_file().get(key)
        token = self._session.get(key)
        return None if token is None else token.reveal()

    def _save_to_keyring(self, key: str, token: ApiToken) -> None:
        try:
            self._backend.set_password(SERVICE_NAME, key, token.reveal())
        except KeyringError as exc:
            self._keyring_failed("save", exc, token.reveal())

    def _delete_from_keyring(self, key: str) -> None:
        try:
            self._backend.delete_password(SERVICE_NAME, key)
        except PasswordDeleteError:
            pass  # nothing was stored for this server
        except KeyringError as exc:
            self._keyring_failed("remove", exc)

    def _save_to_file(self, key: str, token: ApiToken) -> None:
        try:
            self._write_file({**self._read_file(), key: token.reveal()})
        except OSError as exc:
            self._file_failed(exc)

    def _delete_from_file(self, key: str) -> None:
        tokens = self._read_file()
        if tokens.pop(key, None) is None:
            return
        try:
            if tokens:
                self._write_file(tokens)
            else:
                self._token_file.unlink()
        except OSError as exc:
            self._file_failed(exc)

    def _keyring_failed(self, action: str, exc: KeyringError, secret: str = "") -> None:
        detail = f"{type(exc).__name__}: {exc}"
        if secret:
            detail = detail.replace(secret, "***")
        _log.warning(
            "Couldn't %s the API token in the keyring (%s); keeping it for this session only.",
            action,
            detail,
        )
        self._use_session(KEYRING_FAILED_NOTICE)

    def _file_failed(self, exc: OSError) -> None:
        reason = exc.strerror or type(exc).__name__
        _log.warning(
            "Couldn't write the token file %s (%s); keeping the API token for this session only.",
            self._token_file,
            reason,
        )
        self._use_session(
            f"Testdeck couldn't write the token file {self._token_file} ({reason}), so your "
            "API token is kept only until Testdeck closes; you will be asked for it again "
            "next time."
        )

    def _use_session(self, notice: str) -> None:
        self._storage = TokenStorage.SESSION
        self._notice = notice

    def _read_file(self) -> dict[str, str]:
        try:
            document = json.loads(self._token_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            reason = type(exc).__name__
            _log.warning("Couldn't read the token file %s (%s).", self._token_file, reason)
            return {}
        if not isinstance(document, dict):
            _log.warning("The token file %s is not a JSON object; ignoring it.", self._token_file)
            return {}
        return {key: value for key, value in document.items() if isinstance(value, str)}

    def _write_file(self, tokens: dict[str, str]) -> None:
        self._token_file.parent.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
        data = json.dumps(tokens, indent=2).encode("utf-8")
        write_atomically(self._token_file, data, mode=PRIVATE_FILE_MODE)


def _file_notice(token_file: Path) -> str:
    return (
        f"Warning: your API token is saved in the file {token_file}, which only your user "
        "account can read. The file is not encrypted: anyone who can read your files (an "
        "administrator, a backup, a copied home folder) can use the token."
    )
