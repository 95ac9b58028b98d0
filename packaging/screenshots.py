"""Render Testdeck's windows to PNG files, exactly as demo mode shows them.

    .venv/bin/python packaging/screenshots.py [--out resources/screenshots] [--theme light]

It starts the demo (a sandbox in this process with the `demo` seed, a throwaway data folder),
waits for the first sync to finish, picks a run with results in every state, and saves:
`main-window.png` (and `main-window-dark.png`), `shortcut-sheet.png`, `sync-issues.png`
(the window after a result was recorded in a run a colleague closed on the server), and each
dialog: `welcome.png`, `connect-dialog.png` (after a successful test against the demo
server), `new-run.png`, `re-run.png`, `edit-run.png`, `close-run.png`, `settings.png`,
`sign-out.png` and `quit-notice.png`. Offscreen Qt renders them, so this works on a machine
without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

from app.api import TestablyClient  # noqa: E402
from app.cli.desktop import ServerSessions, demo_workspace  # noqa: E402
from app.config import AppPaths  # noqa: E402
from app.domain import ApiToken  # noqa: E402
from app.sandbox import DEMO_TOKEN  # noqa: E402
from app.store import RunRow, TestCaseRow  # noqa: E402
from app.sync.connection import ConnectionCheck  # noqa: E402
from app.ui.application import create_application  # noqa: E402
from app.ui.close_run import close_run_box  # noqa: E402
from app.ui.connect import CacheOverview, ConnectDialog, WelcomeWindow  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.run_dialogs import NewRunDialog  # noqa: E402
from app.ui.settings import SettingsDialog, quit_box, sign_out_box  # noqa: E402
from app.ui.shortcut_sheet import ShortcutSheet  # noqa: E402
from app.ui.sync import SyncController  # noqa: E402
from app.ui.theme import apply_theme  # noqa: E402
from app.ui.workspace import Workspace  # noqa: E402

WINDOW_SIZE = (1440, 900)
SYNC_TIMEOUT_MS = 60_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    application = create_application()
    with (
        tempfile.TemporaryDirectory(prefix="testdeck-shots-") as home,
        demo_workspace(AppPaths.under(Path(home))) as workspace,
    ):
        assert workspace.session_factory is not None
        sync = SyncController(workspace.session_factory, interval_seconds=0)
        try:
            window = MainWindow(workspace, sync)
            window.resize(*WINDOW_SIZE)
            window.show()
            wait_for_first_pass(sync)
            choose_a_telling_place(window, workspace)
            shoot_main_window(application, window, args.out)
            shoot_run_dialogs(window, workspace, args.out)
            shoot_account_dialogs(window, workspace, args.out)
            make_a_conflict(sync, window, workspace)
            shoot_sync_issues(window, args.out)
            window.close()
        finally:
            sync.shutdown()
    return 0


def wait_for_first_pass(sync: SyncController) -> None:
    wait_for_pass(sync, sync.start)


def wait_for_pass(sync: SyncController, trigger: Callable[[], None]) -> None:
    loop = QEventLoop()
    sync.pass_finished.connect(loop.quit)
    sync.pass_failed.connect(loop.quit)
    QTimer.singleShot(SYNC_TIMEOUT_MS, loop.quit)
    trigger()
    loop.exec()


def make_a_conflict(sync: SyncController, window: MainWindow, workspace: Workspace) -> None:
    """A tester records a result while a colleague closes the run on the server."""
    run_id = window.runs.current_run_id()
    sessions = workspace.session_factory
    if run_id is None or not isinstance(sessions, ServerSessions):
        return
    run = workspace.queries.run(run_id)
    untested = [r for r in workspace.queries.results(run_id) if r.status.value == "not_tested"]
    if run.server_id is None or not untested:
        return
    workspace.commands.record_result(untested[0].id, "blocked", "Payment sandbox is down")
    with TestablyClient(sessions.server_url, ApiToken(DEMO_TOKEN)) as client:
        client.close_run(workspace.project_id, run.server_id, idempotency_key="shots-close")
    wait_for_pass(sync, sync.sync_now)


def choose_a_telling_place(window: MainWindow, workspace: Workspace) -> None:
    """The active run with the most variety, and a failed result in it with a note."""
    queries = workspace.queries
    runs = [run for run in queries.runs(workspace.project_id) if not run.is_read_only]
    if not runs:
        return
    run = max(runs, key=variety)
    window.runs.select_run(run.id)
    results = queries.results(run.id)
    failed = [r for r in results if r.status.value == "failed" and r.note]
    chosen = failed[0] if failed else results[0]
    window.detail.select_result(chosen.id)


def variety(run: RunRow) -> tuple[int, int]:
    counts = run.summary
    kinds = sum(1 for n in (counts.passed, counts.failed, counts.blocked, counts.retest) if n)
    return kinds, counts.total - counts.not_tested


def shoot_main_window(application: QApplication, window: MainWindow, out: Path) -> None:
    for theme, suffix in (("light", ""), ("dark", "-dark")):
        apply_theme(application, theme)
        settle()
        save(window, out / f"main-window{suffix}.png")
    apply_theme(application, "light")
    sections = [
        ("Recording results", window.entry.shortcut_descriptions()),
        ("Window", window.main_actions.shortcut_list()),
    ]
    shoot_dialog(ShortcutSheet(sections, window), out / "shortcut-sheet.png")


def shoot_run_dialogs(window: MainWindow, workspace: Workspace, out: Path) -> None:
    """New run with a folder and a search, a re-run of the chosen run, its edit, its close."""
    management = window.run_management
    management.new_run()
    dialog = management.open_dialog
    assert isinstance(dialog, NewRunDialog)
    dialog.name_field.edit.setText("Checkout smoke, 2.4 release candidate")
    picker = dialog.picker
    picker.check_cases(case.id for case in checkout_cases(workspace))
    picker.filter_bar.search_field.setText("card")
    shoot_open_dialog(dialog, out / "new-run.png")
    run_id = window.runs.current_run_id()
    if run_id is None:
        return
    management.rerun(run_id, failed_only=True)
    shoot_open_dialog(management.open_dialog, out / "re-run.png")
    management.edit_run(run_id)
    shoot_open_dialog(management.open_dialog, out / "edit-run.png")
    shoot_dialog(close_run_box(window, workspace.queries.run(run_id)), out / "close-run.png")


def checkout_cases(workspace: Workspace) -> list[TestCaseRow]:
    cases = workspace.queries.test_cases(workspace.project_id)
    return [case for case in cases if case.folder_id == "fld_checkout"]


def shoot_account_dialogs(window: MainWindow, workspace: Workspace, out: Path) -> None:
    """The welcome view, Connect after a successful test, Settings, Sign out and Quit."""
    welcome = WelcomeWindow(CacheOverview(workspace.paths.database_file, 0, 0, 0))
    welcome.resize(900, 600)
    shoot_dialog(welcome, out / "welcome.png")
    sessions = workspace.session_factory
    if isinstance(sessions, ServerSessions):
        shoot_dialog(tested_connect_dialog(window, sessions.server_url), out / "connect-dialog.png")
    settings = SettingsDialog(workspace.settings, secure_keyring=True, parent=window)
    shoot_dialog(settings, out / "settings.png")
    shoot_dialog(sign_out_box(window, 3), out / "sign-out.png")
    shoot_dialog(quit_box(window, 3), out / "quit-notice.png")


def tested_connect_dialog(window: MainWindow, server_url: str) -> ConnectDialog:
    dialog = ConnectDialog(
        ConnectionCheck, server_url=server_url, project_id=None, secure_keyring=True, parent=window
    )
    dialog.form.token.setText(DEMO_TOKEN)
    loop = QEventLoop()
    dialog.connection_verified.connect(loop.quit)
    dialog.connection_failed.connect(loop.quit)
    QTimer.singleShot(SYNC_TIMEOUT_MS, loop.quit)
    dialog.form.test.click()
    loop.exec()
    return dialog


def shoot_open_dialog(dialog: QDialog | None, path: Path) -> None:
    """A dialog the window opened (window-modal, with `open()`): shot, then closed."""
    if dialog is None:
        raise SystemExit(f"No dialog to render for {path.name}")
    settle()
    save(dialog, path)
    dialog.reject()


def shoot_sync_issues(window: MainWindow, out: Path) -> None:
    """The window with its sync-issues panel open on the change that became a conflict."""
    window.main_actions.show_sync_issues.setChecked(True)
    save(window, out / "sync-issues.png")


def shoot_dialog(dialog: QWidget, path: Path) -> None:
    dialog.show()
    settle()
    save(dialog, path)
    dialog.close()


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def save(widget: QWidget, path: Path) -> None:
    settle()
    if not widget.grab().save(str(path)):
        raise SystemExit(f"Could not write {path}")
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    sys.exit(main())
