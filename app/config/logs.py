"""Logging to a rotating file and stderr, with secrets redacted before anything is written.

Every handler `configure_logging` adds carries a `RedactingFilter`, which rewrites each record
so that Testably tokens, `Bearer` credentials and any registered secret read `***` in the
message, its arguments and the exception text alike.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from logging.handlers import RotatingFileHandler
from typing import ClassVar

from app.config.paths import PRIVATE_DIR_MODE, AppPaths

MASK = "***"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
MAX_LOG_BYTES = 1_000_000
LOG_BACKUP_COUNT = 3

_TOKEN = re.compile(r"testably_[A-Za-z0-9_\-]+")
_BEARER = re.compile(r"(?i)(\bBearer\s+)[^\s'\",;}\]]+")


class RedactingFilter(logging.Filter):
    """Masks secrets in a record's message, arguments, exception text and stack.

    The record is formatted once, redacted, and stored back with `args` set to None, so
    no later formatter can put a secret back from the arguments.
    """

    _lock: ClassVar[threading.Lock] = threading.Lock()
    _secrets: ClassVar[frozenset[str]] = frozenset()
    _secret_pattern: ClassVar[re.Pattern[str] | None] = None

    @classmethod
    def register_secret(cls, secret: str) -> None:
        """Mask `secret` wherever it appears in a log record from now on."""
        if not secret or secret in cls._secrets:
            return
        with cls._lock:
            cls._secrets = cls._secrets | {secret}
            # Longest first, so a secret that contains another one is masked whole.
            ordered = sorted(cls._secrets, key=len, reverse=True)
            cls._secret_pattern = re.compile("|".join(re.escape(each) for each in ordered))

    @classmethod
    def redact(cls, text: str) -> str:
        """`text` with every registered secret, token and Bearer credential masked."""
        pattern = cls._secret_pattern
        if pattern is not None:
            text = pattern.sub(MASK, text)
        text = _TOKEN.sub(MASK, text)
        return _BEARER.sub(rf"\g<1>{MASK}", text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact `record` in place; never drops it."""
        record.msg = self.redact(_message_of(record))
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = _EXCEPTION_FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


_EXCEPTION_FORMATTER = logging.Formatter()


def _message_of(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except (TypeError, ValueError, KeyError):
        # Mismatched arguments: keep what was given rather than raise into the caller.
        return f"{record.msg!s} {record.args!r}"


def register_secret(secret: str) -> None:
    """Mask `secret` in every log record handled by Testdeck's handlers from now on."""
    RedactingFilter.register_secret(secret)


def redact(text: str) -> str:
    """`text` as Testdeck's log handlers would write it, secrets masked."""
    return RedactingFilter.redact(text)


class _Installed:
    """The handlers `configure_logging` added, and the root level it replaced."""

    handlers: ClassVar[list[logging.Handler]] = []
    previous_level: ClassVar[int | None] = None


def configure_logging(
    paths: AppPaths, level: int = logging.INFO, stderr_level: int = logging.WARNING
) -> None:
    """Log to `paths.log_file` (1 MB x 3 rotations) at `level` and to stderr from `stderr_level`.

    Calling it again replaces the handlers from the previous call instead of adding more;
    `reset_logging()` removes them.
    """
    reset_logging()
    paths.log_dir.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    file_handler = RotatingFileHandler(
        paths.log_file, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUP_COUNT, encoding="utf-8"
    )
    file_handler.setLevel(level)
    stderr_handler = logging.StreamHandler(sys.stderr)
    stderr_handler.setLevel(stderr_level)
    root = logging.getLogger()
    _Installed.previous_level = root.level
    root.setLevel(min(level, stderr_level))
    for handler in (file_handler, stderr_handler):
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
        _Installed.handlers.append(handler)


def reset_logging() -> None:
    """Remove and close the handlers `configure_logging` added, restoring the root level."""
    root = logging.getLogger()
    while _Installed.handlers:
        handler = _Installed.handlers.pop()
        root.removeHandler(handler)
        handler.close()
    if _Installed.previous_level is not None:
        root.setLevel(_Installed.previous_level)
        _Installed.previous_level = None
