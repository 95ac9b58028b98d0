"""Logging: one set of handlers, and no secret ever reaches a file under TESTDECK_HOME."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from app.config.logs import (
    RedactingFilter,
    configure_logging,
    redact,
    register_secret,
    reset_logging,
)
from app.config.paths import AppPaths
from app.config.secrets import TokenStorage, TokenStore
from app.config.settings import Settings, save_settings
from app.domain.token import ApiToken

SECRET = "testably_Zq9-x_LEAK_ME_NOT_42"
SERVER = "https://api.testably.app"

log = logging.getLogger("tests.unit.config.test_logs")


@pytest.fixture(autouse=True)
def _no_leftover_handlers() -> Iterator[None]:
    before = list(logging.getLogger().handlers)
    yield
    reset_logging()
    assert logging.getLogger().handlers == before


@pytest.fixture
def paths(testdeck_home: Path) -> AppPaths:
    return AppPaths.under(testdeck_home).ensure()


def _ours() -> list[logging.Handler]:
    return [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(each, RedactingFilter) for each in handler.filters)
    ]


def _log_text(paths: AppPaths) -> str:
    for handler in _ours():
        handler.flush()
    return paths.log_file.read_text(encoding="utf-8")


def _files_containing(home: Path, secret: str) -> list[Path]:
    return [
        path for path in home.rglob("*") if path.is_file() and secret.encode() in path.read_bytes()
    ]


def test_a_file_and_a_stderr_handler_are_added(paths: AppPaths) -> None:
    configure_logging(paths)

    handlers = _ours()
    [file_handler] = [each for each in handlers if isinstance(each, RotatingFileHandler)]
    assert Path(file_handler.baseFilename) == paths.log_file
    assert (file_handler.maxBytes, file_handler.backupCount) == (1_000_000, 3)
    assert file_handler.level == logging.INFO
    [stderr_handler] = [each for each in handlers if each is not file_handler]
    assert stderr_handler.level == logging.WARNING


def test_configuring_twice_adds_no_duplicate_handlers(paths: AppPaths) -> None:
    configure_logging(paths)
    configure_logging(paths, logging.DEBUG)

    assert len(_ours()) == 2
    log.debug("debug after reconfiguring")
    assert "debug after reconfiguring" in _log_text(paths)


def test_reset_removes_and_closes_our_handlers_and_restores_the_level(paths: AppPaths) -> None:
    root = logging.getLogger()
    level_before = root.level
    configure_logging(paths, logging.DEBUG)
    handlers = _ours()

    reset_logging()

    assert _ours() == []
    assert root.level == level_before
    file_handler = next(each for each in handlers if isinstance(each, RotatingFileHandler))
    assert file_handler.stream is None  # closed


def test_info_goes_to_the_file_and_only_warnings_to_stderr(
    paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(paths)

    log.info("quiet detail")
    log.warning("loud problem")

    stderr = capsys.readouterr().err
    assert "loud problem" in stderr
    assert "quiet detail" not in stderr
    text = _log_text(paths)
    assert "quiet detail" in text
    assert "loud problem" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("token testably_abc-DEF_123 sent", "token *** sent"),
        ("{'Authorization': 'Bearer abc.def'}", "{'Authorization': 'Bearer ***'}"),
        ("authorization: bearer xyz123", "authorization: bearer ***"),
        ("nothing secret here", "nothing secret here"),
    ],
)
def test_redact_masks_tokens_and_bearer_credentials(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_a_registered_secret_is_masked_even_without_the_token_prefix() -> None:
    register_secret("correct-horse-battery-staple")

    assert redact("pw=correct-horse-battery-staple;") == "pw=***;"


def test_the_filter_keeps_records_with_mismatched_arguments() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%s and %s", (SECRET,), None)

    assert RedactingFilter().filter(record)
    assert SECRET not in record.getMessage()


def test_no_secret_reaches_any_file_under_testdeck_home(
    paths: AppPaths, testdeck_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = ApiToken(SECRET)
    save_settings(paths.settings_file, Settings(project_id="P-1"))
    store = TokenStore(paths)
    assert store.save(SERVER, token) is TokenStorage.KEYRING
    assert store.load(SERVER) == token
    configure_logging(paths, logging.DEBUG)

    log.debug("raw token: %s", SECRET)
    log.debug("raw token in an f-string: " + SECRET)
    log.info("headers: %r", {"Authorization": f"Bearer {SECRET}"})
    log.info("header line: Authorization: Bearer %s", SECRET)
    log.info("wrapped token: %s / %r", token, token)
    log.warning("keyword style: %(token)s", {"token": SECRET})
    try:
        raise RuntimeError(f"server rejected {SECRET}")
    except RuntimeError:
        log.exception("request failed")
    log.error("explicit exc_info", exc_info=ValueError(f"bad {SECRET}"))

    text = _log_text(paths)
    assert "raw token: ***" in text
    assert "Traceback" in text
    assert "RuntimeError: server rejected ***" in text
    assert _files_containing(testdeck_home, SECRET) == []
    assert SECRET not in capsys.readouterr().err
    assert SECRET not in repr(store)
    assert SECRET not in repr(token)


def test_a_secret_without_the_prefix_is_masked_once_the_store_handled_it(
    paths: AppPaths, testdeck_home: Path
) -> None:
    secret = "plain-looking-Secret-98765"
    TokenStore(paths).save(SERVER, ApiToken(secret))
    configure_logging(paths, logging.DEBUG)

    log.debug("sending %s", secret)
    log.debug("header %r", {"authorization": secret})

    assert "sending ***" in _log_text(paths)
    assert _files_containing(testdeck_home, secret) == []
