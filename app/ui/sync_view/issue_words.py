"""Sync issues in a tester's words: what the change was, what went wrong, what the buttons do.

Qt-free, so every sentence can be tested on its own and reused in the copyable report.
"""

from __future__ import annotations

from datetime import datetime

from app.domain import ResultStatus
from app.store.outbox import CLOSED_ON_SERVER, OutboxKind, OutboxState
from app.store.sync_issues import SyncIssue

STATE_WORDS: dict[OutboxState, str] = {
    OutboxState.WAITING_SUPPORT: "Waiting for the server to support this",
    OutboxState.REJECTED: "Rejected by the server",
    OutboxState.CONFLICT: "Conflicts with the server",
    OutboxState.PENDING: "Retrying",
    OutboxState.IN_FLIGHT: "Retrying",
}
_CLOSED_WORDS = "Run was closed on the server"
ALL_STATE_WORDS = (*STATE_WORDS.values(), _CLOSED_WORDS)

_DEFAULT_REASONS: dict[OutboxState, str] = {
    OutboxState.WAITING_SUPPORT: "The server does not offer this kind of change yet.",
    OutboxState.REJECTED: "The server refused this change as it is.",
    OutboxState.CONFLICT: "The server's copy changed in a way that does not fit this change.",
    OutboxState.PENDING: "Delivering this change failed; Testdeck keeps trying.",
    OutboxState.IN_FLIGHT: "Delivering this change failed; Testdeck keeps trying.",
}


def describe_change(issue: SyncIssue) -> str:
    """What the change does: "Result of “Login with SSO” in run “Sprint 42”"."""
    data = issue.data()
    run = f"“{issue.run_name}”"
    if issue.kind is OutboxKind.SET_RESULT:
        title = issue.test_case_title or data.get("test_case_id", "a test case")
        return f"Result of “{title}” in run {run}"
    if issue.kind is OutboxKind.CREATE_RUN:
        return f"Create run “{data.get('name', issue.run_name)}”"
    if issue.kind is OutboxKind.CLOSE_RUN:
        return f"Close run {run}"
    return _describe_update(issue, data)


def _describe_update(issue: SyncIssue, data: dict[str, object]) -> str:
    parts: list[str] = []
    if "name" in data:
        parts.append(f"Rename run to “{data['name']}”")
    if "milestone_id" in data:
        milestone = issue.run_milestone_name if data["milestone_id"] else None
        target = f"milestone “{milestone}”" if milestone else "no milestone"
        subject = "move it" if parts else f"Move run “{issue.run_name}”"
        parts.append(f"{subject} to {target}")
    return "; ".join(parts) or f"Update run “{issue.run_name}”"


def is_closed_on_server(issue: SyncIssue) -> bool:
    return issue.state is OutboxState.CONFLICT and issue.last_error == CLOSED_ON_SERVER


def state_words(issue: SyncIssue) -> str:
    """Where the change stands: "Rejected by the server", "Retrying"."""
    if is_closed_on_server(issue):
        return _CLOSED_WORDS
    return STATE_WORDS[issue.state]


def reason_words(issue: SyncIssue) -> str:
    """Why: the server's or the engine's own words, else a plain default for the state."""
    reason = (issue.last_error or "").strip()
    return reason or _DEFAULT_REASONS[issue.state]


def local_time(moment: datetime) -> str:
    """A timestamp in the computer's time zone: "2 Nov 2026, 10:05"."""
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


def change_values(issue: SyncIssue) -> list[tuple[str, str]]:
    """The values the change carries, as (label, value) pairs a tester can read."""
    data = issue.data()
    if issue.kind is OutboxKind.SET_RESULT:
        return [
            ("Status", _status_label(data.get("status"))),
            ("Note", str(data.get("note") or "(none)")),
            ("Elapsed", format_elapsed(data.get("elapsed"))),
        ]
    if issue.kind is OutboxKind.CREATE_RUN:
        cases = data.get("test_case_ids") or []
        return [
            ("Name", str(data.get("name", issue.run_name))),
            ("Test cases", str(len(cases))),
            ("Milestone", issue.run_milestone_name or "(none)"),
        ]
    if issue.kind is OutboxKind.UPDATE_RUN:
        values = []
        if "name" in data:
            values.append(("New name", str(data["name"])))
        if "milestone_id" in data:
            values.append(("Milestone", issue.run_milestone_name or "(none)"))
        return values
    return [("Run", issue.run_name)]


def format_elapsed(elapsed: object) -> str:
    """Seconds as "1 h 02 min 05 s", "3 min 20 s", "45 s"; "(not timed)" when empty."""
    if not isinstance(elapsed, int) or isinstance(elapsed, bool) or elapsed < 0:
        return "(not timed)"
    hours, rest = divmod(elapsed, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min {seconds:02d} s"
    if minutes:
        return f"{minutes} min {seconds:02d} s"
    return f"{seconds} s"


def _status_label(value: object) -> str:
    try:
        return ResultStatus.parse(str(value)).label
    except ValueError:
        return str(value)


def retry_words(issue: SyncIssue) -> str:
    """What Retry does for this entry."""
    if not issue.is_parked:
        return (
            "Testdeck already tries again on its own with growing pauses; "
            "“Sync now” tries at once. Retry is only for changes set aside."
        )
    if issue.state is OutboxState.WAITING_SUPPORT:
        return "Retry sends it again; if the server still does not support it, it waits here again."
    if is_closed_on_server(issue):
        return (
            "Retry sends it again, but the server refuses changes to a closed run: "
            "reopen the run on the server first."
        )
    return "Retry sends it again unchanged; it comes back here if the server refuses it again."


def discard_words(issue: SyncIssue) -> str:
    """What Discard does for this entry: what is lost and what takes its place."""
    if issue.kind is OutboxKind.CREATE_RUN:
        return (
            f"Discard deletes the run “{issue.run_name}” from this computer, with every result "
            "recorded in it; it never reaches the server."
        )
    if issue.kind is OutboxKind.SET_RESULT:
        return (
            "Discard throws this result away; the next sync brings back the server's result "
            "for this test case."
        )
    if issue.kind is OutboxKind.CLOSE_RUN:
        return "Discard cancels the close; the next sync brings back the run as the server has it."
    return "Discard cancels this change; the next sync brings back the server's values."


def discard_question(issue: SyncIssue) -> str:
    """The confirmation text: names what will be lost."""
    lost = describe_change(issue)
    values = ", ".join(f"{label.lower()} {value}" for label, value in change_values(issue))
    detail = f" ({values})" if issue.kind is OutboxKind.SET_RESULT else ""
    return f"Discard “{lost}”{detail}?\n\n{discard_words(issue)}\n\nThis cannot be undone."


def plain_report(issue: SyncIssue) -> str:
    """Every detail of the entry as plain text, for the clipboard or a bug report."""
    lines = [
        f"Change: {describe_change(issue)}",
        f"State: {state_words(issue)}",
        f"Reason: {reason_words(issue)}",
        f"Made: {local_time(issue.created_at)}",
    ]
    lines += [f"{label}: {value}" for label, value in change_values(issue)]
    lines += _attempt_lines(issue)
    lines += [
        retry_words(issue),
        discard_words(issue),
        f"Outbox entry: #{issue.seq} ({issue.kind.value}, {issue.state.value})",
    ]
    return "\n".join(lines)


def _attempt_lines(issue: SyncIssue) -> list[str]:
    lines = [f"Failed attempts: {issue.attempts}"] if issue.attempts else []
    if issue.next_attempt_at is not None and not issue.is_parked:
        lines.append(f"Next attempt: {local_time(issue.next_attempt_at)}")
    return lines
