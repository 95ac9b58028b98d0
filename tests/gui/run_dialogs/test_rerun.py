"""Re-run presets: the cases worth running again, and the New run dialog opened on them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, delete, update

from app.domain import MAX_RUN_NAME_LENGTH, ResultStatus
from app.store import Queries, write_session
from app.store.models import Run
from app.store.models import TestCase as CaseTable  # pytest would take `Test*` for a test
from app.ui.run_dialogs import RerunScope, RunPreset, rerun_preset
from app.ui.run_dialogs.rerun import rerun_name
from tests.builders import SeededProject, seed_server_run
from tests.gui.run_dialogs.catalogue import MILESTONES, PROJECT_ID
from tests.gui.run_dialogs.conftest import Folders, MakeNewRun, shown_ids

P, F, B, R, N = (
    ResultStatus.PASSED,
    ResultStatus.FAILED,
    ResultStatus.BLOCKED,
    ResultStatus.RETEST,
    ResultStatus.NOT_TESTED,
)
STATUSES = [F, P, B, R, N, F, P, P, B, P]


@pytest.fixture
def run_cases(folders: Folders) -> list[str]:
    """The source run's cases in the run's own order (not the picker's)."""
    return [folders["fld_search"][3], *folders["fld_login"][:5], *folders[None][:4]][::-1]


@pytest.fixture
def source_run(engine: Engine, run_cases: list[str]) -> int:
    """ "Checkout nightly" on milestone 2.4, results as in `STATUSES`."""
    project = SeededProject(PROJECT_ID, run_cases, list(MILESTONES))
    run_id = seed_server_run(engine, project, "Checkout nightly", STATUSES, server_id="run_9")
    with write_session(engine) as session:
        session.execute(update(Run).where(Run.id == run_id).values(milestone_id="ms_24"))  # type: ignore[arg-type]
    return run_id


def failed_and_blocked(run_cases: list[str]) -> tuple[str, ...]:
    return tuple(c for c, s in zip(run_cases, STATUSES, strict=True) if s in (F, B))


def test_a_rerun_of_failed_and_blocked_takes_those_cases_in_the_runs_order(
    queries: Queries, source_run: int, run_cases: list[str]
) -> None:
    preset = rerun_preset(queries, source_run, RerunScope.FAILED_AND_BLOCKED)

    assert preset == RunPreset(
        title="Re-run failed and blocked cases",
        name="Checkout nightly — re-run",
        case_ids=failed_and_blocked(run_cases),
        milestone_id="ms_24",
        missing=0,
    )
    assert len(preset.case_ids) == 4
    assert preset.missing_note() == ""


def test_a_rerun_of_all_takes_every_case(
    queries: Queries, source_run: int, run_cases: list[str]
) -> None:
    preset = rerun_preset(queries, source_run, RerunScope.ALL)

    assert preset.title == "Re-run all cases"
    assert preset.case_ids == tuple(run_cases)


def test_cases_gone_from_the_catalogue_are_left_out_and_counted(
    engine: Engine, queries: Queries, source_run: int, run_cases: list[str]
) -> None:
    gone = [failed_and_blocked(run_cases)[0], run_cases[1]]
    with write_session(engine) as session:
        session.execute(delete(CaseTable).where(CaseTable.id.in_(gone)))  # type: ignore[attr-defined]

    failed = rerun_preset(queries, source_run, RerunScope.FAILED_AND_BLOCKED)
    everything = rerun_preset(queries, source_run, RerunScope.ALL)

    assert failed.case_ids == failed_and_blocked(run_cases)[1:]
    assert failed.missing == 1
    assert failed.missing_note() == (
        "1 case of the original run is no longer in the project and was left out."
    )
    assert everything.case_ids == tuple(c for c in run_cases if c not in gone)
    assert everything.missing_note() == (
        "2 cases of the original run are no longer in the project and were left out."
    )


def test_a_run_with_nothing_failed_gives_an_empty_preset_that_says_so(
    engine: Engine, queries: Queries, folders: Folders
) -> None:
    project = SeededProject(PROJECT_ID, folders[None], [])
    run_id = seed_server_run(engine, project, "Green", [P, P, R, N, P])

    preset = rerun_preset(queries, run_id, RerunScope.FAILED_AND_BLOCKED)

    assert preset.case_ids == ()
    assert preset.empty_message == "Nothing failed or blocked in this run."
    assert rerun_preset(queries, run_id, RerunScope.ALL).empty_message == ""


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Checkout smoke", "Checkout smoke — re-run"),
        ("Checkout smoke — re-run", "Checkout smoke — re-run 2"),
        ("Checkout smoke — re-run 7", "Checkout smoke — re-run 8"),
        ("  — re-run", "— re-run — re-run"),
    ],
)
def test_a_rerun_is_named_after_its_source(source: str, expected: str) -> None:
    assert rerun_name(source) == expected


def test_a_rerun_name_stays_within_the_limit() -> None:
    name = rerun_name("x" * MAX_RUN_NAME_LENGTH)

    assert len(name) == MAX_RUN_NAME_LENGTH
    assert name.endswith("x… — re-run")


def test_the_dialog_opens_on_the_preset_cases_with_the_name_ready_to_overtype(
    qtbot: QtBot,
    make_new_run: MakeNewRun,
    engine: Engine,
    queries: Queries,
    source_run: int,
    run_cases: list[str],
    picker_order: list[str],
) -> None:
    with write_session(engine) as session:
        session.execute(delete(CaseTable).where(CaseTable.id == run_cases[2]))  # type: ignore[arg-type]
    preset = rerun_preset(queries, source_run, RerunScope.FAILED_AND_BLOCKED)
    dialog = make_new_run(preset)
    picker = dialog.picker

    assert dialog.windowTitle() == "Re-run failed and blocked cases"
    assert dialog.name_field.edit.selectedText() == "Checkout nightly — re-run"
    assert dialog.milestone_combo.milestone_id() == "ms_24"
    in_picker_order = [c for c in picker_order if c in preset.case_ids]
    assert picker.checked_case_ids() == in_picker_order
    assert picker.filter_bar.selected_only_check.isChecked()
    assert shown_ids(picker) == in_picker_order
    assert picker.count_text() == "3 of 64 cases selected"
    assert dialog.preset_note.text() == (
        "1 case of the original run is no longer in the project and was left out."
    )

    qtbot.keyClicks(dialog.name_field.edit, "Nightly fixes")
    with qtbot.waitSignal(dialog.run_created):
        qtbot.keyClick(dialog.name_field.edit, Qt.Key.Key_Return)
    run = dialog.created_run
    assert run is not None
    assert (run.name, run.milestone_id) == ("Nightly fixes", "ms_24")
    in_run_order = [c for c in preset.case_ids if c in in_picker_order]
    assert [r.test_case_id for r in queries.results(run.id)] == in_run_order, "as in the source"


def test_an_empty_preset_says_nothing_failed_and_shows_every_case(
    qtbot: QtBot, make_new_run: MakeNewRun, engine: Engine, queries: Queries, folders: Folders
) -> None:
    project = SeededProject(PROJECT_ID, folders[None], [])
    run_id = seed_server_run(engine, project, "Green", [P] * 5)
    dialog = make_new_run(rerun_preset(queries, run_id, RerunScope.FAILED_AND_BLOCKED))

    assert dialog.preset_note.text() == "Nothing failed or blocked in this run."
    assert not dialog.picker.filter_bar.selected_only_check.isChecked()
    assert dialog.picker.proxy.visible_count() == 65
    assert dialog.picker.count_text() == "0 of 65 cases selected"
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.case_error.text() == "Select at least one test case for the run."
