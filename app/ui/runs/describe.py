"""What a run card says, in words: progress, pass rate, dates, the sync badge, tooltips.

Pure functions of a `RunRow`, shared by the model (tooltips, accessible text) and the
delegate (the painted card), so what is seen and what is read aloud never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from app.store import RunRow
from app.ui.theme import STATUS_ORDER

SEPARATOR = " · "
NOTHING_TESTED = "\u2013"  # an en dash


class BadgeTone(Enum):
    """How loudly a badge speaks: a problem the user must look at, or work on its way."""

    PROBLEM = "problem"
    PENDING = "pending"


@dataclass(frozen=True, slots=True)
class Badge:
    """A short label beside a run's name; `icon` names a file in resources/icons/."""

    text: str
    tone: BadgeTone
    icon: str
    explanation: str


def badge_for(run: RunRow) -> Badge | None:
    """The one badge a run card shows, the most important first; None when all is delivered."""
    if run.parked:
        return Badge(
            "Sync issue",
            BadgeTone.PROBLEM,
            "warning",
            f"{_changes(run.parked)} set aside: open Sync issues to retry or discard.",
        )
    if run.missing_on_server:
        return Badge(
            "Missing on server",
            BadgeTone.PROBLEM,
            "warning",
            "The server no longer lists this run; its unsent work is kept here.",
        )
    if run.server_id is None:
        return Badge(
            "Not yet on server",
            BadgeTone.PENDING,
            "sync",
            "Created here; it is sent to the server with the next sync.",
        )
    if run.undelivered:
        return Badge(
            f"{run.undelivered:,} unsent",
            BadgeTone.PENDING,
            "waiting",
            f"{_changes(run.undelivered)} saved here, waiting to be delivered.",
        )
    return None


def progress_text(run: RunRow) -> str:
    """Progress as "12/40 tested"."""
    return f"{run.summary.tested:,}/{run.summary.total:,} tested"


def pass_rate_text(run: RunRow) -> str:
    """The pass rate as "62.5%" (one decimal, as Testably reports it).

    A dash while nothing is tested and the server has not stated a final rate: "0.0%" on
    a run nobody has started looks like a failing one.
    """
    if run.final_pass_rate is None and run.summary.tested == 0:
        return NOTHING_TESTED
    return f"{run.pass_rate:.1f}%"


def date_text(moment: datetime, today: date | None = None) -> str:
    """A short local date: "2 Nov" this year, "2 Nov 2025" otherwise."""
    local = moment.astimezone()
    short = f"{local.day} {local:%b}"
    return short if local.year == (today or date.today()).year else f"{short} {local.year}"


def milestone_text(run: RunRow) -> str | None:
    """The milestone's name (its id if it is not cached), or None without a milestone."""
    if run.milestone_id is None:
        return None
    return run.milestone_name or run.milestone_id


def detail_text(run: RunRow, today: date | None = None) -> str:
    """The card's second line: "Release 2.1 · 12/40 tested · 2 Nov"."""
    parts = [milestone_text(run), progress_text(run), date_text(run.created_at, today)]
    return SEPARATOR.join(part for part in parts if part)


def counts_text(run: RunRow) -> str:
    """Every status count: "30 passed, 2 failed, 0 blocked, 0 retest, 8 not tested"."""
    return ", ".join(
        f"{run.summary.count(status):,} {status.label.lower()}" for status in STATUS_ORDER
    )


def tooltip_text(run: RunRow) -> str:
    lines = [
        run.name,
        f"Milestone: {milestone_text(run) or 'none'}",
        f"{progress_text(run)}: {counts_text(run)}",
        f"Pass rate: {_spoken_pass_rate(run)}",
        f"Created {date_text(run.created_at)}"
        + (f" by {run.created_by}" if run.created_by else ""),
    ]
    if run.is_read_only:
        lines.append("Closed: read-only")
    badge = badge_for(run)
    if badge is not None:
        lines.append(badge.explanation)
    return "\n".join(lines)


def accessible_text(run: RunRow) -> str:
    """One sentence a screen reader reads for the run's row."""
    parts = [
        run.name,
        f"milestone {milestone_text(run)}" if run.milestone_id else "no milestone",
        progress_text(run),
        counts_text(run),
        f"pass rate {_spoken_pass_rate(run)}",
    ]
    if run.is_read_only:
        parts.append("closed, read-only")
    badge = badge_for(run)
    if badge is not None:
        parts.append(badge.text.lower())
    return ", ".join(parts)


def _spoken_pass_rate(run: RunRow) -> str:
    rate = pass_rate_text(run)
    return "none yet, nothing is tested" if rate == NOTHING_TESTED else rate


def _changes(count: int) -> str:
    return "1 change" if count == 1 else f"{count:,} changes"
