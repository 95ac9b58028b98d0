"""Which run is chosen in the runs list, kept steady while rows and filters change."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QObject, Signal, Slot

from app.ui.runs.model import RunListModel
from app.ui.runs.proxy import RunFilterProxy
from app.ui.runs.widgets import RunListView


class ChosenRun(QObject):
    """Turns the view's selection into "the chosen run", one id that outlives filtering.

    A search or filter that hides the chosen run does not unchoose it: it is selected again
    (without a signal) as soon as it is shown again. Only the user's own selection changes,
    or the run leaving the model, change the choice.

    Signals:
        chosen(int): another run was chosen; its local id.
        cleared: no run is chosen any more.
    """

    chosen = Signal(int)
    cleared = Signal()

    def __init__(self, view: RunListView, proxy: RunFilterProxy, model: RunListModel) -> None:
        super().__init__(view)
        self._view = view
        self._proxy = proxy
        self._model = model
        self._run_id: int | None = None
        self._updating = 0
        view.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def run_id(self) -> int | None:
        return self._run_id

    def shown_index(self) -> QModelIndex:
        """The chosen run's row in the view; invalid when none is chosen or it is hidden."""
        if self._run_id is None:
            return QModelIndex()
        return self._proxy.index_of(self._run_id)

    def choose(self, run_id: int | None) -> None:
        if run_id == self._run_id:
            return
        self._run_id = run_id
        if run_id is None:
            self.cleared.emit()
        else:
            self.chosen.emit(run_id)

    @contextmanager
    def rows_changing(self) -> Iterator[None]:
        """Rows or filters change: selection changes Qt makes meanwhile are not the user's."""
        self._updating += 1
        try:
            yield
        finally:
            self._updating -= 1
            if not self._updating:
                self._settle()

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, _selected: QItemSelection, _gone: QItemSelection) -> None:
        if self._updating:
            return
        rows = self._view.selectionModel().selectedRows()
        self.choose(self._proxy.run_at(rows[0].row()).id if rows else None)

    def _settle(self) -> None:
        """Make the view's selection match the choice again after rows or filters changed.

        A chosen run that left the model is forgotten. Qt moves the selection to a
        neighbour when the selected row is filtered out; the view then selects nothing
        rather than a run that is not the chosen one.
        """
        if self._run_id is not None and self._run_id not in self._model:
            self.choose(None)
        index = self.shown_index()
        selection = self._view.selectionModel()
        self._updating += 1
        try:
            if not index.isValid():
                selection.clearSelection()
            elif not selection.isSelected(index):
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._updating -= 1
