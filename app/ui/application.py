"""The desktop application's life: the QApplication, its shell of windows, and quitting."""

from __future__ import annotations

import gc
import logging
import signal
import sys
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app import __version__
from app.store import load_models
from app.ui.background import BackgroundCall
from app.ui.shell import DesktopShell, Launcher

log = logging.getLogger(__name__)

BACKGROUND_WAIT_MS = 2000


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Testdeck's names, made once per process."""
    application = QApplication([sys.argv[0], *(argv or [])])
    application.setApplicationName("Testdeck")
    application.setApplicationDisplayName("Testdeck")
    application.setApplicationVersion(__version__)
    application.setDesktopFileName("testdeck")
    application.setOrganizationName("Testdeck")
    return application


def run_desktop(application: QApplication, launcher: Launcher) -> int:
    """Show the welcome view or the saved project until the user quits; the exit code.

    The shell swaps windows as the tester connects, tries the demo, switches project or
    signs out; sync runs in the background of each main window.
    """
    shell = DesktopShell(application, launcher)
    application.aboutToQuit.connect(shell.quit_now)
    shell.start()
    window = shell.window
    if window is not None and hasattr(window, "first_painted"):
        window.first_painted.connect(finish_starting)
    else:  # the welcome view: nothing heavy to wait for
        QTimer.singleShot(0, finish_starting)
    wake_timer = close_on_termination_signals(application, shell.quit_now)
    try:
        return application.exec()
    finally:
        wake_timer.stop()
        if not shell.shutdown():
            log.error("Sync was still busy when Testdeck quit; unsent changes stay saved locally.")
        if not BackgroundCall.wait_for_all(BACKGROUND_WAIT_MS):
            log.error("A background task was still running when Testdeck quit.")


def close_on_termination_signals(application: QApplication, close: Callable[[], None]) -> QTimer:
    """Call `close` (which closes the window, saving its state) on Ctrl+C or a SIGTERM.

    Python runs signal handlers only between bytecodes, never while Qt's event loop waits,
    so the returned timer wakes the interpreter a few times a second; stop it after exec().
    """

    def close_windows(signum: int, frame: FrameType | None) -> None:
        log.info("Received signal %d; closing Testdeck", signum)
        close()

    signal.signal(signal.SIGINT, close_windows)
    signal.signal(signal.SIGTERM, close_windows)
    timer = QTimer(application)
    timer.timeout.connect(_let_python_run)
    timer.start(250)
    return timer


def _let_python_run() -> None:
    """Nothing: returning to Python is the point (see close_on_termination_signals)."""


def show_fatal_error(title: str, text: str) -> int:
    """Tell the user why Testdeck cannot go on; returns the exit code 1."""
    QMessageBox.critical(None, title, text)
    return 1


def finish_starting() -> None:
    """What start-up leaves until the window has painted.

    First the store's table classes load (the start reads through Core tables), so that the
    tester's first edit does not wait for them. Then the garbage collector, off while
    Testdeck started (see `app.__main__`), collects once and comes back on, with everything
    alive by then moved out of its sight: a full collection scans every tracked object while
    holding the GIL, and with Qt, SQLAlchemy and a big cache loaded that took 70-110 ms and
    froze the GUI while sync pulled a 10,000-result run. Objects made at start-up live as
    long as the app (see tests/benchmarks/bench_gui_heartbeat.py).
    """
    load_models()
    gc.collect()
    gc.freeze()
    gc.enable()
