"""The status bar's sentences about sync, Qt-free so each one is easy to test."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.sync.status import SyncState, SyncStatus


@dataclass(frozen=True, slots=True)
class StatusView:
    """What the indicator shows, decided from the status and the local counts.

    Attributes:
        icon: the icon name in resources/icons/.
        tone: "good", "busy", "warn" or "bad"; sets the icon's colour.
        headline: the main words, "Offline · 12 changes saved on this computer".
        issues: the issue link's words ("2 need attention"), or "" when nothing is parked.
        explanation: one or two sentences for the tooltip.
    """

    icon: str
    tone: str
    headline: str
    issues: str
    explanation: str


def changes(count: int) -> str:
    return f"{count} change" if count == 1 else f"{count} changes"


def issues_words(parked: int) -> str:
    if parked <= 0:
        return ""
    return "1 needs attention" if parked == 1 else f"{parked} need attention"


def status_view(status: SyncStatus | None, pending: int, *, syncing: bool) -> StatusView:
    """What to show for `status`, with `pending` undelivered changes (parked included)."""
    parked = status.parked if status is not None else 0
    issues = issues_words(parked)
    if syncing:
        return StatusView("sync", "busy", "Syncing…", issues, _syncing_explanation(pending))
    if status is None:
        return StatusView(
            "sync", "busy", "Connecting…", issues, "Testdeck has not reached the server yet."
        )
    icon, tone, headline, explanation = _WORDS[status.state](pending, parked)
    return StatusView(icon, tone, headline, issues, explanation)


def _syncing_explanation(pending: int) -> str:
    if pending:
        return f"Delivering {changes(pending)} and fetching what changed on the server."
    return "Fetching what changed on the server."


def _online(pending: int, parked: int) -> tuple[str, str, str, str]:
    moving = max(pending - parked, 0)
    if moving:
        return (
            "online",
            "good",
            f"Online · {changes(moving)} to deliver",
            f"{changes(moving)} will be delivered on the next sync.",
        )
    if parked:
        return (
            "online",
            "good",
            "Online",
            "Everything else is delivered; some changes were set aside by the server.",
        )
    return ("online", "good", "Online · all changes delivered", "The server has every change.")


def _offline(pending: int, parked: int) -> tuple[str, str, str, str]:
    if not pending:
        return ("offline", "warn", "Offline", "The server cannot be reached; nothing is waiting.")
    return (
        "offline",
        "warn",
        f"Offline · {changes(pending)} saved on this computer",
        "The server cannot be reached. Every change is kept here and delivered once it can be.",
    )


def _signed_out(pending: int, parked: int) -> tuple[str, str, str, str]:
    headline = "Signed out · sign in again to sync"
    if pending:
        headline = f"Signed out · sign in again to deliver {changes(pending)}"
    return (
        "signed-out",
        "bad",
        headline,
        "The server no longer accepts the saved token. Your changes are kept here.",
    )


def _paused(pending: int, parked: int) -> tuple[str, str, str, str]:
    verb = "is" if pending == 1 else "are"
    kept = f" {changes(pending)} {verb} kept here." if pending else ""
    return (
        "lock",
        "bad",
        "Paused · the token has no access to this project",
        "Ask for access to the project, or sign in with another token." + kept,
    )


def _waiting_support(pending: int, parked: int) -> tuple[str, str, str, str]:
    return (
        "waiting",
        "warn",
        f"Waiting for server support · {changes(pending)} kept",
        "The server does not accept these changes yet; they are kept here.",
    )


_WORDS = {
    SyncState.ONLINE: _online,
    SyncState.OFFLINE: _offline,
    SyncState.SIGNED_OUT: _signed_out,
    SyncState.PAUSED: _paused,
    SyncState.WAITING_SUPPORT: _waiting_support,
}


def last_synced(last_success_at: datetime | None, now: datetime) -> str:
    """ "Last synced 2 minutes ago", or "Not synced yet"."""
    if last_success_at is None:
        return "Not synced yet"
    return f"Last synced {relative_time(last_success_at, now)}"


def relative_time(moment: datetime, now: datetime) -> str:
    """ "just now", "5 minutes ago", "3 hours ago", "yesterday", "on 2 Nov"."""
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    minutes = int(seconds // 60)
    if minutes < 60:
        return "1 minute ago" if minutes == 1 else f"{minutes} minutes ago"
    hours = minutes // 60
    if hours < 24:
        return "1 hour ago" if hours == 1 else f"{hours} hours ago"
    local, today = moment.astimezone(), now.astimezone()
    if (today.date() - local.date()).days == 1:
        return f"yesterday at {local:%H:%M}"
    return f"on {local.day} {local:%b} at {local:%H:%M}"


def full_timestamp(moment: datetime) -> str:
    """ "Monday 2 November 2026, 10:05:30" in the computer's time zone."""
    local = moment.astimezone()
    return f"{local:%A} {local.day} {local:%B %Y, %H:%M:%S}"
