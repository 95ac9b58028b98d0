"""How the account and quit messages count undelivered changes, in plain English."""

from __future__ import annotations

from app.ui.run_detail.formatting import plural


def changes(count: int) -> str:
    """ "1 change", "3 changes", "1,204 changes"."""
    return plural(count, "change")


def not_delivered(count: int) -> str:
    """ "1 change has not been delivered yet" (no full stop: it heads a message box)."""
    verb = "has" if count == 1 else "have"
    return f"{changes(count)} {verb} not been delivered yet"


def they(count: int) -> str:
    """The pronoun for that many changes at the start of a sentence."""
    return "It" if count == 1 else "They"
