"""Opening the local database: schema upgrades with Alembic, after a backup.

Migrations run programmatically at start-up. No `alembic.ini` is needed: the scripts live in
`app/store/migrations`. Before a non-empty database is upgraded, it is copied with SQLite's
backup API (copying the file alone would lose what sits in the `-wal` file). A database
written by a newer Testdeck is refused and left untouched; Testdeck never downgrades.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.exc import DatabaseError

from app.store.engine import create_engine
from app.store.errors import DatabaseTooNewError, DatabaseUnreadableError, StoreError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = "app.store:migrations"
SCHEMA_HEAD = "0003"
"""The newest migration's revision; a test checks it against the scripts.

A database already at this revision opens without loading Alembic (about 120 ms of
imports), which is most of every start.
"""


def open_database(database: Path, backup_dir: Path) -> Engine:
    """The engine for `database`, created or upgraded to the current schema first.

    Raises:
        DatabaseTooNewError: a newer Testdeck wrote this database.
        DatabaseUnreadableError: the file is not a SQLite database, or is damaged.
    """
    database.parent.mkdir(parents=True, exist_ok=True)
    upgrade_database(database, backup_dir)
    return create_engine(database)


def upgrade_database(database: Path, backup_dir: Path) -> Path | None:
    """Bring `database` to the newest schema; returns the backup's path, if one was made."""
    if _is_current(database):
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    config = alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    migrator = create_engine(database, enforce_foreign_keys=False)
    try:
        with migrator.connect() as connection:
            current = _current_revision(connection)
            if current == head:
                return None
            _refuse_unknown_revision(config, current, database)
            # The backup reads through this connection, which must not hold a write lock yet.
            backup = _backup_if_not_empty(connection, database, backup_dir, current)
            connection.rollback()
            connection.execution_options(testdeck_begin="IMMEDIATE")
            with connection.begin():
                if _current_revision(connection) != current:
                    raise StoreError(
                        "Another Testdeck upgraded this database at the same moment; "
                        "start Testdeck again."
                    )
                log.info("Upgrading %s from schema %s to %s", database.name, current, head)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                _check_foreign_keys(connection)
            return backup
    except DatabaseError as error:
        raise DatabaseUnreadableError(
            f"Testdeck could not read its database {database} ({error.orig}). "
            "The file was left as it is."
        ) from error
    finally:
        migrator.dispose()


def _is_current(database: Path) -> bool:
    """Whether `database` exists and is at `SCHEMA_HEAD`; any doubt means "let Alembic look"."""
    if not database.is_file():
        return False
    try:
        with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as connection:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        return False
    return rows == [(SCHEMA_HEAD,)]


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    return config


def schema_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return _current_revision(connection)


def _current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _refuse_unknown_revision(config: Config, current: str | None, database: Path) -> None:
    if current is None:
        return
    from alembic.script import ScriptDirectory

    known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
    if current not in known:
        raise DatabaseTooNewError(
            f"The database {database} was written by a newer version of Testdeck "
            f"(schema {current}). Update Testdeck to open it; the file was left as it is."
        )


def _backup_if_not_empty(
    connection: Connection, database: Path, backup_dir: Path, current: str | None
) -> Path | None:
    if not inspect(connection).get_table_names():
        return None
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"{database.stem}-{current or 'unversioned'}-{stamp}.sqlite3"
    source = connection.connection.driver_connection
    if not isinstance(source, sqlite3.Connection):
        raise StoreError("Testdeck's database must be opened with the sqlite3 driver.")
    with sqlite3.connect(target) as copy:
        source.backup(copy)
    copy.close()
    log.info("Backed up %s to %s before upgrading it", database.name, target)
    return target


def _check_foreign_keys(connection: Connection) -> None:
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise StoreError(
            f"The schema upgrade left {len(problems)} broken reference(s); it was rolled back."
        )
