"""One cold start, measured from inside: run by bench_cold_start.py, never on its own.

    python cold_start_child.py floor   # PySide6.QtWidgets + sqlmodel + an empty QMainWindow
    python cold_start_child.py app     # `testdeck` (the real entry point) on TESTDECK_HOME

Prints the wall-clock time (time.time()) at which the window was first painted — for the
app, the run list with rows in it — then leaves at once with os._exit, so neither side pays
for shutdown. The parent takes the difference from the moment it spawned this process.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def report_and_exit() -> None:
    sys.stdout.write(f"{time.time():.6f}\n")
    sys.stdout.flush()
    os._exit(0)


def floor() -> None:
    import sqlmodel  # noqa: F401 - the floor includes loading it
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and watched is window:
                report_and_exit()
            return False

    application = QApplication(sys.argv[:1])
    window = QMainWindow()
    watch = PaintWatch()
    window.installEventFilter(watch)
    window.resize(1360, 860)
    window.show()
    application.exec()


def app() -> None:
    sys.path.insert(0, os.environ["TESTDECK_SOURCE"])
    # Testdeck's modules load in the order `testdeck` loads them (the command line, then the
    # desktop start, which brings in the main window), and only then Qt for the watch below:
    # PySide6 hooks every import made after it, so importing it first here would slow down
    # the app's own imports, which a real start does not.
    import app.cli.desktop  # noqa: F401 - what `testdeck gui` imports
    import app.ui.main_window as main_window
    from app.cli.main import main

    # isort: split
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QListView

    class PaintWatch(QObject):
        """Watches the run list's viewport alone: a filter on the whole application would
        run Python for every event of start-up and slow the app side down unfairly."""

        def __init__(self, run_list: QListView) -> None:
            super().__init__()
            self.run_list = run_list

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            model = self.run_list.model()
            if event.type() == QEvent.Type.Paint and model is not None and model.rowCount():
                report_and_exit()
            return False

    build_window = main_window.MainWindow.__init__
    watches = []

    def build_watched_window(self: main_window.MainWindow, *args: object, **kwargs: object) -> None:
        build_window(self, *args, **kwargs)  # type: ignore[arg-type]
        run_list = self.findChild(QListView, "runList")
        watch = PaintWatch(run_list)
        run_list.viewport().installEventFilter(watch)
        watches.append(watch)

    main_window.MainWindow.__init__ = build_watched_window  # type: ignore[method-assign]
    sys.exit(main(["gui"]))


if __name__ == "__main__":
    {"floor": floor, "app": app}[sys.argv[1]]()
