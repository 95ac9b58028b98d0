"""The SQLAlchemy engine for the local cache, and the two kinds of transaction it offers.

Every connection gets Testdeck's PRAGMAs. pysqlite's own transaction handling is switched
off so that we emit `BEGIN` ourselves: reads use a deferred `BEGIN`, writes use
`BEGIN IMMEDIATE`. In WAL mode a deferred transaction that reads and then writes fails at
once with "database is locked" when another connection writes, ignoring `busy_timeout`;
an immediate one waits its turn instead.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy import create_engine as sa_create_engine
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session

from app.store.errors import DatabaseUnavailableError

BUSY_TIMEOUT_MS = 5000
_BEGIN_MODE = "testdeck_begin"

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
)


def create_engine(
    database: Path, *, enforce_foreign_keys: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> Engine:
    """An engine on the SQLite file `database`, with Testdeck's PRAGMAs on every connection.

    Args:
        database: the SQLite file; created when missing.
        enforce_foreign_keys: off only for migrations, whose table rebuilds would otherwise
            fire `ON DELETE CASCADE` when they drop the old copy of a table.
        busy_timeout_ms: how long a write waits for another writer before giving up.
    """
    engine = sa_create_engine(f"sqlite:///{database}")
    pragmas = (
        *PRAGMAS,
        f"PRAGMA busy_timeout={busy_timeout_ms}",
        f"PRAGMA foreign_keys={'ON' if enforce_foreign_keys else 'OFF'}",
    )

    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, see _on_begin
        for pragma in pragmas:
            dbapi_connection.execute(pragma).close()

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(_BEGIN_MODE, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session in one `BEGIN IMMEDIATE` transaction, committed on success, else rolled back.

    Raises:
        DatabaseUnavailableError: the database stayed locked, the disk is full, or the file
            can't be written; nothing was changed.
    """
    with _unavailable_as_store_error(), Session(engine, expire_on_commit=False) as session:
        session.connection(execution_options={_BEGIN_MODE: "IMMEDIATE"})
        try:
            yield session
        except BaseException:
            session.rollback()
            raise
        session.commit()


@contextmanager
def _unavailable_as_store_error() -> Iterator[None]:
    try:
        yield
    except OperationalError as error:
        raise DatabaseUnavailableError(_explain(error)) from error


def _explain(error: OperationalError) -> str:
    text = str(error.orig).lower()
    if "locked" in text or "busy" in text:
        return (
            "Another program kept Testdeck's database busy, so the change was not saved. "
            "Try again; if it keeps happening, close other copies of Testdeck."
        )
    if "full" in text:
        return "The disk is full, so the change was not saved. Free some space and try again."
    if "readonly" in text or "read-only" in text:
        return "Testdeck's database file can't be written (read-only), so the change was not saved."
    return f"Testdeck could not write to its database ({error.orig}); the change was not saved."


@contextmanager
def redoable_write(engine: Engine) -> Iterator[Connection]:
    """A write transaction whose commit is not flushed to disk before it returns.

    Only for bookkeeping that may safely happen twice: a process crash loses nothing, and a
    power loss can at worst undo the last of these commits (never corrupt the database), so
    the work they record is redone. The connection goes back to the pool with FULL again.
    """
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        if not isinstance(driver, sqlite3.Connection):
            raise TypeError("Testdeck's database must be opened with the sqlite3 driver.")
        driver.execute("PRAGMA synchronous=NORMAL").close()
        try:
            connection.execution_options(**{_BEGIN_MODE: "IMMEDIATE"})
            with connection.begin():
                yield connection
        finally:
            driver.execute("PRAGMA synchronous=FULL").close()


@contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """A connection for a short read.

    Raises:
        DatabaseUnavailableError: the database could not be read (locked for too long,
            damaged, gone); the message says so in words. Nothing was changed.
    """
    try:
        with engine.connect() as connection:
            yield connection
    except (DBAPIError, sqlite3.Error) as error:
        cause = error.orig if isinstance(error, DBAPIError) else error
        raise DatabaseUnavailableError(
            f"Testdeck could not read its database ({cause}). Nothing was changed; "
            "try again, and restart Testdeck if it keeps happening."
        ) from error


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reads in one deferred transaction: one consistent snapshot."""
    with Session(engine, expire_on_commit=False) as session:
        yield session
