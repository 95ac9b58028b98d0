"""`testdeck status` and `testdeck sync`: what is waiting for delivery, and one sync pass.

`status` reads only the local cache. `sync` runs one full pass of the sync engine against
the configured server, headless, with the token from `TESTDECK_TOKEN` or the token store.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.api import TestablyClient
from app.cli.connection import environment_token
from app.cli.context import CliContext
from app.cli.errors import EXIT_ERROR, EXIT_OK, EXIT_PARKED, CliError
from app.cli.output import moment_text, plural, timestamp
from app.cli.views import entry_json, entry_lines
from app.domain import ApiToken
from app.store import OutboxRecord, RunRow
from app.sync import PassReport, SyncState, SyncStatus
from app.sync.engine import SyncEngine

Undelivered = list[tuple[OutboxRecord, RunRow]]

NO_TOKEN = "No API token is saved for this server; run `testdeck connect` (or set TESTDECK_TOKEN)."
STATE_WORDS = {
    SyncState.ONLINE: "online",
    SyncState.OFFLINE: "offline: the server could not be reached",
    SyncState.SIGNED_OUT: "signed out: the server needs a valid API token",
    SyncState.PAUSED: "paused: this token may not use the project",
    SyncState.WAITING_SUPPORT: "online, but the server does not accept these changes yet",
}
STOPPED = frozenset({SyncState.OFFLINE, SyncState.SIGNED_OUT, SyncState.PAUSED})


def show_status(context: CliContext, args: argparse.Namespace) -> int:
    project_id = context.project_id()
    undelivered = _undelivered(context)
    status = _status(context, project_id, _of_project(undelivered, project_id))
    if args.json:
        context.out.json({**_status_json(context, status), "entries": _entries_json(undelivered)})
    else:
        lines = [*_status_lines(context, status), *_entry_lines(undelivered, project_id)]
        context.out.lines(lines)
    return EXIT_OK


def sync(context: CliContext, args: argparse.Namespace) -> int:
    project_id = context.project_id()
    token = _token(context)
    if token is None:
        raise CliError(NO_TOKEN)
    with _client(context, token) as client:
        report = SyncEngine(context.database, client, project_id).run_pass()
    undelivered = _undelivered(context)
    exit_code, problem = _outcome(report.status)
    if args.json:
        document = {**_report_json(report), **_status_json(context, report.status)}
        context.out.json({**document, "entries": _entries_json(undelivered)})
    else:
        context.out.lines([*_report_lines(report), *_entry_lines(undelivered, project_id)])
    if problem:
        context.err.line(f"error: {problem}")
    return exit_code


def _token(context: CliContext) -> ApiToken | None:
    return environment_token(context) or context.tokens.load(context.settings.server_url)


def _client(context: CliContext, token: ApiToken) -> TestablyClient:
    return TestablyClient(context.settings.server_url, token)


def _status(context: CliContext, project_id: str, undelivered: Undelivered) -> SyncStatus:
    """The engine's status; without a token (no engine can be built) the local counts."""
    token = _token(context)
    if token is None:
        return _signed_out_status(undelivered)
    with _client(context, token) as client:  # the engine's status never uses the network
        return SyncEngine(context.database, client, project_id).status()


def _signed_out_status(undelivered: Undelivered) -> SyncStatus:
    entries = [entry for entry, _ in undelivered]
    return SyncStatus(
        state=SyncState.SIGNED_OUT,
        pending=len(entries),
        parked=sum(entry.state.is_parked for entry in entries),
        oldest_pending_at=min((entry.created_at for entry in entries), default=None),
        last_error=NO_TOKEN,
    )


def _undelivered(context: CliContext) -> Undelivered:
    """Every undelivered change, in delivery order, with its run (of any project)."""
    runs: dict[int, RunRow] = {}
    undelivered = []
    for entry in context.queries.outbox():
        if entry.run_id not in runs:
            runs[entry.run_id] = context.queries.run(entry.run_id)
        undelivered.append((entry, runs[entry.run_id]))
    return undelivered


def _of_project(undelivered: Undelivered, project_id: str) -> Undelivered:
    return [(entry, run) for entry, run in undelivered if run.project_id == project_id]


def _outcome(status: SyncStatus) -> tuple[int, str | None]:
    """The exit code of a pass, and the problem to report on stderr, if any."""
    if status.state in STOPPED or status.last_error:  # the pass stopped before its end
        return EXIT_ERROR, status.last_error or STATE_WORDS[status.state]
    if status.parked:
        return EXIT_PARKED, None
    waiting = status.pending
    if waiting:
        reason = f" (last problem: {status.last_error})" if status.last_error else ""
        return EXIT_ERROR, f"{plural(waiting, 'change')} could not be delivered yet{reason}."
    return EXIT_OK, None


def _status_lines(context: CliContext, status: SyncStatus) -> list[str]:
    settings = context.settings
    lines = [
        f"Project:      {settings.project_id} on {settings.server_url}",
        f"Connection:   {_connection_words(status)}",
        f"Last sync:    {moment_text(status.last_success_at)}",
    ]
    if status.last_error:
        lines.append(f"Last problem: {status.last_error}")
    return lines


def _connection_words(status: SyncStatus) -> str:
    never_tried = status.last_success_at is None and status.last_error is None
    if status.state is SyncState.OFFLINE and never_tried:
        return "not synced yet"
    return STATE_WORDS[status.state]


def _report_lines(report: PassReport) -> list[str]:
    push, pull, status = report.push, report.pull, report.status
    return [
        f"Pushed: {push.delivered} delivered, {push.parked} parked, "
        f"{push.rescheduled} to retry later.",
        f"Pulled: {pull.runs_listed} runs listed, {pull.runs_fetched} fetched, "
        f"{pull.runs_removed} removed, {pull.conflicts} conflicts.",
        f"Connection: {STATE_WORDS[status.state]}.",
    ]


def _entry_lines(undelivered: Undelivered, project_id: str) -> list[str]:
    here = _of_project(undelivered, project_id)
    elsewhere = [(entry, run) for entry, run in undelivered if run.project_id != project_id]
    lines = _listing(here) if here else ["Everything is delivered."]
    for other in sorted({run.project_id for _, run in elsewhere}):
        lines += [
            f"Project {other} (not the one connected; `testdeck connect --project {other}` "
            "delivers these):",
            *_listing(_of_project(elsewhere, other)),
        ]
    return lines


def _listing(undelivered: Undelivered) -> list[str]:
    parked = sum(entry.state.is_parked for entry, _ in undelivered)
    oldest = min(entry.created_at for entry, _ in undelivered)
    lines = [
        f"Undelivered:  {plural(len(undelivered), 'change')}, {parked} parked; "
        f"the oldest from {moment_text(oldest)}."
    ]
    for entry, run in undelivered:
        lines += entry_lines(entry, run)
    return lines


def _status_json(context: CliContext, status: SyncStatus) -> dict[str, Any]:
    return {
        "project_id": context.settings.project_id,
        "server_url": context.settings.server_url,
        "state": status.state.value,
        "pending": status.pending,
        "parked": status.parked,
        "oldest_pending_at": timestamp(status.oldest_pending_at),
        "last_success_at": timestamp(status.last_success_at),
        "last_error": status.last_error,
    }


def _report_json(report: PassReport) -> dict[str, Any]:
    push, pull = report.push, report.pull
    return {
        "pushed": {
            "delivered": push.delivered,
            "parked": push.parked,
            "rescheduled": push.rescheduled,
        },
        "pulled": {
            "runs_listed": pull.runs_listed,
            "runs_fetched": pull.runs_fetched,
            "runs_removed": pull.runs_removed,
            "conflicts": pull.conflicts,
        },
    }


def _entries_json(undelivered: Undelivered) -> list[dict[str, Any]]:
    return [entry_json(entry, run) for entry, run in undelivered]
