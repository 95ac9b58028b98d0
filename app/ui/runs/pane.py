"""The runs pane: every cached run of the project, searchable and filterable, newest first."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.store import NotFoundError, Queries, RunRow, StoreError
from app.ui.runs.delegate import RunItemDelegate
from app.ui.runs.filter_bar import RunFilterBar
from app.ui.runs.model import RunListModel
from app.ui.runs.proxy import MilestoneChoice, RunFilterProxy, StateFilter
from app.ui.runs.selection import ChosenRun
from app.ui.runs.widgets import RunListView
from app.ui.theme import SPACING

log = logging.getLogger(__name__)

NO_RUNS = "No runs yet"
NO_RUNS_HINT = "Create one with New run (Ctrl+N), or press F5 to sync the project's runs."
NO_MATCH_HINT = "Check the spelling, or press Esc to clear the search."
NO_FILTER_MATCH = "No run matches these filters"
NO_FILTER_MATCH_HINT = "Choose “All runs” or “All milestones” to see more."

NEWEST_FIRST = 60
"""How many runs a new pane reads before the list is first painted: more cards than any
screen holds. The rest follow right after that paint, so a cache of 2,000 runs (~40 ms to
read) does not hold back the window's first appearance."""


class RunsPane(QWidget):
    """The left pane of the main window: the project's runs, newest first.

    The chosen run stays chosen while a search or filter hides it: the detail panes keep
    showing it, and it is selected again when it comes back into view.

    A new pane shows the newest runs first and reads the others once the list has been
    painted (see `NEWEST_FIRST`); anything that needs them before then (a search, a filter,
    choosing an older run) reads them at once.

    Args:
        queries: read access to the local cache.
        project_id: the project whose runs are shown.

    Signals:
        run_selected(int): another run was chosen (by mouse, keyboard or `select_run`);
            its local id.
        selection_cleared: no run is chosen any more (deselected, or gone from the cache).
        run_activated(int): the user pressed Enter on a run or double-clicked it.
    """

    run_selected = Signal(int)
    selection_cleared = Signal()
    run_activated = Signal(int)

    def __init__(self, queries: Queries, project_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runsPane")
        self._queries = queries
        self._project_id = project_id
        self._model = RunListModel(self)
        self._proxy = RunFilterProxy(self._model, self)
        self._filters = RunFilterBar(self)
        self._view = self._build_view()
        self._chosen = ChosenRun(self._view, self._proxy, self._model)
        self._error_label = self._build_label("runsError", "Problem reading runs")
        self._count_label = self._build_label("runCount", "Number of runs shown")
        self._total: int | None = None  # every run of the project, while only some are read
        self._rest_timer = QTimer(self)
        self._rest_timer.setSingleShot(True)
        self._rest_timer.setInterval(0)
        self._rest_timer.timeout.connect(self._on_rest_timer_timeout)
        self._lay_out()
        self._connect()
        self._show_newest_first()

    # Public API ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every run and milestone again; keep the chosen run and the scroll position."""
        self._read(limit=None)

    def refresh_runs(self, run_ids: Iterable[int]) -> None:
        """Read these runs again: update their rows, add new ones, drop those now gone."""
        self._read_the_rest()
        with self._chosen.rows_changing():
            for run_id in dict.fromkeys(run_ids):
                self._refresh_run(run_id)

    def select_run(self, run_id: int) -> bool:
        """Choose the run, clearing the search and filters if they hide it.

        Returns:
            False when the pane does not hold the run.
        """
        if run_id not in self._model:
            self._read_the_rest()
        if run_id not in self._model:
            return False
        if not self._proxy.index_of(run_id).isValid():
            self._filters.clear()
        index = self._proxy.index_of(run_id)
        self._view.setCurrentIndex(index)
        self._view.scrollTo(index)
        return True

    def select_newest_run(self) -> bool:
        """Choose the newest active run, or the newest run when every one is closed.

        Returns:
            False when the pane holds no run.
        """
        newest = self._newest_active_run()
        if newest is None and self._total is not None:  # an older run may be active
            self._read_the_rest()
            newest = self._newest_active_run()
        if newest is None and self._model.rowCount():
            newest = self._model.run_at(0)
        return newest is not None and self.select_run(newest.id)

    def current_run_id(self) -> int | None:
        """The chosen run's local id (a search may hide it), or None."""
        return self._chosen.run_id()

    def focus_search(self) -> None:
        self._filters.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._filters.search_field.selectAll()

    def focus_list(self) -> None:
        """Move the keyboard into the list, onto the chosen run (or the first shown)."""
        self._enter_list()

    def set_context_actions(self, actions: Sequence[QAction]) -> None:
        """Offer `actions` on the chosen run: right-click a run, or press the Menu key."""
        self._view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._view.addActions(list(actions))

    def set_project(self, project_id: str) -> None:
        """Show another project's runs, with an empty search and every milestone."""
        self._project_id = project_id
        self._chosen.choose(None)
        with self._chosen.rows_changing():
            self._model.set_runs([])
            self._filters.clear(keep_state=True)
        self.reload()
        self._view.scrollToTop()

    # Building -----------------------------------------------------------------------------

    def _build_view(self) -> RunListView:
        view = RunListView(self)
        view.setObjectName("runList")
        view.setAccessibleName("Runs")
        view.setAccessibleDescription("The project's runs, newest first")
        view.setModel(self._proxy)
        view.setItemDelegate(RunItemDelegate(view))
        return view

    def _build_label(self, name: str, accessible_name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setAccessibleName(accessible_name)
        label.setWordWrap(True)
        label.setContentsMargins(SPACING, SPACING // 2, SPACING, SPACING // 2)
        return label

    def _lay_out(self) -> None:
        self._error_label.hide()
        self._count_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for widget in (self._filters, self._error_label, self._view, self._count_label):
            layout.addWidget(widget)
        layout.setStretchFactor(self._view, 1)
        QWidget.setTabOrder(self._filters.search_field, self._filters.state_combo)
        QWidget.setTabOrder(self._filters.state_combo, self._filters.milestone_combo)
        QWidget.setTabOrder(self._filters.milestone_combo, self._view)

    def _connect(self) -> None:
        self._filters.search_changed.connect(self._on_filters_search_changed)
        self._filters.state_chosen.connect(self._on_filters_state_chosen)
        self._filters.milestone_chosen.connect(self._on_filters_milestone_chosen)
        self._filters.search_field.down_pressed.connect(self._on_search_down_pressed)
        self._filters.search_field.returnPressed.connect(self._on_search_return_pressed)
        self._view.row_activated.connect(self._on_view_row_activated)
        self._view.top_passed.connect(self.focus_search)
        self._chosen.chosen.connect(self.run_selected)
        self._chosen.cleared.connect(self.selection_cleared)
        for shown_rows_changed in (
            self._proxy.rowsInserted,
            self._proxy.rowsRemoved,
            self._proxy.modelReset,
            self._proxy.filters_changed,
        ):
            shown_rows_changed.connect(self._on_proxy_rows_changed)

    # Slots --------------------------------------------------------------------------------

    @Slot(str)
    def _on_filters_search_changed(self, text: str) -> None:
        self._read_the_rest()
        with self._chosen.rows_changing():
            self._proxy.set_search_text(text)

    @Slot(object)
    def _on_filters_state_chosen(self, state: StateFilter) -> None:
        self._read_the_rest()
        with self._chosen.rows_changing():
            self._proxy.set_state_filter(state)

    @Slot(object)
    def _on_filters_milestone_chosen(self, choice: MilestoneChoice) -> None:
        self._read_the_rest()
        with self._chosen.rows_changing():
            self._proxy.set_milestone_filter(choice)

    @Slot()
    def _on_rest_timer_timeout(self) -> None:
        self._read_the_rest()

    @Slot()
    def _on_search_down_pressed(self) -> None:
        self._enter_list()

    @Slot()
    def _on_search_return_pressed(self) -> None:
        index = self._enter_list()
        if index.isValid():
            self.run_activated.emit(self._proxy.run_at(index.row()).id)

    @Slot(QModelIndex)
    def _on_view_row_activated(self, index: QModelIndex) -> None:
        self.run_activated.emit(self._proxy.run_at(index.row()).id)

    @Slot()
    def _on_proxy_rows_changed(self) -> None:
        shown, total = self._proxy.rowCount(), self._model.rowCount()
        search = self._proxy.search_text().strip()
        if total == 0:
            self._view.set_empty_text(NO_RUNS, NO_RUNS_HINT)
        elif shown == 0 and search:
            self._view.set_empty_text(f"No run matches '{search}'", NO_MATCH_HINT)
        elif shown == 0:
            self._view.set_empty_text(NO_FILTER_MATCH, NO_FILTER_MATCH_HINT)
        if self._total is not None:  # only the newest runs are read yet
            total = shown = self._total
        noun = "run" if total == 1 else "runs"
        count = f"{total:,} {noun}" if shown == total else f"{shown:,} of {total:,} {noun}"
        self._count_label.setText(count)

    # Helpers ------------------------------------------------------------------------------

    def _show_newest_first(self) -> None:
        """Read the newest runs now and the rest in the next turn of the event loop."""
        try:
            total = self._queries.run_count(self._project_id)
        except StoreError as error:
            self._show_error(f"The runs could not be read from the local cache: {error}")
            return
        if total <= NEWEST_FIRST:
            self._read(limit=None)
            return
        self._total = total
        self._read(limit=NEWEST_FIRST)
        # Queued after the paint, so the rest of the window is painted in the same pass.
        self._view.first_painted.connect(self._rest_timer.start)

    def _read_the_rest(self) -> None:
        """Read every run if only the newest are read yet."""
        if self._total is not None:
            self._read(limit=None)

    def _read(self, *, limit: int | None) -> None:
        """Read the runs (the newest `limit`, or all) and the milestones into the model,
        keeping the chosen run and the scroll position."""
        scroll = self._view.verticalScrollBar().value()
        try:
            runs = self._queries.runs(self._project_id, limit=limit)
            milestones = self._queries.milestones(self._project_id)
        except StoreError as error:
            self._show_error(f"The runs could not be read from the local cache: {error}")
            return
        if limit is None:
            self._total = None
        self._show_error(None)
        with self._chosen.rows_changing():
            self._filters.set_milestones(milestones)
            self._model.set_runs(runs)
        self._view.keep_scroll(scroll)

    def _newest_active_run(self) -> RunRow | None:
        return next((run for run in self._model if not run.is_read_only), None)

    def _refresh_run(self, run_id: int) -> None:
        try:
            run = self._queries.run(run_id)
        except NotFoundError:
            self._model.remove(run_id)
            return
        except StoreError as error:
            self._show_error(f"Run {run_id} could not be read from the local cache: {error}")
            return
        if run.project_id == self._project_id:
            self._model.upsert(run)
        else:
            self._model.remove(run_id)

    def _enter_list(self) -> QModelIndex:
        """Move the keyboard into the list: onto the chosen run if shown, else the first."""
        index = self._chosen.shown_index()
        if not index.isValid():
            index = self._proxy.index(0, 0)
        if index.isValid():
            self._view.setFocus(Qt.FocusReason.OtherFocusReason)
            self._view.setCurrentIndex(index)
            self._view.scrollTo(index)
        return index

    def _show_error(self, message: str | None) -> None:
        if message is not None:
            log.error("%s", message)
        self._error_label.setText(message or "")
        self._error_label.setVisible(message is not None)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._filters.refresh_icons()
            self._view.viewport().update()
