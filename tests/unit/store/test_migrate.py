import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.store import DatabaseTooNewError, DatabaseUnreadableError, open_database, schema_revision
from app.store.migrate import alembic_config
from app.store.models import metadata

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SCHEMA_0001 = FIXTURES / "testdeck-schema-0001.sqlite3"
HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_rows(database: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(database)
    try:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY name"
            )
        ]
        return {
            name: connection.execute(f"SELECT * FROM {name} ORDER BY 1, 2").fetchall()
            for name in names
        }
    finally:
        connection.close()


def test_a_new_database_is_migrated_from_empty_to_head(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "new.sqlite3", tmp_path / "backups")
    assert schema_revision(engine) == HEAD
    assert set(table_rows(tmp_path / "new.sqlite3")) == {
        "milestone",
        "outbox",
        "project",
        "result",
        "run",
        "sync_state",
        "test_case",
        "test_case_step",
    }
    assert not (tmp_path / "backups").exists(), "an empty database needs no backup"
    engine.dispose()


def test_models_and_migrations_do_not_drift(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "drift.sqlite3", tmp_path / "backups")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    engine.dispose()


def test_opening_a_current_database_changes_nothing(tmp_path: Path) -> None:
    database = tmp_path / "current.sqlite3"
    open_database(database, tmp_path / "backups").dispose()
    open_database(database, tmp_path / "backups").dispose()
    assert not (tmp_path / "backups").exists()


def test_an_old_database_is_backed_up_then_upgraded_with_every_row_intact(
    tmp_path: Path,
) -> None:
    database = tmp_path / "testdeck.sqlite3"
    shutil.copyfile(SCHEMA_0001, database)
    before = table_rows(database)
    assert before["outbox"], "the fixture must hold unsent work"

    engine = open_database(database, tmp_path / "backups")

    assert schema_revision(engine) == HEAD
    assert table_rows(database) == before
    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1
    assert backups[0].name.startswith("testdeck-0001-")
    assert table_rows(backups[0]) == before
    engine.dispose()


def test_the_backup_includes_changes_still_in_the_wal(tmp_path: Path) -> None:
    database = tmp_path / "testdeck.sqlite3"
    shutil.copyfile(SCHEMA_0001, database)
    writer = sqlite3.connect(database)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE result SET note = 'only in the WAL' WHERE id = 3")
    writer.commit()
    assert Path(f"{database}-wal").stat().st_size > 0

    open_database(database, tmp_path / "backups").dispose()
    writer.close()

    (backup,) = (tmp_path / "backups").iterdir()
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT note FROM result WHERE id = 3").fetchone() == ("only in the WAL",)
    copy.close()


def test_a_database_from_a_newer_testdeck_is_refused_and_left_alone(tmp_path: Path) -> None:
    database = tmp_path / "testdeck.sqlite3"
    open_database(database, tmp_path / "backups").dispose()
    connection = sqlite3.connect(database)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = digest(database)

    with pytest.raises(DatabaseTooNewError) as caught:
        open_database(database, tmp_path / "backups")

    message = str(caught.value)
    assert "written by a newer version of Testdeck" in message
    assert "Update Testdeck" in message
    assert digest(database) == before
    assert not (tmp_path / "backups").exists()


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    database = tmp_path / "testdeck.sqlite3"
    database.write_bytes(b"this is a text file, not SQLite " * 200)
    before = digest(database)

    with pytest.raises(DatabaseUnreadableError, match="could not read its database"):
        open_database(database, tmp_path / "backups")

    assert digest(database) == before


def test_schema_head_names_the_newest_migration() -> None:
    from alembic.script import ScriptDirectory

    from app.store.migrate import SCHEMA_HEAD, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_HEAD


def test_a_current_database_opens_without_loading_alembic(tmp_path: Path) -> None:
    database = tmp_path / "current.sqlite3"
    open_database(database, tmp_path / "backups").dispose()
    probe = (
        "import sys; from pathlib import Path; from app.store import open_database; "
        f"open_database(Path({str(database)!r}), Path({str(tmp_path / 'b')!r})).dispose(); "
        "print('alembic' in sys.modules)"
    )
    answer = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert answer.stdout.strip() == "False"
