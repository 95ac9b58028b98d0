"""The details text of one sync issue, as the panel's text area shows it."""

from __future__ import annotations

from html import escape

from app.store.sync_issues import SyncIssue
from app.ui.sync_view.issue_words import (
    change_values,
    describe_change,
    discard_words,
    local_time,
    reason_words,
    retry_words,
    state_words,
)


def details_html(issue: SyncIssue, muted: str) -> str:
    """Rich text: the change, why it is here, its values, and what each button does.

    Args:
        issue: the selected entry.
        muted: the colour of secondary text (a `#rrggbb` name).
    """
    rows = [("State", state_words(issue)), ("Made", local_time(issue.created_at))]
    rows += change_values(issue)
    if issue.attempts:
        rows.append(("Failed attempts", str(issue.attempts)))
    if issue.next_attempt_at is not None and not issue.is_parked:
        rows.append(("Next attempt", local_time(issue.next_attempt_at)))
    table = "".join(
        f"<tr><td style='color:{muted}; padding-right:12px'>{escape(label)}</td>"
        f"<td>{escape(value)}</td></tr>"
        for label, value in rows
    )
    return (
        f"<p style='font-weight:600; margin-bottom:2px'>{escape(describe_change(issue))}</p>"
        f"<p style='margin-top:0'>{escape(reason_words(issue))}</p>"
        f"<table cellspacing='0' cellpadding='1'>{table}</table>"
        f"<p style='margin-bottom:2px'><b>What the buttons do</b></p>"
        f"<p style='margin-top:0'>{escape(retry_words(issue))}<br>"
        f"{escape(discard_words(issue))}</p>"
    )
