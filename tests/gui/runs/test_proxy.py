"""RunFilterProxy: search as you type, state and milestone filters, newest first."""

from __future__ import annotations

import pytest
from pytestqt.modeltest import ModelTester
from sqlalchemy import Engine

from app.store import Queries
from app.ui.runs import (
    CREATED_ROLE,
    MilestoneFilter,
    RunFilterProxy,
    RunListModel,
    StateFilter,
)
from tests.builders import SeededProject
from tests.gui.runs.helpers import add_run, set_run_fields, shown_names


@pytest.fixture
def model(database: Engine, project: SeededProject, queries: Queries) -> RunListModel:
    """Five runs: two milestones, one without, active, closed and completed ones."""
    first, second = project.milestone_ids
    add_run(database, project, "Smoke 2.1", days=1, milestone=first)
    add_run(database, project, "Regression 2.1", days=2, milestone=first, status="closed")
    add_run(database, project, "Nightly SMOKE", days=3, milestone=second)
    add_run(database, project, "Exploratory", days=4)
    add_run(database, project, "Smoke 2.2", days=5, milestone=second, status="completed")
    runs_model = RunListModel()
    runs_model.set_runs(queries.runs(project.project_id))
    return runs_model


@pytest.fixture
def proxy(model: RunListModel) -> RunFilterProxy:
    return RunFilterProxy(model)


def test_the_proxy_passes_the_model_tester_while_filters_change(
    qtmodeltester: ModelTester, proxy: RunFilterProxy, project: SeededProject
) -> None:
    qtmodeltester.check(proxy, force_py=True)  # type: ignore[no-untyped-call]

    proxy.set_search_text("smo")
    proxy.set_state_filter(StateFilter.ACTIVE)
    proxy.set_milestone_filter(project.milestone_ids[1])
    proxy.clear_filters()

    assert proxy.rowCount() == 5


def test_without_filters_every_run_shows_newest_first(proxy: RunFilterProxy) -> None:
    assert shown_names(proxy) == [
        "Smoke 2.2",
        "Exploratory",
        "Nightly SMOKE",
        "Regression 2.1",
        "Smoke 2.1",
    ]
    created = [proxy.index(row, 0).data(CREATED_ROLE) for row in range(proxy.rowCount())]
    assert created == sorted(created, reverse=True)
    assert not proxy.is_filtering()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("smoke", ["Smoke 2.2", "Nightly SMOKE", "Smoke 2.1"]),
        ("SMOKE 2", ["Smoke 2.2", "Smoke 2.1"]),
        ("  2.1 ", ["Regression 2.1", "Smoke 2.1"]),
        ("ress", ["Regression 2.1"]),
        ("xyz", []),
    ],
)
def test_the_search_is_a_case_insensitive_substring_of_the_name(
    proxy: RunFilterProxy, text: str, expected: list[str]
) -> None:
    proxy.set_search_text(text)

    assert shown_names(proxy) == expected
    assert proxy.search_text() == text
    assert proxy.is_filtering()


def test_a_blank_search_shows_everything(proxy: RunFilterProxy) -> None:
    proxy.set_search_text("   ")

    assert proxy.rowCount() == 5
    assert not proxy.is_filtering()


def test_widening_the_search_brings_runs_back_in_order(proxy: RunFilterProxy) -> None:
    for text in ("s", "sm", "smoke 2.1", "smoke", ""):
        proxy.set_search_text(text)

    assert shown_names(proxy)[0] == "Smoke 2.2"
    assert proxy.rowCount() == 5


def test_the_state_filter_treats_completed_runs_as_closed(proxy: RunFilterProxy) -> None:
    proxy.set_state_filter(StateFilter.CLOSED)
    assert shown_names(proxy) == ["Smoke 2.2", "Regression 2.1"]

    proxy.set_state_filter(StateFilter.ACTIVE)
    assert shown_names(proxy) == ["Exploratory", "Nightly SMOKE", "Smoke 2.1"]

    proxy.set_state_filter(StateFilter.ALL)
    assert proxy.rowCount() == 5


def test_the_milestone_filter_picks_one_milestone_or_runs_without_one(
    proxy: RunFilterProxy, project: SeededProject
) -> None:
    proxy.set_milestone_filter(project.milestone_ids[0])
    assert shown_names(proxy) == ["Regression 2.1", "Smoke 2.1"]

    proxy.set_milestone_filter(MilestoneFilter.NONE)
    assert shown_names(proxy) == ["Exploratory"]

    proxy.set_milestone_filter(MilestoneFilter.ANY)
    assert proxy.rowCount() == 5


def test_the_filters_combine(proxy: RunFilterProxy, project: SeededProject) -> None:
    proxy.set_search_text("smoke")
    proxy.set_state_filter(StateFilter.ACTIVE)
    assert shown_names(proxy) == ["Nightly SMOKE", "Smoke 2.1"]

    proxy.set_milestone_filter(project.milestone_ids[1])
    assert shown_names(proxy) == ["Nightly SMOKE"]

    proxy.clear_filters()
    assert proxy.rowCount() == 5
    assert proxy.search_text() == ""


def test_a_run_that_closes_leaves_the_active_filter(
    database: Engine, queries: Queries, model: RunListModel, proxy: RunFilterProxy
) -> None:
    proxy.set_state_filter(StateFilter.ACTIVE)
    exploratory = proxy.run_at(0)
    set_run_fields(database, exploratory.id, status="closed")

    model.upsert(queries.run(exploratory.id))

    assert "Exploratory" not in shown_names(proxy)
    assert not proxy.index_of(exploratory.id).isValid()


def test_rows_and_ids_map_both_ways(proxy: RunFilterProxy, model: RunListModel) -> None:
    proxy.set_search_text("smoke")
    nightly = proxy.run_at(1)

    assert nightly.name == "Nightly SMOKE"
    assert proxy.index_of(nightly.id).row() == 1
    assert not proxy.index_of(model.run_at(1).id).isValid()  # "Exploratory" is hidden
