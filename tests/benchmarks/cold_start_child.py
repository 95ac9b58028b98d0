"""One cold start, measured from inside: run by bench_cold_start.py, never on its own.

    python cold_start_child.py floor   # PySide6.QtWidgets + sqlmodel + an empty QMainWindow
    python cold_start_child.py app     # `testdeck gui` (the real entry point) on TESTDECK_HOME

Prints the wall-clock time (time.time()) at which the window was first painted — for the
app, the run list with rows in it — then leaves at once with os._exit, so neither side pays
for shutdown. The parent takes the difference from the moment it spawned this process.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
import time
from importlib.machinery import ModuleSpec
from types import ModuleType

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MAIN_WINDOW_MODULE = "app.ui.main_window"


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
    # The real entry point, untouched: it imports the app's modules in its own order (and
    # with its own settings, such as the garbage collector off until the first paint). The
    # paint watch is added to the main window class the moment its module has loaded; Qt
    # is not imported here before the app imports it, because PySide6 hooks every import
    # made after it and that would slow down the app's own imports, which a start does not.
    sys.meta_path.insert(0, WatchMainWindow())
    from app.__main__ import main

    sys.exit(main(["gui"]))


class WatchMainWindow(importlib.abc.MetaPathFinder):
    """Finds `app.ui.main_window` like Python would, and watches its windows once loaded."""

    def find_spec(self, name: str, path: object, target: object = None) -> ModuleSpec | None:
        if name != MAIN_WINDOW_MODULE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)  # type: ignore[arg-type]
        if spec is None or spec.loader is None:
            return spec
        load = spec.loader.exec_module

        def load_and_watch(module: ModuleType) -> None:
            load(module)
            watch_run_list_of(module.MainWindow)

        spec.loader.exec_module = load_and_watch  # type: ignore[method-assign]
        return spec


def watch_run_list_of(window_class: type) -> None:
    """Report and exit when a new window's run list first paints with rows in it."""
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

    build_window = window_class.__init__
    watches = []

    def build_watched_window(self: QObject, *args: object, **kwargs: object) -> None:
        build_window(self, *args, **kwargs)
        run_list = self.findChild(QListView, "runList")
        watch = PaintWatch(run_list)
        run_list.viewport().installEventFilter(watch)
        watches.append(watch)

    window_class.__init__ = build_watched_window  # type: ignore[misc]


if __name__ == "__main__":
    {"floor": floor, "app": app}[sys.argv[1]]()
