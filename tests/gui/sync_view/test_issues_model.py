from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QIcon
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.store import OutboxState
from app.store.sync_issues import SyncIssue, fetch_sync_issues
from app.ui.sync_view.issues_model import SyncIssuesModel
from app.ui.theme import dark_palette
from tests.gui.sync_view.conftest import REJECTED_REASON, TIMEOUT_REASON, Issues

M = SyncIssuesModel


def loaded_model(engine: Engine) -> SyncIssuesModel:
    model = SyncIssuesModel()
    model.set_issues(fetch_sync_issues(engine))
    return model


def texts(model: SyncIssuesModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_model_passes_the_model_tester(
    qtmodeltester: ModelTester, engine: Engine, issues: Issues
) -> None:
    qtmodeltester.check(loaded_model(engine))


def test_an_empty_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = SyncIssuesModel()
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_columns_say_what_where_why_and_when(engine: Engine, issues: Issues) -> None:
    model = loaded_model(engine)

    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Change",
        "State",
        "Reason",
        "Made",
    ]
    assert texts(model, M.WHAT) == [
        "Result of “Case tc_proj_1_0001” in run “Sprint 42 hotfix”",
        "Create run “Smoke”",
        "Result of “Case tc_proj_1_0002” in run “Sprint 42 hotfix”",
        "Rename run to “Sprint 42 hotfix”",
    ]
    assert texts(model, M.STATE) == [
        "Rejected by the server",
        "Waiting for the server to support this",
        "Run was closed on the server",
        "Retrying",
    ]
    assert texts(model, M.REASON)[0] == REJECTED_REASON
    assert texts(model, M.REASON)[3] == TIMEOUT_REASON
    assert len(set(texts(model, M.SINCE))) == 1
    assert texts(model, M.SINCE)[0].endswith("2026, " + texts(model, M.SINCE)[0][-5:])


def test_roles_give_the_record_a_sort_value_an_icon_and_a_tooltip(
    engine: Engine, issues: Issues
) -> None:
    model = loaded_model(engine)
    index = model.index(0, M.STATE)

    record = index.data(M.ISSUE_ROLE)
    assert isinstance(record, SyncIssue)
    assert record.seq == issues.rejected
    assert isinstance(index.data(Qt.ItemDataRole.DecorationRole), QIcon)
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert model.index(0, M.WHAT).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.index(0, M.REASON).data(Qt.ItemDataRole.ToolTipRole) == REJECTED_REASON
    assert model.index(0, M.SINCE).data(M.SORT_ROLE) == issues.rejected
    assert model.row_of(issues.conflict) == 2
    assert model.row_of(999) is None


def test_sorting_by_state_puts_what_needs_the_tester_most_first(
    engine: Engine, issues: Issues
) -> None:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(loaded_model(engine))
    proxy.setSortRole(M.SORT_ROLE)

    proxy.sort(M.STATE, Qt.SortOrder.AscendingOrder)

    states = [proxy.index(row, 0).data(M.ISSUE_ROLE).state for row in range(4)]
    assert states == [
        OutboxState.CONFLICT,
        OutboxState.REJECTED,
        OutboxState.WAITING_SUPPORT,
        OutboxState.PENDING,
    ]


def test_a_new_palette_refreshes_only_the_state_icons(
    qtbot: QtBot, engine: Engine, issues: Issues
) -> None:
    model = loaded_model(engine)

    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_palette(dark_palette())

    first, last, roles = blocker.args
    assert (first.row(), first.column()) == (0, M.STATE)
    assert (last.row(), last.column()) == (3, M.STATE)
    assert roles == [Qt.ItemDataRole.DecorationRole]


def test_a_reload_resets_the_model(qtbot: QtBot, engine: Engine, issues: Issues) -> None:
    model = loaded_model(engine)

    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_issues(model.issues()[:1])

    assert model.rowCount() == 1
