"""What a new run starts from when it is not blank: a re-run of an earlier run, say."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RunPreset:
    """A filled-in New run dialog.

    Attributes:
        title: the dialog's window title ("Re-run failed and blocked cases").
        name: the proposed run name (at most 250 characters).
        case_ids: the cases to check, in the source run's order.
        milestone_id: the milestone to choose, or `None`.
        missing: cases of the source that the cached catalogue no longer holds (left out).
        empty_message: what to say when `case_ids` is empty ("Nothing failed or blocked in
            this run."); "" when there is nothing particular to say.
    """

    title: str
    name: str
    case_ids: tuple[str, ...]
    milestone_id: str | None = None
    missing: int = 0
    empty_message: str = ""

    def missing_note(self) -> str:
        """The plain note about cases left out, or "" when none was."""
        return missing_note(self.missing)


def missing_note(missing: int) -> str:
    """ "2 cases of the original run are no longer in the project and were left out." """
    if not missing:
        return ""
    if missing == 1:
        return "1 case of the original run is no longer in the project and was left out."
    return f"{missing:,} cases of the original run are no longer in the project and were left out."
