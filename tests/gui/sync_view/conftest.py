"""A real local cache with sync issues in every state, made the way sync would make them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QStatusBar, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text

from app.domain import ResultStatus
from app.store import EditCommands, Queries
from app.store.reconcile import CLOSED_ON_SERVER
from tests.builders import EPOCH, SeededProject, seed_server_run

MADE_AT = EPOCH + timedelta(hours=2)
REJECTED_REASON = "The server rejected the request: note is longer than the server allows."
UNSUPPORTED_REASON = "The server does not offer this yet (POST /projects/{id}/runs answered 404)."
TIMEOUT_REASON = "The server did not answer in time."


@dataclass(frozen=True)
class Issues:
    """The seqs of the four issues `issues` makes, and the run they concern."""

    run_id: int
    rejected: int
    waiting: int
    conflict: int
    retrying: int


def set_entry(engine: Engine, seq: int, **values: object) -> None:
    """Move an outbox entry the way the sync engine would (park it, record a failure)."""
    assignments = ", ".join(f"{name} = :{name}" for name in values)
    with engine.begin() as connection:
        statement = text(f"UPDATE outbox SET {assignments} WHERE seq = :seq")
        connection.execute(statement, {**values, "seq": seq})


def last_seq(engine: Engine) -> int:
    return Queries(engine).outbox()[-1].seq


_Child = TypeVar("_Child", bound=QObject)


def child(parent: QObject, kind: type[_Child], name: str) -> _Child:
    """The descendant of `parent` of type `kind` named `name`; it must exist."""
    found = parent.findChild(kind, name)
    assert found is not None, f"there is no {kind.__name__} named {name}"
    return found


ShowInWindow = Callable[..., QMainWindow]


@pytest.fixture
def show_in_window(qtbot: QtBot) -> Iterator[ShowInWindow]:
    """Shows a widget in a main window (its centre, or its status bar), exposed.

    Each window's minimum size is set explicitly: offscreen Qt warns ("does not support
    propagateSizeHints") whenever a layout changes a shown window's minimum size. The
    windows are kept alive until the test ends.
    """
    windows: list[QMainWindow] = []

    def show(widget: QWidget, *, in_status_bar: bool = False) -> QMainWindow:
        window = QMainWindow()
        windows.append(window)
        qtbot.addWidget(window)
        window.setMinimumSize(980, 620)
        if in_status_bar:
            bar = QStatusBar()
            window.setStatusBar(bar)
            bar.addPermanentWidget(widget)
        else:
            window.setCentralWidget(widget)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield show
    windows.clear()


@pytest.fixture(autouse=True)
def _application(qapp: QApplication) -> QApplication:
    """Icons and pixmaps need the application object, even in tests without a widget."""
    return qapp


@pytest.fixture
def commands(engine: Engine) -> EditCommands:
    return EditCommands(engine, clock=lambda: MADE_AT)


@pytest.fixture
def run_id(engine: Engine, project: SeededProject) -> int:
    return seed_server_run(engine, project, "Sprint 42", server_id="run_1")


@pytest.fixture
def issues(engine: Engine, commands: EditCommands, project: SeededProject, run_id: int) -> Issues:
    """Rejected result, create waiting for support, result in a closed run, failing rename."""
    first, second = Queries(engine).results(run_id)[:2]
    commands.record_result(first.id, ResultStatus.FAILED, "SSO button does nothing", 185)
    rejected = last_seq(engine)
    set_entry(engine, rejected, state="rejected", attempts=1, last_error=REJECTED_REASON)
    commands.create_run(project.project_id, "Smoke", project.case_ids[:4])
    waiting = last_seq(engine)
    set_entry(engine, waiting, state="waiting_support", attempts=1, last_error=UNSUPPORTED_REASON)
    commands.record_result(second.id, ResultStatus.PASSED, None, 42)
    conflict = last_seq(engine)
    set_entry(engine, conflict, state="conflict", attempts=1, last_error=CLOSED_ON_SERVER)
    commands.update_run(run_id, name="Sprint 42 hotfix")
    retrying = last_seq(engine)
    set_entry(engine, retrying, attempts=3, last_error=TIMEOUT_REASON)
    return Issues(run_id, rejected, waiting, conflict, retrying)
