"""The milestone drop-down of the run dialogs: "No milestone" and the cached milestones."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from app.store import MilestoneRecord

NO_MILESTONE = "No milestone"
_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class MilestoneCombo(QComboBox):
    """Choose the run's milestone, or none.

    A milestone the run is linked to but the cache no longer holds is still offered (and
    says so), so opening a dialog never unlinks a run by itself.
    """

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName("Milestone")
        self.setToolTip("The milestone the run counts towards")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        self.addItem(NO_MILESTONE)

    def set_milestones(
        self,
        milestones: Sequence[MilestoneRecord],
        current: str | None = None,
        current_name: str | None = None,
    ) -> None:
        """Offer "No milestone" and these milestones, with `current` chosen."""
        self.clear()
        self.addItem(NO_MILESTONE)
        for milestone in milestones:
            self._add(milestone.id, milestone_label(milestone), milestone.name)
        if current is not None and self.findData(current, _ID_ROLE) < 0:
            name = current_name or current
            self._add(current, f"{name} (not in the local cache)", name)
        self.choose(current)

    def milestone_id(self) -> str | None:
        """The chosen milestone's id; `None` for "No milestone"."""
        chosen = self.currentData(_ID_ROLE)
        return chosen if isinstance(chosen, str) else None

    def choose(self, milestone_id: str | None) -> None:
        row = 0 if milestone_id is None else self.findData(milestone_id, _ID_ROLE)
        self.setCurrentIndex(max(0, row))

    def _add(self, milestone_id: str, label: str, name: str) -> None:
        self.addItem(label)
        row = self.count() - 1
        self.setItemData(row, milestone_id, _ID_ROLE)
        self.setItemData(row, name, Qt.ItemDataRole.AccessibleTextRole)


def milestone_label(milestone: MilestoneRecord) -> str:
    """ "Release 2.1 — due 1 Dec 2026", "Release 2.0 — completed"."""
    parts = [milestone.name]
    status = (milestone.status or "").strip().lower()
    if status and status not in ("active", "open", "upcoming", "started"):
        parts.append(status.replace("_", " "))
    due = _due_text(milestone.due_date)
    if due:
        parts.append(due)
    return " — ".join(parts)


def _due_text(due_date: str | None) -> str:
    if not due_date:
        return ""
    try:
        due = date.fromisoformat(due_date.strip()[:10])
    except ValueError:
        return f"due {due_date.strip()}"  # shown as the server wrote it
    return f"due {due.day} {due:%b %Y}"
