"""CasePicker: search, filters, select all/none within the filters, the live count, keys."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.store import Queries
from app.store import TestCaseRow as CaseRow  # pytest would take `Test*` for a test class
from app.ui.run_dialogs import CasePicker
from app.ui.run_dialogs.case_view import NO_CASES, NO_MATCH
from tests.gui.run_dialogs.catalogue import PROJECT_ID
from tests.gui.run_dialogs.conftest import Folders, shown_ids

MakePicker = Callable[..., CasePicker]
CHECK = Qt.ItemDataRole.CheckStateRole


@pytest.fixture
def make_picker(qtbot: QtBot, queries: Queries, folders: Folders) -> MakePicker:
    """A picker on the web shop (or on `cases`), shown in a host window."""
    hosts: list[QWidget] = []  # qtbot keeps only weak references

    def make(cases: list[CaseRow] | None = None) -> CasePicker:
        host = QWidget()
        hosts.append(host)
        host.setMinimumSize(400, 300)  # the picker's layout must not size a shown window
        qtbot.addWidget(host)
        picker = CasePicker(host)
        QVBoxLayout(host).addWidget(picker)
        picker.set_cases(queries.test_cases(PROJECT_ID) if cases is None else cases)
        host.resize(760, 600)
        with qtbot.waitActive(host):
            host.show()
            host.activateWindow()
        return picker

    return make


def shown_folders(picker: CasePicker) -> list[str]:
    return [picker.proxy.index(row, 0).data() for row in range(picker.proxy.rowCount())]


def test_the_search_filters_titles_as_you_type_ignoring_case(
    qtbot: QtBot, make_picker: MakePicker, folders: Folders
) -> None:
    picker = make_picker()
    qtbot.keyClicks(picker.filter_bar.search_field, "PassWord")

    assert shown_ids(picker) == folders["fld_login"][1::2]
    assert shown_folders(picker) == ["fld_login  ·  10 of 20 cases"]
    qtbot.keyClick(picker.filter_bar.search_field, Qt.Key.Key_Escape)
    assert len(shown_ids(picker)) == 65
    assert shown_folders(picker)[0] == "fld_checkout  ·  20 cases"


def test_the_priority_filter_shows_one_priority_and_hides_empty_folders(
    make_picker: MakePicker, queries: Queries
) -> None:
    picker = make_picker()
    combo = picker.filter_bar.priority_combo
    assert [combo.itemText(row) for row in range(combo.count())] == [
        "All priorities",
        "Critical",
        "High",
        "Medium",
        "Low",
    ]
    combo.setCurrentIndex(1)

    critical = [c.id for c in queries.test_cases(PROJECT_ID) if c.priority == "critical"]
    assert sorted(shown_ids(picker)) == sorted(critical)
    assert len(critical) < 65


def test_the_type_filter_offers_the_types_in_the_cache(
    make_picker: MakePicker, queries: Queries
) -> None:
    picker = make_picker()
    combo = picker.filter_bar.type_combo
    labels = [combo.itemText(row) for row in range(combo.count())]
    assert labels == ["All types", "Functional", "Regression", "Smoke"]

    combo.setCurrentIndex(labels.index("Smoke"))
    smoke = [c.id for c in queries.test_cases(PROJECT_ID) if c.type == "smoke"]
    assert sorted(shown_ids(picker)) == sorted(smoke)


def test_folders_without_a_matching_case_are_hidden(
    qtbot: QtBot, make_picker: MakePicker, folders: Folders
) -> None:
    picker = make_picker()
    qtbot.keyClicks(picker.filter_bar.search_field, "onboarding")

    assert shown_folders(picker) == ["No folder  ·  5 of 5 cases"]
    assert shown_ids(picker) == folders[None]
    qtbot.keyClicks(picker.filter_bar.search_field, " nothing like this")
    assert picker.proxy.rowCount() == 0
    assert picker.tree.empty_text() == NO_MATCH


def test_select_all_checks_only_the_cases_the_filters_show(
    qtbot: QtBot, make_picker: MakePicker, folders: Folders
) -> None:
    picker = make_picker()
    qtbot.keyClicks(picker.filter_bar.search_field, "password")
    qtbot.mouseClick(picker.select_all_button, Qt.MouseButton.LeftButton)

    assert picker.checked_case_ids() == folders["fld_login"][1::2]
    assert picker.count_text() == "10 of 65 cases selected"
    picker.filter_bar.search_field.clear()
    assert picker.count_text() == "10 of 65 cases selected"
    qtbot.keyClicks(picker.filter_bar.search_field, "checkout")
    assert picker.count_text() == "10 of 65 cases selected (10 not shown)"


def test_select_none_unchecks_only_the_cases_the_filters_show(
    qtbot: QtBot, make_picker: MakePicker, picker_order: list[str], folders: Folders
) -> None:
    picker = make_picker()
    qtbot.mouseClick(picker.select_all_button, Qt.MouseButton.LeftButton)
    assert picker.count_text() == "65 of 65 cases selected"
    qtbot.keyClicks(picker.filter_bar.search_field, "password")
    qtbot.mouseClick(picker.select_none_button, Qt.MouseButton.LeftButton)

    unchecked = set(folders["fld_login"][1::2])
    assert picker.checked_case_ids() == [c for c in picker_order if c not in unchecked]
    assert picker.count_text() == "55 of 65 cases selected (55 not shown)"


def test_selected_only_shows_the_checked_cases(make_picker: MakePicker, folders: Folders) -> None:
    picker = make_picker()
    wanted = [folders["fld_search"][4], folders["fld_checkout"][0], folders[None][2]]
    assert picker.check_cases([*wanted, "tc_not_cached"]) == 3
    picker.filter_bar.selected_only_check.setChecked(True)

    in_picker_order = [folders["fld_checkout"][0], folders["fld_search"][4], folders[None][2]]
    assert shown_ids(picker) == in_picker_order
    assert picker.count_text() == "3 of 65 cases selected"


def test_space_checks_the_current_folder_or_case(
    qtbot: QtBot, make_picker: MakePicker, folders: Folders
) -> None:
    picker = make_picker()
    tree = picker.tree
    picker.focus_cases()
    qtbot.waitUntil(tree.hasFocus)
    assert tree.currentIndex().data() == "fld_checkout  ·  20 cases", "focus lands on a row"

    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert picker.checked_case_ids() == folders["fld_checkout"]
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Right)  # a case column: Space still checks the row
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert picker.checked_case_ids() == folders["fld_checkout"][1:]
    assert tree.currentIndex().parent().data(CHECK) == Qt.CheckState.PartiallyChecked
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert picker.count_text() == "20 of 65 cases selected"


def test_clicking_a_check_box_checks_its_case_where_it_is(
    qtbot: QtBot, make_picker: MakePicker, folders: Folders
) -> None:
    picker = make_picker()
    tree = picker.tree
    index = picker.proxy.index(2, 0, picker.proxy.index(1, 0))
    tree.scrollTo(index)
    option = QStyleOptionViewItem()
    tree.initViewItemOption(option)
    option.rect = tree.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, tree)

    scrolled = tree.verticalScrollBar().value()
    assert scrolled > 0, "the case is below the first screenful"

    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=box.center())
    assert picker.checked_case_ids() == [folders["fld_login"][2]]
    assert tree.verticalScrollBar().value() == scrolled, "a click never scrolls the tree"
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(box.center()))
    assert picker.checked_case_ids() == []


def test_the_keyboard_moves_between_the_search_and_the_cases(
    qtbot: QtBot, make_picker: MakePicker
) -> None:
    picker = make_picker()
    search, tree = picker.filter_bar.search_field, picker.tree
    qtbot.keyClick(picker, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert search.hasFocus()
    qtbot.keyClicks(search, "login")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert tree.hasFocus(), "Enter in the search goes to the cases, it creates nothing"
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    assert search.hasFocus()
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert tree.hasFocus()
    assert QApplication.focusWidget() is tree


def test_folders_open_by_themselves_only_while_few_cases_are_shown(
    qtbot: QtBot, make_picker: MakePicker
) -> None:
    many = [
        CaseRow(f"tc_{n:04d}", f"Case {n:04d}", f"fld_{n % 8}", "high", "smoke") for n in range(800)
    ]
    picker = make_picker(sorted(many, key=lambda c: (c.folder_id, c.title)))
    folder = picker.proxy.index(0, 0)
    assert not picker.tree.isExpanded(folder), "800 cases: the folders stay closed"
    assert folder.data() == "fld_0  ·  100 cases"

    qtbot.keyClicks(picker.filter_bar.search_field, "case 00")
    assert picker.proxy.visible_count() == 100
    assert all(picker.tree.isExpanded(picker.proxy.index(r, 0)) for r in range(8))
    picker.filter_bar.search_field.clear()
    assert not picker.tree.isExpanded(picker.proxy.index(0, 0))


def test_a_project_without_cases_says_so(make_picker: MakePicker) -> None:
    picker = make_picker([])

    assert picker.tree.empty_text() == NO_CASES
    assert picker.count_text() == "0 of 0 cases selected"


def test_new_cases_keep_the_checks_and_the_filter(
    qtbot: QtBot, make_picker: MakePicker, queries: Queries, folders: Folders
) -> None:
    picker = make_picker()
    picker.check_cases(folders["fld_login"][:4])
    qtbot.keyClicks(picker.filter_bar.search_field, "login")
    fewer = [case for case in queries.test_cases(PROJECT_ID) if case.id != folders["fld_login"][0]]
    picker.set_cases(fewer)

    assert picker.checked_case_ids() == folders["fld_login"][1:4]
    assert shown_folders(picker) == ["fld_login  ·  19 of 19 cases"]
    assert picker.count_text() == "3 of 64 cases selected"
