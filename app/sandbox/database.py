"""The sandbox's SQLite database: one connection, one lock, short transactions.

The server's request handlers and a test's own thread may both use the database, so every
use holds the lock for its whole duration. Callers get the raw `sqlite3.Connection` inside
`read()` or `transaction()` and pass it to the query and mutation functions, which never lock
themselves.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.sandbox.schema import SCHEMA


class Database:
    """The sandbox's storage, in a file or in memory.

    Args:
        path: the SQLite file (created when missing, kept in WAL mode), or None for a
            database that lives in memory until `close()`.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._connection = _connect(path)
        with self._lock:
            # executescript() commits on its own; the statements are all IF NOT EXISTS.
            self._connection.executescript(SCHEMA)

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection for reads, under the lock, in one consistent snapshot."""
        with self._lock:
            self._connection.execute("BEGIN")
            try:
                yield self._connection
            finally:
                self._connection.execute("COMMIT")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The connection in a `BEGIN IMMEDIATE` transaction: committed, or rolled back on error."""
        with self._lock:
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield self._connection
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    def close(self) -> None:
        """Close the connection; the database can't be used afterwards."""
        with self._lock:
            self._connection.close()


def _connect(path: Path | None) -> sqlite3.Connection:
    # isolation_level=None: we emit BEGIN ourselves. The lock above makes sharing the
    # connection between the server's thread and a test's thread safe.
    connection = sqlite3.connect(
        ":memory:" if path is None else str(path),
        isolation_level=None,
        check_same_thread=False,
    )
    connection.row_factory = sqlite3.Row
    connection.create_function("casefold", 1, _casefold, deterministic=True)
    connection.execute("PRAGMA foreign_keys=ON")
    if path is not None:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA busy_timeout=5000")
    return connection


def _casefold(text: str | None) -> str | None:
    return None if text is None else text.casefold()
