"""The adapter over the real engine and a real sandbox server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import httpx
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.api import Pacer, TestablyClient
from app.domain import ApiToken
from app.sandbox import DEMO_PROJECT_ID, DEMO_TOKEN, SandboxServer
from app.store import Queries
from app.sync import PassReport, SyncState
from app.sync.engine import SyncEngine
from app.ui.sync import ClientSession
from tests.builders import new_database
from tests.gui.sync.conftest import MakeController

TIMEOUT = httpx.Timeout(5.0)  # shorter than shutdown's wait: a request cannot outlast it


class SandboxSessions:
    """Makes the client and the engine in the calling thread (the sync thread)."""

    def __init__(self, server_url: str, database: Engine) -> None:
        self.server_url = server_url
        self.database = database

    def __call__(self) -> ClientSession:
        client = TestablyClient(
            self.server_url, ApiToken(DEMO_TOKEN), pacer=Pacer(0), timeout=TIMEOUT
        )
        return ClientSession(SyncEngine(self.database, client, DEMO_PROJECT_ID), client)


def test_a_first_pass_pulls_the_runs_into_the_cache(
    qtbot: QtBot, sandbox: SandboxServer, make_controller: MakeController, tmp_path: Path
) -> None:
    database = new_database(tmp_path)
    controller = make_controller(SandboxSessions(sandbox.url, database))

    with qtbot.waitSignal(controller.pass_finished, timeout=30_000) as blocker:
        blocker.connect(controller.pass_failed)  # a failed pass ends the wait too, and says why
        controller.start()

    report = blocker.args[0]
    assert isinstance(report, PassReport), f"the pass failed: {report}"
    assert report.status.state is SyncState.ONLINE
    assert report.status.last_error is None
    with TestablyClient(sandbox.url, ApiToken(DEMO_TOKEN), pacer=Pacer(0)) as client:
        server_runs = {run.id for run in client.iter_runs(DEMO_PROJECT_ID)}
    cached = Queries(database).runs(DEMO_PROJECT_ID)
    assert server_runs
    assert {run.server_id for run in cached} == server_runs
    assert controller.status == report.status

    assert controller.shutdown() is True
    assert not controller.running
    database.dispose()
