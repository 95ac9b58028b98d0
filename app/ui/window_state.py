"""The main window's layout and place, kept between starts in an INI file of our own.

Qt's default QSettings location disagrees with platformdirs on Linux, so the file sits in
Testdeck's config folder (see PITFALLS.md). Unreadable values are ignored: a damaged file
costs the user their layout, never a start.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

if TYPE_CHECKING:
    from app.ui.run_detail import RunDetailPane
    from app.ui.runs import RunsPane

log = logging.getLogger(__name__)

_LAYOUT_KEYS = {
    "geometry": "window/geometry",
    "state": "window/state",
    "splitter": "window/splitter",
    "result_columns": "window/result_columns",
}
_HAND_SIZED_COLUMNS = "window/result_columns_sized_by_hand"
_RUN = "place/run"
_RESULT = "place/result"


class WindowState:
    """Reads and writes the window's geometry, pane sizes, columns and current place."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    def layout(self) -> dict[str, QByteArray]:
        """Saved geometry, dock/toolbar state, splitter sizes and result columns, if any."""
        found = {name: self._settings.value(key) for name, key in _LAYOUT_KEYS.items()}
        return {name: value for name, value in found.items() if isinstance(value, QByteArray)}

    def save_layout(self, **parts: QByteArray) -> None:
        for name, value in parts.items():
            self._settings.setValue(_LAYOUT_KEYS[name], value)

    def hand_sized_columns(self) -> list[int]:
        """The result columns the tester sized by hand (they are not fitted to the pane)."""
        value = self._settings.value(_HAND_SIZED_COLUMNS)
        text = value if isinstance(value, str) else ""
        return [int(part) for part in text.split(",") if part.strip().isdigit()]

    def save_hand_sized_columns(self, columns: list[int]) -> None:
        self._settings.setValue(_HAND_SIZED_COLUMNS, ",".join(str(column) for column in columns))

    def place(self) -> tuple[int | None, int | None]:
        """The run and the result that were current when the window closed."""
        return _as_id(self._settings.value(_RUN)), _as_id(self._settings.value(_RESULT))

    def save_place(self, run_id: int | None, result_id: int | None) -> None:
        self._settings.setValue(_RUN, run_id if run_id is not None else "")
        self._settings.setValue(_RESULT, result_id if result_id is not None else "")

    def flush(self) -> bool:
        """Write to disk now; False when the file could not be written."""
        self._settings.sync()
        return self._settings.status() == QSettings.Status.NoError

    @property
    def file(self) -> Path:
        return Path(self._settings.fileName())


def _as_id(value: object) -> int | None:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


DEFAULT_SIZE = (1360, 860)
DEFAULT_PANE_SIZES = [300, 680, 380]  # the results table gets the room


class WindowPlace:
    """Restores and saves a main window's layout and its current run and result.

    Args:
        path: the INI file.
        window: the main window whose geometry and dock state are kept.
    """

    def __init__(self, path: Path, window: QMainWindow) -> None:
        self._state = WindowState(path)
        self._window = window

    def restore(self, splitter: QSplitter, detail: RunDetailPane, runs: RunsPane) -> None:
        layout = self._state.layout()
        window = self._window
        if "geometry" not in layout or not window.restoreGeometry(layout["geometry"]):
            window.resize(*DEFAULT_SIZE)
        if "state" in layout:
            window.restoreState(layout["state"])
        if "splitter" not in layout or not splitter.restoreState(layout["splitter"]):
            splitter.setSizes(DEFAULT_PANE_SIZES)
        if "result_columns" in layout:
            detail.restore_column_layout(layout["result_columns"], self._state.hand_sized_columns())
        run_id, result_id = self._state.place()
        if run_id is not None and runs.select_run(run_id) and result_id is not None:
            detail.select_result(result_id)

    def save(self, splitter: QSplitter, detail: RunDetailPane, runs: RunsPane) -> None:
        window = self._window
        columns, hand_sized = detail.column_layout()
        self._state.save_layout(
            geometry=window.saveGeometry(),
            state=window.saveState(),
            splitter=splitter.saveState(),
            result_columns=columns,
        )
        self._state.save_hand_sized_columns(hand_sized)
        self._state.save_place(runs.current_run_id(), detail.current_result_id())
        if not self._state.flush():
            log.warning("The window layout could not be saved to %s", self._state.file)
