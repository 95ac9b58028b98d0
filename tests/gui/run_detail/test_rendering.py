"""The pane paints in light and dark without Qt warnings; screenshots go to /tmp/shots/detail."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlmodel import col, select

from app.domain import ResultStatus
from app.store import EditCommands, OutboxState, write_session
from app.store.models import OutboxEntry, Result
from app.ui.run_detail import RunDetailPane
from app.ui.run_detail.formatting import muted_window_text
from app.ui.theme import apply_theme
from tests.builders import SeededProject, seed_server_run
from tests.gui.run_detail.conftest import VERDICTS, switch_theme

SHOTS = Path("/tmp/shots/detail")


def give_testers_and_notes(engine: Engine, result_ids: list[int]) -> None:
    notes = {1: "Total is off by one cent\nafter the coupon", 3: "Payment provider is down"}
    with write_session(engine) as session:
        for position, result_id in enumerate(result_ids):
            result = session.get(Result, result_id)
            assert result is not None
            if result.status != ResultStatus.NOT_TESTED.value:
                result.tested_by = ("ana.silva", "ben.okafor")[position % 2]
                result.elapsed = 45 + 97 * position
                result.note = notes.get(position)
                session.add(result)


def park_newest(engine: Engine) -> None:
    with write_session(engine) as session:
        query = select(OutboxEntry).order_by(col(OutboxEntry.seq).desc())
        entry = session.exec(query).first()
        assert entry is not None
        entry.state = OutboxState.REJECTED.value
        session.add(entry)


@pytest.fixture
def lively_run(
    engine: Engine,
    commands: EditCommands,
    project: SeededProject,
    run_id: int,
    result_ids: list[int],
) -> int:
    """The seeded run with testers, notes, a milestone, unsent and parked changes."""
    give_testers_and_notes(engine, result_ids)
    commands.update_run(run_id, milestone_id=project.milestone_ids[1])
    commands.record_result(result_ids[6], ResultStatus.PASSED, "Checked on a small screen", 3725)
    commands.record_result(result_ids[9], ResultStatus.FAILED, "Error 500 on submit", 300)
    park_newest(engine)
    return run_id


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_pane_paints_every_status_and_sync_state(
    qtbot: QtBot, qapp: QApplication, theme: str, pane: RunDetailPane, lively_run: int, name: str
) -> None:
    pane.show_run(lively_run)
    pane.select_result(pane.model.record(2).id)
    pane.show()
    qtbot.waitExposed(pane)
    switch_theme(qtbot, qapp, pane, name)

    image = pane.grab()

    assert not image.isNull()
    SHOTS.mkdir(parents=True, exist_ok=True)
    image.save(str(SHOTS / f"run-{name}.png"))
    assert pane.model.index(9, 5).data() == "Needs attention"
    assert pane.model.index(6, 5).data() == "Saved here"


@pytest.mark.parametrize("name", ["light", "dark"])
def test_a_closed_run_and_the_empty_state_paint(
    qtbot: QtBot,
    qapp: QApplication,
    theme: str,
    pane: RunDetailPane,
    engine: Engine,
    project: SeededProject,
    name: str,
) -> None:
    closed = seed_server_run(engine, project, "Release 2.3 sign-off", VERDICTS, status="closed")
    pane.show()
    qtbot.waitExposed(pane)
    switch_theme(qtbot, qapp, pane, name)

    pane.show_run(None)
    pane.grab().save(str(SHOTS / f"empty-{name}.png"))
    pane.show_run(closed)
    count = pane.filter_bar.count_label
    qtbot.waitUntil(lambda: count.width() >= count.sizeHint().width())
    pane.grab().save(str(SHOTS / f"closed-{name}.png"))

    assert not pane.header.closed_row.isHidden()


def test_secondary_text_follows_a_theme_switch(
    qtbot: QtBot, qapp: QApplication, theme: str, pane: RunDetailPane, run_id: int
) -> None:
    pane.show_run(run_id)
    pane.show()
    qtbot.waitExposed(pane)
    switch_theme(qtbot, qapp, pane, "light")

    apply_theme(qapp, "dark")

    def muted_for_dark() -> None:
        palette = pane.header.palette()
        assert palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5
        shown = pane.header.meta_label.palette().color(QPalette.ColorRole.WindowText)
        assert shown.name() == muted_window_text(palette).name()

    qtbot.waitUntil(muted_for_dark)
