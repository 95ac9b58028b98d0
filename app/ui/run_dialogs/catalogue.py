"""The test-case catalogue grouped the way the picker shows it: folders, then their cases.

Pure Python: the tree model keeps these lists and answers Qt from them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.store import TestCaseRow

NO_FOLDER = "No folder"
PRIORITIES: tuple[str, ...] = ("critical", "high", "medium", "low")
"""The priorities the picker filters by, most urgent first."""


@dataclass(frozen=True, slots=True)
class FolderGroup:
    """One folder of the picker: a run of consecutive cases in the catalogue's order.

    Attributes:
        folder_id: the server's folder id, or `None` for cases without a folder.
        start: position of the folder's first case.
        size: how many cases the folder holds (at least one).
    """

    folder_id: str | None
    start: int
    size: int

    @property
    def title(self) -> str:
        # There is no folders endpoint: the id is the only name a folder has.
        return NO_FOLDER if self.folder_id is None else self.folder_id

    @property
    def stop(self) -> int:
        return self.start + self.size


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Cases in picker order (folder by folder), the folders over them, and search keys.

    Attributes:
        search_keys: each case's title folded for case-insensitive search.
        priority_keys: each case's priority folded (`value_key`).
        type_keys: each case's type folded.
    """

    cases: tuple[TestCaseRow, ...] = ()
    folders: tuple[FolderGroup, ...] = ()
    search_keys: tuple[str, ...] = ()
    priority_keys: tuple[str, ...] = ()
    type_keys: tuple[str, ...] = ()

    @classmethod
    def of(cls, cases: Sequence[TestCaseRow]) -> Catalogue:
        """Group `cases` by folder, keeping their order; cases without a folder come last."""
        grouped: dict[str | None, list[TestCaseRow]] = {}
        for case in cases:
            grouped.setdefault(case.folder_id, []).append(case)
        if None in grouped:
            grouped[None] = grouped.pop(None)
        ordered: list[TestCaseRow] = []
        folders: list[FolderGroup] = []
        for folder_id, members in grouped.items():
            folders.append(FolderGroup(folder_id, len(ordered), len(members)))
            ordered.extend(members)
        return cls(
            cases=tuple(ordered),
            folders=tuple(folders),
            search_keys=tuple(case.title.casefold() for case in ordered),
            priority_keys=tuple(value_key(case.priority) for case in ordered),
            type_keys=tuple(value_key(case.type) for case in ordered),
        )

    def types(self) -> list[str]:
        """The case types present, sorted case-insensitively."""
        present = {case.type for case in self.cases if case.type}
        return sorted(present, key=str.casefold)


def value_key(value: str | None) -> str:
    """A priority or type folded for comparison ("High " and "high" are the same)."""
    return (value or "").strip().casefold()


def value_label(value: str | None) -> str:
    """A priority or type as a tester reads it: "critical" → "Critical"."""
    text = (value or "").strip().replace("_", " ")
    return text[:1].upper() + text[1:]


def count_text(count: int, noun: str = "case") -> str:
    """ "1 case", "12 cases", "1,024 cases"."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"
