"""Helpers for main-window flows against a real sandbox server on 127.0.0.1.

The window syncs through the real engine and client; the test reads the server back with
its own `TestablyClient`, as another Testably user would. The second half drives the window
as a tester does (keys, actions, buttons found by their object names) and reads what it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import httpx
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QListView, QPushButton, QTableView, QToolButton
from pytestqt.qtbot import QtBot
from pytestqt.wait_signal import SignalBlocker
from sqlalchemy import Engine

from app.api import Pacer, Result, TestablyClient
from app.cli.desktop import ServerSessions
from app.domain import ApiToken
from app.sandbox import DEMO_PROJECT_ID, DEMO_TOKEN, SandboxServer
from app.store import Queries, ResultRow, RunRow
from app.sync import PassReport, SyncState
from app.sync.backoff import Backoff
from app.sync.engine import SyncEngine
from app.ui.main_window import MainWindow
from app.ui.run_detail.columns import SYNC_STATE_ROLE, Column
from app.ui.run_detail.columns import SyncState as RowSync
from app.ui.run_detail.table import ResultTableView
from app.ui.sync import ClientSession, SyncController
from app.ui.workspace import Workspace
from tests.sandbox_server import MakeSandbox

PASS_TIMEOUT_MS = 30_000  # a pass here takes well under a second
QUICK_DEBOUNCE_MS = 50
NEVER_MS = 3_600_000  # a debounce that never fires within a test: passes only on request
HTTP_TIMEOUT = httpx.Timeout(5.0)  # shorter than the controller's shutdown wait


class MovableClock:
    """The sync engine's wall clock: real time plus an offset the test can move forward.

    Moving it stands for time passing without waiting for it (an outage that outlasts
    every backoff). Read from the sync thread; `skip` only rebinds one attribute.
    """

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def skip(self, delta: timedelta) -> None:
        self.offset += delta


@dataclass(frozen=True)
class SandboxSessions:
    """`app.cli.desktop.ServerSessions` for a sandbox, with a clock the test can move."""

    database: Engine
    server_url: str
    clock: Callable[[], datetime] = field(default_factory=MovableClock)
    backoff: Backoff | None = None

    def __call__(self) -> ClientSession:
        client = TestablyClient(
            self.server_url, ApiToken(DEMO_TOKEN), pacer=Pacer(0), timeout=HTTP_TIMEOUT
        )
        engine = SyncEngine(
            self.database, client, DEMO_PROJECT_ID, clock=self.clock, backoff=self.backoff
        )
        return ClientSession(engine, client)


class MinuteBackoff(Backoff):
    """Every failed delivery waits a minute: where a backoff stands after a long outage."""

    def delay(self, attempts: int) -> float:
        return 60.0


class Synced(NamedTuple):
    """A shown main window and the sync controller it was given (already started)."""

    window: MainWindow
    sync: SyncController


@contextmanager
def server_client(server: SandboxServer, token: str = DEMO_TOKEN) -> Iterator[TestablyClient]:
    """A client of `server` for the test itself (another user when given their token)."""
    with TestablyClient(
        server.url, ApiToken(token), pacer=Pacer(0), timeout=HTTP_TIMEOUT
    ) as client:
        yield client


def server_results(server: SandboxServer, run_server_id: str) -> dict[str, Result]:
    """The run's results as the server has them now, by server result id."""
    with server_client(server) as client:
        detail = client.run(DEMO_PROJECT_ID, run_server_id)
    return {result.id: result for result in detail.results}


def cached_run(queries: Queries, name: str) -> RunRow:
    """The cached run of the demo project called `name`."""
    runs = [run for run in queries.runs(DEMO_PROJECT_ID) if run.name == name]
    assert len(runs) == 1, f"expected one cached run named {name!r}, found {len(runs)}"
    return runs[0]


def settled(report: PassReport) -> bool:
    """A pass that reached the server and left nothing to deliver."""
    return report.status.state is SyncState.ONLINE and report.status.pending == 0


@contextmanager
def waiting_for_pass(
    qtbot: QtBot, sync: SyncController, check: Callable[[PassReport], bool] | None = None
) -> Iterator[SignalBlocker]:
    """Wait (after the block) for a finished pass whose report passes `check`.

    A failed pass (a bug in sync) ends the wait at once and fails the test with its message.
    The blocker's `args[0]` is then the `PassReport`.
    """

    def fits(outcome: PassReport | str) -> bool:
        return isinstance(outcome, str) or check is None or check(outcome)

    with qtbot.waitSignal(
        sync.pass_finished, timeout=PASS_TIMEOUT_MS, check_params_cb=fits
    ) as blocker:
        blocker.connect(sync.pass_failed)
        yield blocker
    outcome = blocker.args[0] if blocker.args else None
    assert isinstance(outcome, PassReport), f"the sync pass failed: {outcome}"


def server_result(server: SandboxServer, workspace: Workspace, result_id: int) -> Result:
    """The server's copy of the cached result `result_id`."""
    local = workspace.queries.result(result_id)
    assert local.server_id is not None
    run_server_id = cached_run_server_id(workspace, local.run_id)
    return server_results(server, run_server_id)[local.server_id]


def parked(count: int) -> Callable[[PassReport], bool]:
    """A pass check: `count` changes are set aside (parked) afterwards."""
    return lambda report: report.status.parked == count


def cached_run_server_id(workspace: Workspace, run_id: int) -> str:
    server_id = workspace.queries.run(run_id).server_id
    assert server_id is not None
    return server_id


# Driving the window ---------------------------------------------------------------


def result_table(window: MainWindow) -> ResultTableView:
    table = window.findChild(ResultTableView, "resultTable")
    assert table is not None
    return table


def trigger_sync_now(window: MainWindow) -> None:
    """Trigger the window's "Sync now" action, as its menu item or toolbar button does."""
    action = window.findChild(QAction, "syncNowAction")
    assert action is not None
    assert action.isEnabled()
    action.trigger()


def open_newest_run_by_keyboard(qtbot: QtBot, window: MainWindow) -> int:
    """Ctrl+1 to the runs, Enter on the newest: the table gets the first untested result."""
    run_list = window.findChild(QListView, "runList")
    assert run_list is not None
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert run_list.hasFocus()
    with qtbot.waitSignal(window.runs.run_activated) as activated:
        qtbot.keyClick(run_list, Qt.Key.Key_Return)
    assert result_table(window).hasFocus()
    assert activated.args is not None
    run_id: int = activated.args[0]
    return run_id


def write_note_by_keyboard(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Ctrl+3 to the note editor, type, Esc back to the results table."""
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    note = window.entry.form.note_edit
    assert note.hasFocus()
    qtbot.keyClicks(note, text)
    qtbot.keyClick(note, Qt.Key.Key_Escape)
    assert result_table(window).hasFocus()


def record_by_key(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> ResultRow:
    """Press a status key on the results table; returns the row as saved.

    Waits until the window has moved on to the next untested result (it does so once the
    saved row has been repainted).
    """
    with qtbot.waitSignal(window.entry.result_saved) as saved:
        qtbot.keyClick(result_table(window), key)
    assert saved.args is not None
    row: ResultRow = saved.args[0]
    qtbot.waitUntil(lambda: window.entry.current_result_id() not in (None, row.id))
    return row


def row_sync_state(window: MainWindow, result_id: int) -> RowSync:
    model = window.detail.model
    row = model.row_of(result_id)
    assert row is not None, f"result {result_id} is not in the table"
    return RowSync(model.index(row, Column.SYNC).data(SYNC_STATE_ROLE))


def row_text(window: MainWindow, result_id: int, column: Column) -> str:
    model = window.detail.model
    row = model.row_of(result_id)
    assert row is not None, f"result {result_id} is not in the table"
    text: str = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
    return text


def indicator_text(window: MainWindow) -> str:
    return window.sync_indicator.text()


def open_panel_from_indicator(qtbot: QtBot, window: MainWindow) -> QTableView:
    """Click the indicator's "needs attention" link; returns the panel's table."""
    link = window.sync_indicator.findChild(QToolButton, "syncIssuesLink")
    assert link is not None
    assert link.isVisible(), "the indicator offers no issues link"
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    dock = window.findChild(QDockWidget, "syncIssuesDock")
    assert dock is not None
    qtbot.waitUntil(dock.isVisible)
    table = window.sync_issues.findChild(QTableView, "syncIssuesTable")
    assert table is not None
    return table


def panel_rows(table: QTableView) -> list[tuple[str, str]]:
    """(change, state) as the panel's table shows them."""
    model = table.model()
    return [
        (model.index(row, 0).data(), model.index(row, 1).data()) for row in range(model.rowCount())
    ]


def click_panel_button(qtbot: QtBot, window: MainWindow, button_name: str) -> None:
    """Click a button of the sync-issues panel, found by its object name."""
    button = window.sync_issues.findChild(QPushButton, button_name)
    assert button is not None
    assert button.isEnabled(), f"{button_name} is not available"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


OpenSynced = Callable[..., Synced]
"""Opens a main window syncing through a session factory (the `open_synced` fixture)."""


def sessions(workspace: Workspace, server: SandboxServer) -> ServerSessions:
    """The desktop app's own session factory, pointed at the sandbox."""
    return ServerSessions(
        database=workspace.database,
        server_url=server.url,
        project_id=DEMO_PROJECT_ID,
        token=lambda: ApiToken(DEMO_TOKEN),
    )


def restart(make_sandbox: MakeSandbox, server: SandboxServer) -> None:
    """The server comes back on the same port with the same data."""
    make_sandbox(database=server.config.database, port=server.port, rate_limit_per_minute=0)
