"""The main window against a real sandbox server: offline work, closed runs, parked changes.

Every test pulls the demo project into an empty cache first, then drives the window as a
tester would (keys, the "Sync now" action, the sync-issues panel's buttons) and reads the
server back with its own client to see what really arrived.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListView,
)
from pytestqt.qtbot import QtBot

from app.domain import ResultStatus
from app.sandbox import DEMO_PROJECT_ID, DEMO_USERS, SandboxServer
from app.store import OutboxState, ResultRow
from app.sync import PassReport, SyncState
from app.ui.entry.header import CLOSED_RUN_MESSAGE
from app.ui.main_window import MainWindow
from app.ui.run_detail.columns import Column
from app.ui.run_detail.columns import SyncState as RowSync
from app.ui.runs.model import READ_ONLY_ROLE, RUN_ID_ROLE
from app.ui.sync_view.issue_words import STATE_WORDS
from app.ui.workspace import Workspace
from tests.gui.main_window.sandbox_helpers import (
    NEVER_MS,
    PASS_TIMEOUT_MS,
    MinuteBackoff,
    MovableClock,
    OpenSynced,
    SandboxSessions,
    Synced,
    cached_run,
    cached_run_server_id,
    click_panel_button,
    indicator_text,
    open_newest_run_by_keyboard,
    open_panel_from_indicator,
    panel_rows,
    parked,
    record_by_key,
    restart,
    result_table,
    row_sync_state,
    row_text,
    server_client,
    server_result,
    server_results,
    sessions,
    settled,
    trigger_sync_now,
    waiting_for_pass,
    write_note_by_keyboard,
)
from tests.sandbox_server import MakeSandbox

NEWEST_RUN = "Release 3.6: early smoke"  # 12 untested results, the first card in the list
BIG_RUN = "Release 3.5: full regression"  # 80 results: the table scrolls
NOTE = "Promo code field rejects lowercase codes"


# 1. Offline, then online --------------------------------------------------------------


Recorded = dict[int, tuple[ResultStatus, str | None]]
"""What the tester recorded: result id -> (status, note)."""


def record_four_results_by_keyboard(qtbot: QtBot, window: MainWindow) -> Recorded:
    """P, F, a note then B, R on the newest run."""
    recorded: Recorded = {}
    for key, status, note in (
        (Qt.Key.Key_P, ResultStatus.PASSED, None),
        (Qt.Key.Key_F, ResultStatus.FAILED, None),
        (Qt.Key.Key_B, ResultStatus.BLOCKED, NOTE),
        (Qt.Key.Key_R, ResultStatus.RETEST, None),
    ):
        result_id = window.entry.current_result_id()
        assert result_id is not None
        if note is not None:
            write_note_by_keyboard(qtbot, window, note)
        record_by_key(qtbot, window, key)
        recorded[result_id] = (status, note)
    return recorded


def record_offline(qtbot: QtBot, synced: Synced, server: SandboxServer) -> tuple[int, Recorded]:
    """Stop the server, record four results on the newest run, press F5 in vain."""
    window, sync = synced
    server.stop()  # the network goes away
    run_id = open_newest_run_by_keyboard(qtbot, window)
    recorded = record_four_results_by_keyboard(qtbot, window)
    with waiting_for_pass(qtbot, sync, lambda report: report.status.state is SyncState.OFFLINE):
        qtbot.keyClick(window, Qt.Key.Key_F5)  # "Sync now" from the keyboard
    return run_id, recorded


def test_results_recorded_offline_are_delivered_by_sync_now_once_the_server_is_back(
    qtbot: QtBot,
    open_synced: OpenSynced,
    demo_workspace: Workspace,
    server: SandboxServer,
    make_sandbox: MakeSandbox,
) -> None:
    """Recorded with the server down: kept and counted as offline; Sync now delivers them all.

    Local changes trigger no pass here (a debounce that never fires), so the only passes
    are the ones "Sync now" asks for: the first while the server is down, the second after
    it is back. Each result reaches the server with its status and note.
    """
    clock = MovableClock()
    factory = SandboxSessions(demo_workspace.database, server.url, clock)
    window, sync = open_synced(demo_workspace, factory, debounce_ms=NEVER_MS)
    run_id, recorded = record_offline(qtbot, Synced(window, sync), server)

    assert indicator_text(window).startswith("Offline · 4 changes saved on this computer")
    assert all(row_sync_state(window, rid) is RowSync.SAVED_HERE for rid in recorded)

    clock.skip(timedelta(minutes=10))  # the outage outlasts every retry backoff
    restart(make_sandbox, server)
    with waiting_for_pass(qtbot, sync, settled):
        trigger_sync_now(window)

    on_server = server_results(server, cached_run_server_id(demo_workspace, run_id))
    for result in demo_workspace.queries.results(run_id):
        if result.id in recorded:
            assert result.server_id is not None
            delivered = on_server[result.server_id]
            assert (delivered.status, delivered.note) == recorded[result.id]
            assert delivered.tested_by is not None
    assert indicator_text(window).startswith("Online · all changes delivered")
    assert all(row_sync_state(window, rid) is RowSync.DELIVERED for rid in recorded)
    assert demo_workspace.queries.undelivered_count() == 0


def test_sync_now_delivers_changes_still_waiting_out_a_retry_backoff(
    qtbot: QtBot,
    open_synced: OpenSynced,
    demo_workspace: Workspace,
    server: SandboxServer,
    make_sandbox: MakeSandbox,
) -> None:
    """Back online after a long outage, "Sync now" delivers at once, whatever the backoff.

    After a long outage the next automatic attempt can be minutes away; the tester pressing
    Sync now expects delivery now, not "Online · 4 changes to deliver" for minutes.
    """
    factory = SandboxSessions(demo_workspace.database, server.url, backoff=MinuteBackoff())
    window, sync = open_synced(demo_workspace, factory, debounce_ms=NEVER_MS)
    record_offline(qtbot, Synced(window, sync), server)
    restart(make_sandbox, server)

    with waiting_for_pass(qtbot, sync) as finished:
        trigger_sync_now(window)

    assert finished.args is not None
    report: PassReport = finished.args[0]
    assert report.status.state is SyncState.ONLINE
    assert report.status.pending == 0, indicator_text(window)


# 2. A run closed on the server ---------------------------------------------------------


def record_in_a_run_closed_on_the_server(
    qtbot: QtBot, synced: Synced, workspace: Workspace, server: SandboxServer
) -> ResultRow:
    """Someone closes the newest run on the server; the tester, not knowing, records in it.

    Returns the recorded row once the pass that follows has parked its change; the
    recorded result is selected again (K).
    """
    window, sync = synced
    run_id = open_newest_run_by_keyboard(qtbot, window)
    with server_client(server) as client:
        run_server_id = cached_run_server_id(workspace, run_id)
        client.close_run(DEMO_PROJECT_ID, run_server_id, idempotency_key=str(uuid.uuid4()))
    write_note_by_keyboard(qtbot, window, NOTE)
    with waiting_for_pass(qtbot, sync, parked(1)):
        recorded = record_by_key(qtbot, window, Qt.Key.Key_F)
    qtbot.keyClick(result_table(window), Qt.Key.Key_K)  # back to the recorded result
    assert window.entry.current_result_id() == recorded.id
    return recorded


def test_a_run_closed_on_the_server_turns_read_only_and_its_queued_change_is_a_conflict(
    qtbot: QtBot, open_synced: OpenSynced, demo_workspace: Workspace, server: SandboxServer
) -> None:
    """Recorded after someone closed the run: the run locks, the change waits in the panel.

    The tester's value stays visible (table, entry pane, cache); nothing reaches the server.
    """
    synced = open_synced(demo_workspace, sessions(demo_workspace, server))
    window = synced.window
    recorded = record_in_a_run_closed_on_the_server(qtbot, synced, demo_workspace, server)

    assert_entry_is_locked(window)
    assert window.entry.form.status_row.current() is ResultStatus.FAILED
    assert window.entry.form.note_edit.toPlainText() == NOTE
    assert row_text(window, recorded.id, Column.STATUS) == "Failed"
    assert row_text(window, recorded.id, Column.NOTE) == NOTE
    assert window.detail.header.closed_row.isVisible()
    assert_run_card_is_read_only(window, recorded.run_id)

    with qtbot.assertNotEmitted(window.entry.result_saved):
        qtbot.keyClick(result_table(window), Qt.Key.Key_P)  # a status key does nothing
    assert demo_workspace.queries.result(recorded.id).status is ResultStatus.FAILED

    table = open_panel_from_indicator(qtbot, window)
    title = recorded.test_case_title
    assert panel_rows(table) == [
        (f"Result of “{title}” in run “{NEWEST_RUN}”", "Run was closed on the server")
    ]
    issue = window.sync_issues.selected_issue()
    assert issue is not None
    assert issue.state is OutboxState.CONFLICT
    assert server_result(server, demo_workspace, recorded.id).status is ResultStatus.NOT_TESTED


def test_the_row_of_a_change_that_became_a_conflict_says_it_needs_attention(
    qtbot: QtBot, open_synced: OpenSynced, demo_workspace: Workspace, server: SandboxServer
) -> None:
    """The results table's sync column follows the entry: "Needs attention", not "Saved here"."""
    synced = open_synced(demo_workspace, sessions(demo_workspace, server))
    recorded = record_in_a_run_closed_on_the_server(qtbot, synced, demo_workspace, server)

    assert demo_workspace.queries.result(recorded.id).parked_state is OutboxState.CONFLICT
    assert row_sync_state(synced.window, recorded.id) is RowSync.NEEDS_ATTENTION


def assert_entry_is_locked(window: MainWindow) -> None:
    form = window.entry.form
    for widget in (form.status_row, form.note_edit, form.elapsed_edit, form.save_button):
        assert not widget.isEnabled(), f"{widget.objectName()} can still be used"
    message = window.entry.findChild(QLabel, "closedRunMessage")
    assert message is not None
    assert message.isVisible()
    assert message.text() == CLOSED_RUN_MESSAGE


def assert_run_card_is_read_only(window: MainWindow, run_id: int) -> None:
    run_list = window.findChild(QListView, "runList")
    assert run_list is not None
    model = run_list.model()
    rows = [model.index(row, 0) for row in range(model.rowCount())]
    card = next(index for index in rows if index.data(RUN_ID_ROLE) == run_id)
    assert card.data(READ_ONLY_ROLE) is True
    spoken = card.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "closed, read-only" in spoken
    assert "sync issue" in spoken


# 3. Retry and Discard ------------------------------------------------------------------


def park_one_result(qtbot: QtBot, synced: Synced, server: SandboxServer, key: Qt.Key) -> ResultRow:
    """With result writes "coming soon" on the server, record one result: it is parked."""
    window, sync = synced
    open_newest_run_by_keyboard(qtbot, window)
    server.set_coming_soon(True)
    with waiting_for_pass(qtbot, sync, parked(1)):
        return record_by_key(qtbot, window, key)


def test_retry_delivers_a_change_that_waited_for_server_support(
    qtbot: QtBot, open_synced: OpenSynced, demo_workspace: Workspace, server: SandboxServer
) -> None:
    """Parked as waiting for support and listed; once the server takes it, Retry sends it."""
    synced = open_synced(demo_workspace, sessions(demo_workspace, server))
    window, sync = synced
    recorded = park_one_result(qtbot, synced, server, Qt.Key.Key_P)

    assert indicator_text(window).startswith("Waiting for server support · 1 change kept")
    table = open_panel_from_indicator(qtbot, window)
    waiting = STATE_WORDS[OutboxState.WAITING_SUPPORT]
    assert [state for _, state in panel_rows(table)] == [waiting]

    server.set_coming_soon(False)
    with waiting_for_pass(qtbot, sync, settled):
        click_panel_button(qtbot, window, "syncRetryButton")

    assert server_result(server, demo_workspace, recorded.id).status is ResultStatus.PASSED
    assert panel_rows(table) == []
    assert window.sync_issues.issue_count() == 0
    assert row_sync_state(window, recorded.id) is RowSync.DELIVERED
    assert indicator_text(window).startswith("Online · all changes delivered")


class Confirmations:
    """A `confirm_discard` stand-in that answers as told and remembers each question."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, parent: object, title: str, text: str) -> bool:
        self.asked.append(title)
        return self.answer


def test_a_confirmed_discard_drops_the_change_and_nothing_reaches_the_server(
    qtbot: QtBot, open_synced: OpenSynced, demo_workspace: Workspace, server: SandboxServer
) -> None:
    """Discard, confirmed: the entry is gone, and the next pull brings the server's value back."""
    confirm = Confirmations(answer=True)
    factory = sessions(demo_workspace, server)
    synced = open_synced(demo_workspace, factory, confirm_discard=confirm)
    window, sync = synced
    recorded = park_one_result(qtbot, synced, server, Qt.Key.Key_F)
    table = open_panel_from_indicator(qtbot, window)

    with qtbot.waitSignal(sync.entry_changed, timeout=PASS_TIMEOUT_MS):
        click_panel_button(qtbot, window, "syncDiscardButton")

    assert confirm.asked == ["Discard this change?"]
    assert panel_rows(table) == []
    assert demo_workspace.queries.undelivered_count() == 0
    server.set_coming_soon(False)
    server.requests.clear()
    with waiting_for_pass(qtbot, sync, settled):
        trigger_sync_now(window)
    writes = [request for request in server.requests if request.method in ("PUT", "POST")]
    assert writes == [], "a discarded change was sent"
    assert server_result(server, demo_workspace, recorded.id).status is ResultStatus.NOT_TESTED
    assert row_text(window, recorded.id, Column.STATUS) == "Not tested"


def test_a_declined_discard_keeps_the_change(
    qtbot: QtBot, open_synced: OpenSynced, demo_workspace: Workspace, server: SandboxServer
) -> None:
    """Discard, declined: the change stays parked and listed, even after another pass."""
    confirm = Confirmations(answer=False)
    factory = sessions(demo_workspace, server)
    synced = open_synced(demo_workspace, factory, confirm_discard=confirm)
    window, sync = synced
    recorded = park_one_result(qtbot, synced, server, Qt.Key.Key_B)
    table = open_panel_from_indicator(qtbot, window)

    with qtbot.assertNotEmitted(window.sync_issues.discard_requested):
        click_panel_button(qtbot, window, "syncDiscardButton")
    # A pass after the click: a discard sent to the sync thread would have run before it.
    with waiting_for_pass(qtbot, sync, parked(1)):
        trigger_sync_now(window)

    assert confirm.asked == ["Discard this change?"]
    assert len(panel_rows(table)) == 1
    assert demo_workspace.queries.undelivered_count() == 1
    assert demo_workspace.queries.result(recorded.id).status is ResultStatus.BLOCKED
    assert row_text(window, recorded.id, Column.STATUS) == "Blocked"


# 4. Live updates -----------------------------------------------------------------------

BEN = DEMO_USERS[1]
BENS_NOTE = "Checked on Safari too"


def another_status(status: ResultStatus) -> ResultStatus:
    return ResultStatus.RETEST if status is ResultStatus.BLOCKED else ResultStatus.BLOCKED


def test_a_pull_updates_other_rows_of_the_open_run_in_place(
    qtbot: QtBot, open_synced: OpenSynced, demo_workspace: Workspace, server: SandboxServer
) -> None:
    """Ben records results of the run the tester has open: the rows change under her eyes.

    Her selected result, the table's scroll position and the note she is typing all stay.
    """
    window, sync = open_synced(demo_workspace, sessions(demo_workspace, server))
    run = cached_run(demo_workspace.queries, BIG_RUN)
    results = demo_workspace.queries.results(run.id)
    chosen = results[40]
    assert window.runs.select_run(run.id)
    assert window.detail.select_result(chosen.id)
    table = result_table(window)
    qtbot.waitUntil(lambda: table.verticalScrollBar().value() > 0)
    scroll = table.verticalScrollBar().value()
    window.entry.focus_note()
    qtbot.keyClicks(window.entry.form.note_edit, "half-written")

    changed = {results[i].id: another_status(results[i].status) for i in (2, 39, 41)}
    with server_client(server, BEN.token) as client:
        for result_id, status in changed.items():
            server_id = demo_workspace.queries.result(result_id).server_id
            assert run.server_id is not None
            assert server_id is not None
            client.set_result(run.server_id, server_id, status, BENS_NOTE, 42)
    with waiting_for_pass(qtbot, sync, lambda report: changed.keys() <= report.changes.result_ids):
        trigger_sync_now(window)

    for result_id, status in changed.items():
        assert row_text(window, result_id, Column.STATUS) == status.label
        assert row_text(window, result_id, Column.NOTE) == BENS_NOTE
        assert row_text(window, result_id, Column.TESTER) == BEN.id  # the API names no one
    assert window.detail.current_result_id() == chosen.id
    assert [table.result_id_at(index) for index in table.selectionModel().selectedRows()] == [
        chosen.id
    ]
    assert table.verticalScrollBar().value() == scroll
    assert window.entry.current_result_id() == chosen.id
    assert window.entry.form.note_edit.toPlainText() == "half-written"
