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
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    import app.cli.desktop as desktop
    from app.cli.main import main

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if (
                event.type() == QEvent.Type.Paint
                and watched.objectName() == "qt_scrollarea_viewport"
            ):
                view = watched.parent()
                if isinstance(view, QAbstractItemView) and view.objectName() == "runList":
                    model = view.model()
                    if model is not None and model.rowCount() > 0:
                        report_and_exit()
            return False

    make_application = desktop.create_application
    watch = PaintWatch()

    def create_watched_application() -> QApplication:
        application = make_application()
        application.installEventFilter(watch)
        return application

    desktop.create_application = create_watched_application
    sys.exit(main(["gui"]))


if __name__ == "__main__":
    {"floor": floor, "app": app}[sys.argv[1]]()
