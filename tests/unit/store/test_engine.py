import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from app.store import create_engine, write_session
from app.store.engine import redoable_write
from app.store.models import Project


def pragma(engine: Engine, name: str) -> object:
    with engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_a_fresh_database_uses_wal_and_full_sync(tmp_path: Path) -> None:
    engine = create_engine(tmp_path / "fresh.sqlite3")
    assert pragma(engine, "journal_mode") == "wal"
    assert pragma(engine, "synchronous") == 2  # FULL
    assert pragma(engine, "busy_timeout") == 5000
    assert pragma(engine, "foreign_keys") == 1
    engine.dispose()


def test_every_pooled_connection_gets_the_pragmas(engine: Engine) -> None:
    with engine.connect() as first, engine.connect() as second:
        for connection in (first, second):
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with engine.connect() as connection, pytest.raises(IntegrityError, match="FOREIGN KEY"):
        connection.exec_driver_sql(
            "INSERT INTO milestone (id, project_id, name) VALUES ('ms_x', 'nowhere', 'x')"
        )


def test_a_failed_write_session_leaves_nothing_behind(engine: Engine) -> None:
    try:
        with write_session(engine) as session:
            session.add(Project(id="proj_gone", name="Gone"))
            session.flush()
            raise RuntimeError("interrupted")
    except RuntimeError:
        pass
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM project")).scalar() == 0


def test_concurrent_read_then_write_transactions_wait_instead_of_failing(engine: Engine) -> None:
    """Deferred transactions that read then write fail at once in WAL; ours wait their turn."""
    with write_session(engine) as session:
        session.add(Project(id="proj_c", name="0"))
    errors: list[BaseException] = []

    def bump(times: int) -> None:
        try:
            for _ in range(times):
                with write_session(engine) as session:
                    project = session.get(Project, "proj_c")
                    assert project is not None
                    project.name = str(int(project.name) + 1)
                    session.add(project)
        except BaseException as error:
            errors.append(error)

    workers = [threading.Thread(target=bump, args=(50,)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert errors == []
    with engine.connect() as connection:
        name = connection.execute(text("SELECT name FROM project WHERE id = 'proj_c'")).scalar()
    assert name == "200"


def test_a_redoable_write_commits_and_leaves_the_connection_fully_synchronous(
    engine: Engine,
) -> None:
    with redoable_write(engine) as connection:
        connection.exec_driver_sql("INSERT INTO project (id, name) VALUES ('proj_r', 'R')")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL again
        assert connection.exec_driver_sql("SELECT name FROM project").scalar() == "R"
