"""Run dialogs on a real local cache: the seeded project of tests/gui/conftest.py, and a
web-shop catalogue with folders, cases without a folder, priorities, types and milestones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.store import EditCommands, Queries
from app.ui.run_dialogs import CASE_ID_ROLE, CasePicker, EditRunDialog, NewRunDialog, RunPreset
from app.ui.theme import apply_theme
from tests.gui.run_dialogs.catalogue import PROJECT_ID, seed_catalogue

MakeNewRun = Callable[..., NewRunDialog]
MakeEditRun = Callable[[int], EditRunDialog]
Folders = dict[str | None, list[str]]


@pytest.fixture
def folders(engine: Engine) -> Folders:
    """The web-shop catalogue: each folder's case ids in picker order."""
    return seed_catalogue(engine)


@pytest.fixture
def picker_order(folders: Folders) -> list[str]:
    """Every case id of the web shop in the order the picker shows them."""
    return [case_id for ids in folders.values() for case_id in ids]


def shown_ids(picker: CasePicker) -> list[str]:
    """The ids of the cases the picker shows, top to bottom."""
    proxy = picker.proxy
    ids: list[str] = []
    for folder_row in range(proxy.rowCount()):
        folder = proxy.index(folder_row, 0)
        rows = range(proxy.rowCount(folder))
        ids.extend(proxy.index(row, 0, folder).data(CASE_ID_ROLE) for row in rows)
    return ids


def show(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()


@pytest.fixture
def make_new_run(
    qtbot: QtBot, queries: Queries, commands: EditCommands, folders: Folders
) -> MakeNewRun:
    """Opens a New run dialog on the web shop (or `project_id`), shown and active."""
    kept: list[QDialog] = []  # qtbot keeps only weak references

    def make(preset: RunPreset | None = None, project_id: str = PROJECT_ID) -> NewRunDialog:
        dialog = NewRunDialog(queries, commands, project_id, preset=preset)
        kept.append(dialog)
        show(qtbot, dialog)
        return dialog

    return make


@pytest.fixture
def make_edit_run(qtbot: QtBot, queries: Queries, commands: EditCommands) -> MakeEditRun:
    """Opens an Edit run dialog on a run, shown and active."""
    kept: list[QDialog] = []

    def make(run_id: int) -> EditRunDialog:
        dialog = EditRunDialog(queries, commands, run_id)
        kept.append(dialog)
        show(qtbot, dialog)
        return dialog

    return make


@pytest.fixture(params=["light", "dark"])
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """Runs the test in the light and in the dark theme, then restores the application."""
    style_name = qapp.style().name()
    palette = QPalette(qapp.palette())
    apply_theme(qapp, request.param)
    yield request.param
    qapp.setStyle(style_name)
    qapp.setPalette(palette)
