"""Small helpers for the runs pane tests: shaping cached runs, reading what a view shows."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QAbstractItemModel, QPoint, Qt
from PySide6.QtTest import QTest
from sqlalchemy import Engine, delete, update

from app.domain import ResultStatus
from app.store.models import metadata
from app.ui.runs.widgets import RunListView
from tests.builders import SeededProject, seed_server_run

RUN = metadata.tables["run"]
OUTBOX = metadata.tables["outbox"]
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def add_run(
    engine: Engine,
    project: SeededProject,
    name: str,
    *,
    days: int = 0,
    passed: int = 0,
    failed: int = 0,
    status: str = "active",
    milestone: str | None = None,
) -> int:
    """A server run created `days` after the builders' epoch, with some verdicts."""
    verdicts = [ResultStatus.PASSED] * passed + [ResultStatus.FAILED] * failed
    verdicts += [ResultStatus.NOT_TESTED] * (len(project.case_ids) - len(verdicts))
    run_id = seed_server_run(
        engine,
        project,
        name,
        verdicts,
        status=status,
        server_id=f"srv_{project.project_id}_{name}",
        age=timedelta(days=days),
    )
    if milestone is not None:
        set_run_fields(engine, run_id, milestone_id=milestone)
    return run_id


def set_run_fields(engine: Engine, run_id: int, **values: object) -> None:
    """Change cached run fields as a pull from the server would."""
    with engine.begin() as connection:
        connection.execute(update(RUN).where(RUN.c.id == run_id).values(**values))


def park_changes(engine: Engine, run_id: int, state: str = "rejected") -> None:
    """Set the run's undelivered changes aside, as a rejection by the server would."""
    with engine.begin() as connection:
        connection.execute(update(OUTBOX).where(OUTBOX.c.run_id == run_id).values(state=state))


def forget_run(engine: Engine, run_id: int) -> None:
    """Drop a run from the cache, as a pull does when the server deleted it."""
    with engine.begin() as connection:
        connection.execute(delete(RUN).where(RUN.c.id == run_id))


def shown_names(model: QAbstractItemModel) -> list[str]:
    rows = range(model.rowCount())
    return [model.index(row, 0).data(Qt.ItemDataRole.DisplayRole) for row in rows]


def row_centre(view: RunListView, row: int) -> QPoint:
    return view.visualRect(view.model().index(row, 0)).center()


def click_row(view: RunListView, row: int) -> None:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, NO_MODIFIER, row_centre(view, row))
