"""Which cases of a catalogue are checked, with counts kept per folder as checks change."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt

from app.ui.run_dialogs.catalogue import Catalogue

FolderSpan = tuple[int, int]
"""The first and last catalogue position touched in one folder."""


class CaseChecks:
    """The checked cases of one `Catalogue`.

    Totals are kept up to date at each change, so the live count and a folder's tri-state
    cost nothing to read, however many cases the catalogue holds.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue
        self._checked = bytearray(len(catalogue.cases))
        self._per_folder = [0] * len(catalogue.folders)
        self._folder_of = [
            row for row, folder in enumerate(catalogue.folders) for _ in range(folder.size)
        ]
        self._position_of = {case.id: position for position, case in enumerate(catalogue.cases)}
        self.total = 0
        """How many cases are checked."""

    def is_checked(self, position: int) -> bool:
        return self._checked[position] == 1

    def flags(self) -> bytes:
        """One byte per case in catalogue order: 1 when checked."""
        return bytes(self._checked)

    def folder_of(self, position: int) -> int:
        return self._folder_of[position]

    def folder_checked(self, folder_row: int) -> int:
        return self._per_folder[folder_row]

    def folder_state(self, folder_row: int) -> Qt.CheckState:
        """Checked when all of the folder's cases are, unchecked when none is, else partly."""
        checked = self._per_folder[folder_row]
        if checked == 0:
            return Qt.CheckState.Unchecked
        if checked == self._catalogue.folders[folder_row].size:
            return Qt.CheckState.Checked
        return Qt.CheckState.PartiallyChecked

    def checked_ids(self) -> list[str]:
        """The checked cases' ids in the picker's order (folder by folder)."""
        cases = self._catalogue.cases
        return [case.id for case, flag in zip(cases, self._checked, strict=True) if flag]

    def positions_of(self, case_ids: Iterable[str]) -> list[int]:
        """Catalogue positions of the ids the catalogue holds (unknown ids are skipped)."""
        known = self._position_of
        return [known[case_id] for case_id in case_ids if case_id in known]

    def set_ids(self, case_ids: Iterable[str], checked: bool) -> dict[int, FolderSpan]:
        return self.set_positions(self.positions_of(case_ids), checked)

    def set_positions(self, positions: Iterable[int], checked: bool) -> dict[int, FolderSpan]:
        """Check or uncheck cases; answers, per folder that changed, the span it changed in."""
        wanted = 1 if checked else 0
        delta = 1 if checked else -1
        flags, folder_of, per_folder = self._checked, self._folder_of, self._per_folder
        spans: dict[int, FolderSpan] = {}
        changed = 0
        for position in positions:
            if flags[position] == wanted:
                continue
            flags[position] = wanted
            changed += 1
            folder_row = folder_of[position]
            per_folder[folder_row] += delta
            span = spans.get(folder_row)
            if span is None:
                spans[folder_row] = (position, position)
            else:
                spans[folder_row] = (min(span[0], position), max(span[1], position))
        self.total += delta * changed
        return spans
