"""The desktop app's sync sessions: a token makes a real engine, no token a signed-out one."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from app.cli.desktop import OfflineSession, ServerSessions
from app.domain import ApiToken
from app.store import EditCommands, Queries
from app.sync import SyncState
from app.sync.engine import SyncEngine
from app.sync.signed_out import NO_TOKEN
from app.ui.sync import ClientSession
from tests.builders import new_database, seed_project, seed_server_run


def cache_with_two_edits(directory: Path) -> tuple[Engine, str]:
    database = new_database(directory)
    project = seed_project(database, cases=3)
    run_id = seed_server_run(database, project, server_id="run_1")
    commands = EditCommands(database)
    first, second = (row.id for row in Queries(database).results(run_id)[:2])
    commands.record_result(first, "passed")
    commands.record_result(second, "failed", note="Broken")
    return database, project.project_id


def test_without_a_token_the_session_is_signed_out_and_sends_nothing(tmp_path: Path) -> None:
    database, project_id = cache_with_two_edits(tmp_path)
    asked: list[str] = []

    def no_token() -> ApiToken | None:
        asked.append("asked")
        return None

    sessions = ServerSessions(database, "https://api.testably.app", project_id, no_token)
    session = sessions()
    assert isinstance(session, OfflineSession)
    assert asked == ["asked"], "the token is looked up when the session is made, once"
    report = session.engine.run_pass()
    assert report.status.state is SyncState.SIGNED_OUT
    assert report.status.pending == 2
    assert report.status.last_error == NO_TOKEN
    assert report.push.delivered == 0
    assert session.engine.status().pending == 2, "nothing was sent or dropped"
    session.cancel()
    session.close()
    database.dispose()


def test_signed_out_discard_still_works(tmp_path: Path) -> None:
    database, project_id = cache_with_two_edits(tmp_path)
    session = ServerSessions(database, "https://api.testably.app", project_id, lambda: None)()
    seq = Queries(database).outbox()[0].seq
    session.engine.discard(seq)
    assert session.engine.status().pending == 1
    database.dispose()


def test_with_a_token_the_session_has_a_real_engine_and_client(tmp_path: Path) -> None:
    database, project_id = cache_with_two_edits(tmp_path)
    token = ApiToken("testably_unit_token")
    session = ServerSessions(database, "http://127.0.0.1:9", project_id, lambda: token)()
    try:
        assert isinstance(session, ClientSession)
        assert isinstance(session.engine, SyncEngine)
    finally:
        session.close()
        database.dispose()
