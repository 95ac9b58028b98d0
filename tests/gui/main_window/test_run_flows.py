"""Making, fixing and closing runs in the main window, delivered to a real sandbox server.

Each test pulls the demo project first, then works as a tester does — the window's actions,
keys in the dialogs — often with the server down, and reads the server back with its own
client to see what really arrived, and in which order.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain import ResultStatus
from app.sandbox import DEMO_PROJECT_ID, SandboxServer
from app.store import RunRow
from app.ui.main_window import MainWindow
from app.ui.run_dialogs import EditRunDialog, NewRunDialog
from app.ui.run_dialogs.case_picker import CasePicker
from app.ui.workspace import Workspace
from tests.gui.main_window.sandbox_helpers import (
    NEVER_MS,
    OpenSynced,
    Synced,
    cached_run_server_id,
    record_by_key,
    result_table,
    server_client,
    server_results,
    sessions,
    settled,
    trigger_sync_now,
    waiting_for_pass,
)
from tests.sandbox_server import MakeSandbox

CONTROL = Qt.KeyboardModifier.ControlModifier
WANTED_CASES = 30


def agree(parent: QWidget, run: RunRow) -> bool:
    return True


def new_run_dialog(window: MainWindow) -> NewRunDialog:
    dialog = window.run_management.open_dialog
    assert isinstance(dialog, NewRunDialog)
    return dialog


def folder_row(picker: CasePicker, folder_id: str) -> QModelIndex:
    proxy = picker.proxy
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        if str(index.data()).startswith(folder_id):
            return index
    raise AssertionError(f"no folder {folder_id} in the picker")


def check_by_keyboard(qtbot: QtBot, picker: CasePicker, index: QModelIndex) -> None:
    picker.tree.setCurrentIndex(index)
    picker.tree.setFocus()
    qtbot.keyClick(picker.tree, Qt.Key.Key_Space)


def pick_thirty_by_folder_and_search(qtbot: QtBot, picker: CasePicker) -> list[str]:
    """A whole folder by Space, then cases a search finds, one by one, up to thirty."""
    check_by_keyboard(qtbot, picker, folder_row(picker, "fld_checkout"))
    assert 0 < picker.checked_count() < WANTED_CASES
    qtbot.keyClicks(picker.filter_bar.search_field, "sign")
    proxy = picker.proxy
    for folder in (proxy.index(row, 0) for row in range(proxy.rowCount())):
        for row in range(proxy.rowCount(folder)):
            if picker.checked_count() == WANTED_CASES:
                return picker.checked_case_ids()
            case = proxy.index(row, 0, folder)
            if case.data(Qt.ItemDataRole.CheckStateRole) != Qt.CheckState.Checked.value:
                check_by_keyboard(qtbot, picker, case)
    assert picker.checked_count() == WANTED_CASES, "the search found enough cases"
    return picker.checked_case_ids()


def test_a_run_made_offline_from_thirty_cases_reaches_the_server_with_its_results(
    qtbot: QtBot,
    open_synced: OpenSynced,
    demo_workspace: Workspace,
    server: SandboxServer,
    make_sandbox: MakeSandbox,
) -> None:
    synced = open_synced(demo_workspace, sessions(demo_workspace, server), debounce_ms=NEVER_MS)
    window = synced.window
    server.stop()
    qtbot.keyClick(window, Qt.Key.Key_N, CONTROL)
    dialog = new_run_dialog(window)
    qtbot.keyClicks(dialog.name_field.edit, "Checkout and sign-in, offline")
    chosen = pick_thirty_by_folder_and_search(qtbot, dialog.picker)
    with qtbot.waitSignal(window.run_management.run_created):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    run_id = window.runs.current_run_id()
    assert run_id is not None
    assert window.detail.current_run_id() == run_id, "the new run opens at once"
    queries = demo_workspace.queries
    assert [r.test_case_id for r in queries.results(run_id)] == chosen
    result_table(window).setFocus()
    passed = record_by_key(qtbot, window, Qt.Key.Key_P)
    failed = record_by_key(qtbot, window, Qt.Key.Key_F)
    assert queries.run(run_id).server_id is None

    restart_and_sync(qtbot, synced, make_sandbox, server)

    server_id = cached_run_server_id(demo_workspace, run_id)
    with server_client(server) as client:
        detail = client.run(DEMO_PROJECT_ID, server_id)
    assert detail.run.name == "Checkout and sign-in, offline"
    assert [r.test_case_id for r in detail.results] == chosen
    statuses = {r.test_case_id: r.status for r in detail.results}
    assert statuses[passed.test_case_id] is ResultStatus.PASSED
    assert statuses[failed.test_case_id] is ResultStatus.FAILED
    assert list(statuses.values()).count(ResultStatus.NOT_TESTED) == WANTED_CASES - 2
    assert queries.undelivered_count() == 0


def test_re_running_failed_and_blocked_makes_a_run_of_just_those(
    qtbot: QtBot, open_synced: OpenSynced, demo_workspace: Workspace, server: SandboxServer
) -> None:
    window, sync = open_synced(demo_workspace, sessions(demo_workspace, server))
    queries = demo_workspace.queries
    source = max(queries.runs(DEMO_PROJECT_ID), key=lambda run: run.summary.failed)
    expected = [
        r.test_case_id
        for r in queries.results(source.id)
        if r.status in (ResultStatus.FAILED, ResultStatus.BLOCKED)
    ]
    assert expected, "the demo has a run with failures"
    assert window.runs.select_run(source.id)

    window.main_actions.rerun_failed.trigger()
    dialog = new_run_dialog(window)
    assert sorted(dialog.picker.checked_case_ids()) == sorted(expected)
    assert dialog.name_field.edit.text() == f"{source.name} — re-run"
    with waiting_for_pass(qtbot, sync, settled):
        qtbot.keyClick(dialog.create_button, Qt.Key.Key_Return)

    run_id = window.runs.current_run_id()
    assert run_id is not None
    assert run_id != source.id
    with server_client(server) as client:
        detail = client.run(DEMO_PROJECT_ID, cached_run_server_id(demo_workspace, run_id))
    assert detail.run.name == f"{source.name} — re-run"
    assert [r.test_case_id for r in detail.results] == expected
    assert detail.run.milestone_id == source.milestone_id


def test_renaming_and_unlinking_the_milestone_reach_the_server(
    qtbot: QtBot, open_synced: OpenSynced, demo_workspace: Workspace, server: SandboxServer
) -> None:
    window, sync = open_synced(demo_workspace, sessions(demo_workspace, server))
    queries = demo_workspace.queries
    run = next(r for r in queries.runs(DEMO_PROJECT_ID) if r.milestone_id and not r.is_read_only)
    assert window.runs.select_run(run.id)

    qtbot.keyClick(window, Qt.Key.Key_F2)
    dialog = window.run_management.open_dialog
    assert isinstance(dialog, EditRunDialog)
    dialog.name_field.edit.selectAll()
    qtbot.keyClicks(dialog.name_field.edit, "Smoke, renamed")
    dialog.milestone_combo.setCurrentIndex(0)  # "No milestone"
    assert dialog.milestone_combo.milestone_id() is None
    with waiting_for_pass(qtbot, sync, settled):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert queries.run(run.id).name == "Smoke, renamed"
    with server_client(server) as client:
        on_server = client.run(DEMO_PROJECT_ID, cached_run_server_id(demo_workspace, run.id))
    assert (on_server.run.name, on_server.run.milestone_id) == ("Smoke, renamed", None)
    assert queries.undelivered_count() == 0


def test_a_close_after_offline_results_reaches_the_server_after_them(
    qtbot: QtBot,
    open_synced: OpenSynced,
    demo_workspace: Workspace,
    server: SandboxServer,
    make_sandbox: MakeSandbox,
) -> None:
    synced = open_synced(
        demo_workspace,
        sessions(demo_workspace, server),
        debounce_ms=NEVER_MS,
        confirm_close=agree,
    )
    window = synced.window
    queries = demo_workspace.queries
    run = next(r for r in queries.runs(DEMO_PROJECT_ID) if not r.is_read_only)
    run_server_id = cached_run_server_id(demo_workspace, run.id)
    assert window.runs.select_run(run.id)
    server.stop()
    untested = [r for r in queries.results(run.id) if r.status is ResultStatus.NOT_TESTED]
    assert window.detail.select_result(untested[0].id)
    result_table(window).setFocus()
    recorded = [record_by_key(qtbot, window, key) for key in (Qt.Key.Key_P, Qt.Key.Key_B)]

    window.main_actions.close_run.trigger()

    assert queries.run(run.id).is_read_only, "closed here at once"
    new_server = restart_and_sync(qtbot, synced, make_sandbox, server)
    paths = [(record.method, record.path) for record in new_server.requests]
    close = ("POST", f"/v1/projects/{DEMO_PROJECT_ID}/runs/{run_server_id}/close")
    result_routes = f"/v1/runs/{run_server_id}/results"
    sent = [number for number, (_, path) in enumerate(paths) if path.startswith(result_routes)]
    assert close in paths
    assert sent, "the results were sent"
    assert max(sent) < paths.index(close), "the results go before the close"
    on_server = server_results(new_server, run_server_id)
    for result in recorded:
        assert result.server_id is not None
        assert on_server[result.server_id].status is result.status
    with server_client(new_server) as client:
        assert client.run(DEMO_PROJECT_ID, run_server_id).run.status == "closed"


def restart_and_sync(
    qtbot: QtBot, synced: Synced, make_sandbox: MakeSandbox, server: SandboxServer
) -> SandboxServer:
    """The server back on its port (same data); a Sync now; the server that answered."""
    again = make_sandbox(database=server.config.database, port=server.port, rate_limit_per_minute=0)
    with waiting_for_pass(qtbot, synced.sync, settled):
        trigger_sync_now(synced.window)
    return again
