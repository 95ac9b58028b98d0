"""CaseTreeModel and CaseFilterProxy: structure, tri-state folders, narrow check updates."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from app.store import Queries
from app.store import TestCaseRow as CaseRow  # pytest would take `Test*` for a test class
from app.ui.run_dialogs import CASE_ID_ROLE, CaseFilter, CaseFilterProxy, CaseTreeModel
from tests.gui.run_dialogs.catalogue import PROJECT_ID
from tests.gui.run_dialogs.conftest import Folders

CHECK = Qt.ItemDataRole.CheckStateRole


def loaded(queries: Queries) -> CaseTreeModel:
    model = CaseTreeModel()
    model.set_cases(queries.test_cases(PROJECT_ID))
    return model


def folder_titles(model: CaseTreeModel | CaseFilterProxy) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def case_ids_under(model: CaseTreeModel | CaseFilterProxy, folder_row: int) -> list[str]:
    parent = model.index(folder_row, 0)
    return [model.index(row, 0, parent).data(CASE_ID_ROLE) for row in range(model.rowCount(parent))]


def test_the_tree_model_passes_the_model_tester_while_it_changes(
    qtmodeltester: ModelTester, queries: Queries, folders: Folders
) -> None:
    model = loaded(queries)
    qtmodeltester.check(model, force_py=True)  # type: ignore[no-untyped-call]

    model.set_ids_checked(folders["fld_login"][:3])
    model.setData(model.index(0, 0), Qt.CheckState.Checked, CHECK)
    model.set_folder_matches([1, 2, 3, 4])
    model.set_cases(queries.test_cases(PROJECT_ID)[:7])
    model.set_cases([])

    assert model.rowCount() == 0


def test_the_filter_proxy_passes_the_model_tester_while_it_filters(
    qtmodeltester: ModelTester, queries: Queries, folders: Folders
) -> None:
    model = loaded(queries)
    proxy = CaseFilterProxy(model)
    qtmodeltester.check(proxy, force_py=True)  # type: ignore[no-untyped-call]

    proxy.set_search("PASSWORD")
    model.set_ids_checked(folders["fld_login"][:2])
    proxy.set_priority("high")
    proxy.set_filter(CaseFilter(case_type="smoke", selected_only=True))
    model.set_cases(queries.test_cases(PROJECT_ID)[:30])
    proxy.set_filter(CaseFilter())

    # The store lists cases without a folder first: 5 of them, checkout's 20, 5 of login's.
    assert proxy.rowCount() == 3


def test_folders_come_in_id_order_with_no_folder_last_and_say_their_size(
    queries: Queries, folders: Folders
) -> None:
    model = loaded(queries)

    assert folder_titles(model) == [
        "fld_checkout  ·  20 cases",
        "fld_login  ·  20 cases",
        "fld_search  ·  20 cases",
        "No folder  ·  5 cases",
    ]
    assert case_ids_under(model, 1) == folders["fld_login"]
    assert case_ids_under(model, 3) == folders[None]
    assert model.index(0, 0).data(CASE_ID_ROLE) is None


def test_a_folder_id_is_shown_as_it_is(queries: Queries) -> None:
    model = CaseTreeModel()
    model.set_cases([CaseRow("tc_1", "Pays", "fld_9/x:Smoke", "high", "smoke")])

    assert folder_titles(model) == ["fld_9/x:Smoke  ·  1 case"]


def test_a_folder_is_checked_partly_checked_or_unchecked_from_its_cases(
    queries: Queries, folders: Folders
) -> None:
    model = loaded(queries)
    login = model.index(1, 0)
    assert login.data(CHECK) == Qt.CheckState.Unchecked

    model.set_ids_checked(folders["fld_login"][:1])
    assert login.data(CHECK) == Qt.CheckState.PartiallyChecked
    model.set_ids_checked(folders["fld_login"])
    assert login.data(CHECK) == Qt.CheckState.Checked
    model.setData(model.index(0, 0, login), Qt.CheckState.Unchecked, CHECK)
    assert login.data(CHECK) == Qt.CheckState.PartiallyChecked


def test_checking_a_folder_checks_all_its_cases_and_unchecking_clears_them(
    queries: Queries, folders: Folders
) -> None:
    model = loaded(queries)
    search = model.index(2, 0)

    assert model.setData(search, Qt.CheckState.Checked.value, CHECK)
    assert model.checks.checked_ids() == folders["fld_search"]
    states = {model.index(row, 0, search).data(CHECK) for row in range(20)}
    assert states == {Qt.CheckState.Checked}

    model.set_ids_checked(folders["fld_search"][:5], False)
    assert model.setData(search, Qt.CheckState.Checked, CHECK), "a partly checked folder fills up"
    assert model.checks.total == 20
    assert model.setData(search, Qt.CheckState.Unchecked, CHECK)
    assert model.checks.total == 0


def test_check_changes_send_narrow_data_changes_and_never_reset(
    queries: Queries, folders: Folders
) -> None:
    model = loaded(queries)
    changes: list[tuple[int, int, int]] = []
    resets: list[bool] = []

    def record(first: QModelIndex, last: QModelIndex, roles: list[int]) -> None:
        assert CHECK in roles
        changes.append((first.parent().row(), first.row(), last.row()))

    model.dataChanged.connect(record)
    model.modelReset.connect(lambda: resets.append(True))
    model.layoutChanged.connect(lambda: resets.append(True))
    counts: list[int] = []
    model.checks_changed.connect(counts.append)

    model.set_ids_checked([folders["fld_login"][3], folders["fld_login"][7]])

    assert changes == [(1, 3, 7), (-1, 1, 1)], "the cases' range in their folder, then the folder"
    assert counts == [2]
    assert resets == []
    changes.clear()
    model.set_ids_checked([folders["fld_login"][3]])
    assert changes == [], "checking a checked case changes nothing"
