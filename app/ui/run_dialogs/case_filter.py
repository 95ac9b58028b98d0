"""What the case picker shows: a title search, a priority, a type, "selected only".

`matching` decides every case's visibility at once, in plain Python, for the proxy to look up.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.ui.run_dialogs.case_checks import CaseChecks
from app.ui.run_dialogs.catalogue import Catalogue


@dataclass(frozen=True, slots=True)
class CaseFilter:
    """What the picker shows.

    Attributes:
        search: text the case's title must contain (any case; blank shows every case).
        priority: the only priority shown (folded, e.g. "high"), or `None` for all.
        case_type: the only type shown (folded), or `None` for all.
        selected_only: show only the cases that were checked when the filter was set.
    """

    search: str = ""
    priority: str | None = None
    case_type: str | None = None
    selected_only: bool = False

    @property
    def needle(self) -> str:
        return self.search.strip().casefold()

    def is_active(self) -> bool:
        """Whether the filter can hide any case."""
        return bool(self.needle or self.priority or self.case_type or self.selected_only)

    def shows_as(self, other: CaseFilter) -> bool:
        """Whether both filters show the same cases ("Login" and " login " do)."""
        mine = (self.needle, self.priority, self.case_type, self.selected_only)
        return mine == (other.needle, other.priority, other.case_type, other.selected_only)


def matching(catalogue: Catalogue, checks: CaseChecks, case_filter: CaseFilter) -> list[bool]:
    """For each case of `catalogue`, in order, whether `case_filter` lets it through."""
    shown = [True] * len(catalogue.cases)
    needle = case_filter.needle
    if needle:
        shown = [needle in key for key in catalogue.search_keys]
    if case_filter.priority:
        shown = _narrowed(shown, catalogue.priority_keys, case_filter.priority)
    if case_filter.case_type:
        shown = _narrowed(shown, catalogue.type_keys, case_filter.case_type)
    if case_filter.selected_only:
        flags = checks.flags()
        shown = [s and flag == 1 for s, flag in zip(shown, flags, strict=True)]
    return shown


def _narrowed(shown: list[bool], keys: tuple[str, ...], wanted: str) -> list[bool]:
    return [s and key == wanted for s, key in zip(shown, keys, strict=True)]
