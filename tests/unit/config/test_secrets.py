"""TokenStore: keyring when it is secure, otherwise this session or an opted-in file."""

from __future__ import annotations

import json
import logging
import os
import stat
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends.chainer import ChainerBackend
from keyring.backends.fail import Keyring as FailKeyring
from keyring.backends.null import Keyring as NullKeyring
from keyring.errors import KeyringLocked, PasswordSetError

from app.config.paths import AppPaths
from app.config.secrets import (
    SERVICE_NAME,
    TokenStorage,
    TokenStore,
    is_secure_backend,
    server_key,
)
from app.domain.token import ApiToken
from tests.fakes import FailingKeyring, MemoryKeyring

SERVER = "https://api.testably.app"
SECRET = "testably_s3cr3t-T0KEN_value"


@pytest.fixture
def paths(testdeck_home: Path) -> AppPaths:
    return AppPaths.under(testdeck_home).ensure()


@pytest.fixture
def token() -> ApiToken:
    return ApiToken(SECRET)


class LockingKeyring(MemoryKeyring):
    """Looks secure, then starts raising like a keyring that got locked."""

    def __init__(self) -> None:
        super().__init__()
        self.locked = False

    def get_password(self, service: str, username: str) -> str | None:
        if self.locked:
            raise KeyringLocked("the collection is locked")
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.locked:
            # A badly behaved backend that echoes what it was given.
            raise PasswordSetError(f"could not store {password}")
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        if self.locked:
            raise KeyringLocked("the collection is locked")
        super().delete_password(service, username)


class PlaintextFileKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's file backend, which writes tokens unencrypted."""


PlaintextFileKeyring.__module__ = "keyrings.alt.file"


class LowPriorityKeyring(MemoryKeyring):
    priority = 0.5  # type: ignore[assignment]


def _chainer(*backends: object) -> ChainerBackend:
    chainer_class = type("TestChainer", (ChainerBackend,), {"backends": list(backends)})
    return chainer_class()  # type: ignore[no-any-return]


def _files_under(home: Path) -> list[Path]:
    return [path for path in home.rglob("*") if path.is_file()]


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://api.testably.app", "https://api.testably.app"),
        ("https://api.testably.app/", "https://api.testably.app"),
        ("HTTPS://API.Testably.App/v1/projects?x=1#top", "https://api.testably.app"),
        ("https://api.testably.app:443/", "https://api.testably.app"),
        ("http://127.0.0.1:8765/api", "http://127.0.0.1:8765"),
        ("http://localhost:80", "http://localhost"),
        ("https://user:pw@example.com:8443/", "https://example.com:8443"),
        ("http://[::1]:9000/", "http://[::1]:9000"),
        ("  https://api.testably.app  ", "https://api.testably.app"),
    ],
)
def test_server_key_is_the_lower_case_origin(url: str, key: str) -> None:
    assert server_key(url) == key


@pytest.mark.parametrize("url", ["api.testably.app", "", "https://", "/just/a/path"])
def test_server_key_refuses_what_is_not_a_server(url: str) -> None:
    with pytest.raises(ValueError, match="server address"):
        server_key(url)


def test_the_keyring_keeps_the_token(
    paths: AppPaths, token: ApiToken, memory_keyring: MemoryKeyring
) -> None:
    store = TokenStore(paths)

    assert store.storage is TokenStorage.KEYRING
    assert store.notice is None
    assert store.save(SERVER + "/", token) is TokenStorage.KEYRING
    assert memory_keyring.passwords == {(SERVICE_NAME, SERVER): SECRET}
    assert TokenStore(paths).load(SERVER) == token


def test_each_server_has_its_own_token(paths: AppPaths, token: ApiToken) -> None:
    store = TokenStore(paths)
    other = ApiToken("testably_other")
    store.save(SERVER, token)
    store.save("http://127.0.0.1:8765", other)

    assert store.load(SERVER) == token
    assert store.load("http://127.0.0.1:8765/") == other
    assert store.load("https://staging.testably.app") is None


def test_forget_removes_the_token_from_the_keyring(
    paths: AppPaths, token: ApiToken, memory_keyring: MemoryKeyring
) -> None:
    store = TokenStore(paths)
    store.save(SERVER, token)

    store.forget(SERVER)
    store.forget(SERVER)  # forgetting twice is fine

    assert memory_keyring.passwords == {}
    assert store.load(SERVER) is None
    assert store.storage is TokenStorage.KEYRING


def test_an_unusable_keyring_entry_is_ignored(
    paths: AppPaths, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.passwords[(SERVICE_NAME, SERVER)] = " has spaces "

    assert TokenStore(paths).load(SERVER) is None


def test_without_a_keyring_the_token_lasts_for_this_session(
    paths: AppPaths, token: ApiToken, testdeck_home: Path
) -> None:
    keyring.set_keyring(FailingKeyring())
    store = TokenStore(paths)

    assert store.storage is TokenStorage.SESSION
    assert store.notice is not None
    assert "keyring" in store.notice
    assert "until Testdeck closes" in store.notice
    assert store.save(SERVER, token) is TokenStorage.SESSION
    assert store.load(SERVER) == token
    assert TokenStore(paths).load(SERVER) is None
    assert _files_under(testdeck_home) == []

    store.forget(SERVER)
    assert store.load(SERVER) is None


@pytest.mark.parametrize(
    "backend",
    [
        FailKeyring(),
        NullKeyring(),
        FailingKeyring(),
        PlaintextFileKeyring(),
        LowPriorityKeyring(),
        _chainer(),
        _chainer(FailKeyring(), PlaintextFileKeyring()),
        _chainer(PlaintextFileKeyring(), MemoryKeyring()),
    ],
    ids=[
        "fail",
        "null",
        "failing-fake",
        "keyrings.alt",
        "low-priority",
        "empty-chainer",
        "chainer-of-insecure",
        "chainer-writing-plaintext-first",
    ],
)
def test_insecure_backends_are_recognised(paths: AppPaths, backend: object) -> None:
    assert isinstance(backend, keyring.backend.KeyringBackend)
    assert not is_secure_backend(backend)
    assert TokenStore(paths, backend=backend).storage is TokenStorage.SESSION


def test_a_plaintext_backend_never_receives_the_token(paths: AppPaths, token: ApiToken) -> None:
    plaintext = PlaintextFileKeyring()
    keyring.set_keyring(plaintext)

    TokenStore(paths).save(SERVER, token)

    assert plaintext.passwords == {}


def test_a_chainer_writing_to_a_secure_keyring_first_is_secure(paths: AppPaths) -> None:
    chainer = _chainer(MemoryKeyring(), PlaintextFileKeyring())

    assert is_secure_backend(chainer)
    assert TokenStore(paths, backend=chainer).storage is TokenStorage.KEYRING


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_an_opted_in_file_is_private_and_the_notice_warns(paths: AppPaths, token: ApiToken) -> None:
    keyring.set_keyring(FailingKeyring())
    store = TokenStore(paths, allow_file=True)

    assert store.save(SERVER, token) is TokenStorage.FILE

    assert store.storage is TokenStorage.FILE
    assert stat.S_IMODE(paths.token_file.stat().st_mode) == 0o600
    assert json.loads(paths.token_file.read_text(encoding="utf-8")) == {SERVER: SECRET}
    assert store.notice is not None
    assert str(paths.token_file) in store.notice
    assert "not encrypted" in store.notice
    assert [path.name for path in paths.config_dir.iterdir()] == ["token"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_a_loose_token_file_is_made_private_when_rewritten(
    paths: AppPaths, token: ApiToken
) -> None:
    paths.token_file.write_text("{}", encoding="utf-8")
    paths.token_file.chmod(0o644)
    keyring.set_keyring(FailingKeyring())

    TokenStore(paths, allow_file=True).save(SERVER, token)

    assert stat.S_IMODE(paths.token_file.stat().st_mode) == 0o600


def test_the_file_keeps_tokens_across_runs_until_forgotten(
    paths: AppPaths, token: ApiToken
) -> None:
    keyring.set_keyring(FailingKeyring())
    other = ApiToken("testably_other")
    TokenStore(paths, allow_file=True).save(SERVER, token)
    TokenStore(paths, allow_file=True).save("http://127.0.0.1:8765", other)

    later = TokenStore(paths, allow_file=True)
    assert later.load(SERVER) == token
    later.forget(SERVER)
    assert later.load(SERVER) is None
    assert later.load("http://127.0.0.1:8765") == other
    later.forget("http://127.0.0.1:8765")
    assert not paths.token_file.exists()


def test_a_corrupt_token_file_reads_as_no_token(paths: AppPaths) -> None:
    keyring.set_keyring(FailingKeyring())
    paths.token_file.write_text("[not, json", encoding="utf-8")

    assert TokenStore(paths, allow_file=True).load(SERVER) is None


def test_a_secure_keyring_wins_over_the_file_option(paths: AppPaths, token: ApiToken) -> None:
    store = TokenStore(paths, allow_file=True)

    assert store.save(SERVER, token) is TokenStorage.KEYRING
    assert not paths.token_file.exists()


def test_a_keyring_that_fails_on_read_falls_back_to_the_session(
    paths: AppPaths, token: ApiToken
) -> None:
    backend = LockingKeyring()
    store = TokenStore(paths, backend=backend)
    storage_before = store.storage
    backend.locked = True

    assert store.load(SERVER) is None

    assert storage_before is TokenStorage.KEYRING

    assert store.storage is TokenStorage.SESSION
    assert store.notice is not None
    assert "keyring" in store.notice
    assert store.save(SERVER, token) is TokenStorage.SESSION
    assert store.load(SERVER) == token


def test_a_keyring_that_fails_on_save_keeps_the_token_for_the_session(
    paths: AppPaths, token: ApiToken, caplog: pytest.LogCaptureFixture
) -> None:
    backend = LockingKeyring()
    backend.locked = True
    store = TokenStore(paths, backend=backend)

    with caplog.at_level(logging.WARNING, logger="app.config.secrets"):
        assert store.save(SERVER, token) is TokenStorage.SESSION

    assert store.load(SERVER) == token
    assert backend.passwords == {}
    assert "keyring" in caplog.text
    assert SECRET not in caplog.text


def test_a_keyring_that_fails_on_forget_falls_back_to_the_session(
    paths: AppPaths, token: ApiToken
) -> None:
    backend = LockingKeyring()
    store = TokenStore(paths, backend=backend)
    store.save(SERVER, token)
    backend.locked = True

    store.forget(SERVER)

    assert store.storage is TokenStorage.SESSION
    assert store.load(SERVER) is None


def test_the_repr_shows_no_token(paths: AppPaths, token: ApiToken) -> None:
    keyring.set_keyring(FailingKeyring())
    store = TokenStore(paths)
    store.save(SERVER, token)

    assert SECRET not in repr(store)
    assert SECRET not in str(store)
    assert "SESSION" in repr(store)
    assert SECRET not in repr(token)
    assert SECRET not in f"{token}"


def test_an_unwritable_token_file_falls_back_to_the_session(
    paths: AppPaths, token: ApiToken, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring.set_keyring(FailingKeyring())
    store = TokenStore(paths, allow_file=True)

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)

    assert store.save(SERVER, token) is TokenStorage.SESSION
    assert store.load(SERVER) == token
    assert store.notice is not None
    assert "No space left on device" in store.notice
    assert list(paths.config_dir.iterdir()) == []
