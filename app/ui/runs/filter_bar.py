"""The search field and the two filter drop-downs above the run list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from app.store import MilestoneRecord
from app.ui.icons import icon
from app.ui.runs.proxy import MilestoneChoice, MilestoneFilter, StateFilter
from app.ui.runs.widgets import SearchField
from app.ui.theme import SPACING

ALL_MILESTONES = "All milestones"
NO_MILESTONE = "No milestone"


class RunFilterBar(QWidget):
    """Search by name, filter by state and by milestone.

    Signals:
        search_changed(str): the search text changed (as the user types).
        state_chosen(object): a `StateFilter` was chosen.
        milestone_chosen(object): a `MilestoneChoice` was chosen.
    """

    search_changed = Signal(str)
    state_chosen = Signal(object)
    milestone_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._milestone_choices: list[MilestoneChoice] = [MilestoneFilter.ANY]
        self.search_field = self._build_search()
        self.state_combo = self._build_state_combo()
        self.milestone_combo = self._build_milestone_combo()
        self._search_action = QAction(self)
        self.search_field.addAction(self._search_action, QLineEdit.ActionPosition.LeadingPosition)
        self.refresh_icons()
        self._lay_out()

    # Reading and setting ------------------------------------------------------------------

    def milestone_choice(self) -> MilestoneChoice:
        return self._milestone_choices[max(0, self.milestone_combo.currentIndex())]

    def state_choice(self) -> StateFilter:
        return list(StateFilter)[max(0, self.state_combo.currentIndex())]

    def set_milestones(self, milestones: Sequence[MilestoneRecord]) -> None:
        """Offer these milestones; keep the current choice if it is still offered."""
        chosen = self.milestone_choice()
        self._milestone_choices = [
            MilestoneFilter.ANY,
            *(milestone.id for milestone in milestones),
            MilestoneFilter.NONE,
        ]
        labels = [ALL_MILESTONES, *(m.name for m in milestones), NO_MILESTONE]
        self.milestone_combo.blockSignals(True)
        self.milestone_combo.clear()
        self.milestone_combo.addItems(labels)
        kept = chosen if chosen in self._milestone_choices else MilestoneFilter.ANY
        self.milestone_combo.setCurrentIndex(self._milestone_choices.index(kept))
        self.milestone_combo.blockSignals(False)
        if kept != chosen:
            self.milestone_chosen.emit(kept)

    def clear(self, *, keep_state: bool = False) -> None:
        """Empty the search and show every milestone (and every state unless `keep_state`)."""
        self.search_field.clear()
        self.milestone_combo.setCurrentIndex(0)
        if not keep_state:
            self.state_combo.setCurrentIndex(0)

    def refresh_icons(self) -> None:
        """Draw the icons again in the current palette's colours."""
        self._search_action.setIcon(icon("search", self.palette()))

    # Building -----------------------------------------------------------------------------

    def _build_search(self) -> SearchField:
        field = SearchField(self)
        field.setObjectName("runSearch")
        field.setAccessibleName("Search runs")
        field.setPlaceholderText("Search runs")
        field.setToolTip("Show the runs whose name contains this text (Esc clears it)")
        field.setClearButtonEnabled(True)
        field.textChanged.connect(self.search_changed)
        return field

    def _build_state_combo(self) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName("runStateFilter")
        combo.setAccessibleName("Run state filter")
        combo.setToolTip("Show all runs, only active ones, or only closed ones")
        combo.addItems([state.label for state in StateFilter])
        combo.currentIndexChanged.connect(self._on_state_combo_index_changed)
        return combo

    def _build_milestone_combo(self) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName("runMilestoneFilter")
        combo.setAccessibleName("Milestone filter")
        combo.setToolTip("Show only the runs of one milestone")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.addItem(ALL_MILESTONES)
        combo.currentIndexChanged.connect(self._on_milestone_combo_index_changed)
        return combo

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.setSpacing(SPACING // 2)
        filters.addWidget(self.state_combo)
        filters.addWidget(self.milestone_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING // 2)
        layout.setSpacing(SPACING // 2 + 2)
        layout.addWidget(self.search_field)
        layout.addLayout(filters)

    # Slots --------------------------------------------------------------------------------

    @Slot(int)
    def _on_state_combo_index_changed(self, _index: int) -> None:
        self.state_chosen.emit(self.state_choice())

    @Slot(int)
    def _on_milestone_combo_index_changed(self, _index: int) -> None:
        self.milestone_chosen.emit(self.milestone_choice())
