"""Choosing another project of the same Testably account: a toolbar choice and a menu.

Both list the projects the token can see (cached by sync and by Connect); they appear only
when there is more than one. Each project keeps its own runs in the cache, so switching
back and forth loses nothing, unsent changes included.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QComboBox, QLabel, QMenu, QSizePolicy, QToolBar, QWidget

from app.store import ProjectRecord


class ProjectSwitcher(QObject):
    """The project choice at the end of the toolbar and the File ▸ Switch project menu.

    Args:
        menu: the (empty) Switch project menu.
        toolbar: the main toolbar; the choice is added at its right end.
        project_id: the project shown now.

    Signals:
        project_chosen(str): the tester chose another project (its id).
    """

    project_chosen = Signal(str)

    def __init__(self, menu: QMenu, toolbar: QToolBar, project_id: str) -> None:
        super().__init__(toolbar)
        self._menu = menu
        self._project_id = project_id
        self._projects: tuple[ProjectRecord, ...] = ()
        self._group = QActionGroup(menu)
        self._group.setExclusive(True)
        self._group.triggered.connect(self._on_group_triggered)
        self._combo = QComboBox(toolbar)
        self._combo.setObjectName("projectSwitcher")
        self._combo.setAccessibleName("Project")
        self._combo.setToolTip("Switch to another project of this account")
        self._combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._combo.activated.connect(self._on_combo_activated)
        label = QLabel("&Project:", toolbar)
        label.setBuddy(self._combo)
        self._toolbar_parts = [
            toolbar.addWidget(_spacer(toolbar)),
            toolbar.addWidget(label),
            toolbar.addWidget(self._combo),
        ]
        self.show_projects(())

    def show_projects(self, projects: Sequence[ProjectRecord]) -> None:
        """List `projects` (by name); hidden unless there is a choice to make."""
        ordered = tuple(sorted(projects, key=lambda p: (p.name.casefold(), p.id)))
        if ordered == self._projects:
            return
        self._projects = ordered
        self._fill_menu()
        self._fill_combo()
        several = len(ordered) > 1
        self._menu.setEnabled(several)
        for part in self._toolbar_parts:
            part.setVisible(several)

    @property
    def combo(self) -> QComboBox:
        return self._combo

    def _fill_menu(self) -> None:
        self._menu.clear()
        for action in self._group.actions():
            self._group.removeAction(action)
        for project in self._projects:
            action = QAction(_label(project), self._menu)
            action.setCheckable(True)
            action.setChecked(project.id == self._project_id)
            action.setData(project.id)
            self._group.addAction(action)
            self._menu.addAction(action)

    def _fill_combo(self) -> None:
        self._combo.blockSignals(True)
        self._combo.clear()
        for project in self._projects:
            self._combo.addItem(_label(project), project.id)
        self._combo.blockSignals(False)
        self._show_current()

    @Slot(int)
    def _on_combo_activated(self, index: int) -> None:
        self._choose(self._combo.itemData(index))

    @Slot(QAction)
    def _on_group_triggered(self, action: QAction) -> None:
        self._choose(action.data())

    def _choose(self, project_id: object) -> None:
        if isinstance(project_id, str) and project_id != self._project_id:
            self.project_chosen.emit(project_id)
        self._show_current()  # until the other project's window replaces this one

    def _show_current(self) -> None:
        self._combo.setCurrentIndex(self._combo.findData(self._project_id))
        for action in self._group.actions():
            action.setChecked(action.data() == self._project_id)


def _label(project: ProjectRecord) -> str:
    return f"{project.name} ({project.prefix})" if project.prefix else project.name


def _spacer(parent: QWidget) -> QWidget:
    spacer = QWidget(parent)
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return spacer
