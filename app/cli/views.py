"""How runs, results and undelivered changes look on the terminal and in `--json`.

JSON field names are part of the command line's contract: scripts read them, so they only
ever gain fields, never lose or rename them.
"""

from __future__ import annotations

from typing import Any

from app.cli.output import one_line, plural, timestamp
from app.domain import ResultStatus, RunSummary, format_elapsed
from app.store import OutboxKind, OutboxRecord, OutboxState, ResultRow, RunRow

NAME_WIDTH = 40
NOTE_WIDTH = 40
SYNCED = "synced"
PENDING = "pending"

STATE_WORDS = {
    OutboxState.PENDING: "waiting to be sent",
    OutboxState.IN_FLIGHT: "being sent",
    OutboxState.WAITING_SUPPORT: "waiting for server support",
    OutboxState.REJECTED: "rejected by the server",
    OutboxState.CONFLICT: "in conflict with the server",
}

RUN_HEADERS = (
    "KEY",
    "NAME",
    "STATUS",
    "PASSED",
    "FAILED",
    "BLOCKED",
    "RETEST",
    "NOT TESTED",
    "PASS RATE",
    "MILESTONE",
    "SYNC",
)
RESULT_HEADERS = ("CASE", "TITLE", "STATUS", "ELAPSED", "NOTE", "SYNC")


def quoted(name: str) -> str:
    return f"“{name}”"


def percent(rate: float) -> str:
    return f"{rate:.1f}%"


def counts_text(summary: RunSummary) -> str:
    """`10 passed, 2 failed, 0 blocked, 0 retest, 3 not tested`."""
    return ", ".join(f"{summary.count(status)} {status.label.lower()}" for status in ResultStatus)


def run_title(run: RunRow) -> str:
    """`“Regression” (run_12), active, 12 of 15 tested, pass rate 66.7%`."""
    summary = run.summary
    return (
        f"{quoted(run.name)} ({run.key}), {run.status}, {summary.tested} of {summary.total} "
        f"tested, pass rate {percent(run.pass_rate)}"
    )


def run_sync_text(run: RunRow) -> str:
    words = [f"{run.undelivered} unsent"] if run.undelivered else []
    if run.parked:
        words.append(f"{run.parked} parked")
    if run.missing_on_server:
        words.append("missing on server")
    return ", ".join(words) or SYNCED


def run_cells(run: RunRow) -> list[str]:
    summary = run.summary
    return [
        run.key,
        one_line(run.name, NAME_WIDTH),
        run.status,
        *(str(summary.count(status)) for status in ResultStatus),
        percent(run.pass_rate),
        run.milestone_name or run.milestone_id or "-",
        run_sync_text(run),
    ]


def run_json(run: RunRow) -> dict[str, Any]:
    summary = run.summary
    return {
        "key": run.key,
        "id": run.id,
        "server_id": run.server_id,
        "name": run.name,
        "status": run.status,
        "read_only": run.is_read_only,
        "milestone_id": run.milestone_id,
        "milestone_name": run.milestone_name,
        "total": summary.total,
        **{status.value: summary.count(status) for status in ResultStatus},
        "pass_rate": run.pass_rate,
        "created_by": run.created_by,
        "created_at": timestamp(run.created_at),
        "closed_at": timestamp(run.closed_at),
        "undelivered": run.undelivered,
        "parked": run.parked,
        "missing_on_server": run.missing_on_server,
    }


def result_sync_state(result: ResultRow) -> str:
    """`synced`, `pending`, or the parked state (`rejected`, `conflict`, ...)."""
    if result.parked_state is not None:
        return result.parked_state.value
    return SYNCED if result.is_delivered else PENDING


def result_sync_text(result: ResultRow) -> str:
    if result.parked_state is not None:
        return STATE_WORDS[result.parked_state]
    return SYNCED if result.is_delivered else "waiting to sync"


def elapsed_text(seconds: int | None) -> str | None:
    return None if seconds is None else format_elapsed(seconds)


def result_cells(result: ResultRow) -> list[str]:
    return [
        result.test_case_id,
        one_line(result.test_case_title, NAME_WIDTH),
        result.status.label,
        elapsed_text(result.elapsed) or "-",
        one_line(result.note, NOTE_WIDTH),
        result_sync_text(result),
    ]


def result_json(result: ResultRow) -> dict[str, Any]:
    return {
        "result_id": result.id,
        "server_id": result.server_id,
        "test_case_id": result.test_case_id,
        "title": result.test_case_title,
        "status": result.status.value,
        "elapsed": result.elapsed,
        "elapsed_text": elapsed_text(result.elapsed),
        "note": result.note,
        "tested_by": result.tested_by,
        "tested_at": timestamp(result.tested_at),
        "executed_at": timestamp(result.executed_at),
        "sync_state": result_sync_state(result),
    }


def change_words(entry: OutboxRecord, run: RunRow) -> str:
    """What an undelivered change does, in plain words: `record failed for tc_12 in “Smoke”`."""
    data = entry.data()
    if entry.kind is OutboxKind.SET_RESULT:
        return f"record {data.get('status')} for {data.get('test_case_id')} in {quoted(run.name)}"
    if entry.kind is OutboxKind.CREATE_RUN:
        return f"create the run {quoted(run.name)}"
    if entry.kind is OutboxKind.CLOSE_RUN:
        return f"close the run {quoted(run.name)}"
    return f"change the run {quoted(run.name)}: " + _update_words(data)


def _update_words(data: dict[str, Any]) -> str:
    words = []
    if "name" in data:
        words.append(f"name {quoted(str(data['name']))}")
    if "milestone_id" in data:
        milestone = data["milestone_id"]
        words.append(f"milestone {milestone}" if milestone else "no milestone")
    return ", ".join(words)


def entry_lines(entry: OutboxRecord, run: RunRow) -> list[str]:
    """Two lines: what the change is, then where it stands and why."""
    standing = f"{STATE_WORDS[entry.state]} ({plural(entry.attempts, 'attempt')})"
    if entry.last_error:
        standing += f": {entry.last_error}"
    return [f"#{entry.seq}  {change_words(entry, run)} [{run.key}]", f"      {standing}"]


def entry_json(entry: OutboxRecord, run: RunRow) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "kind": entry.kind.value,
        "project_id": run.project_id,
        "run_key": run.key,
        "run_name": run.name,
        "result_id": entry.result_id,
        "state": entry.state.value,
        "parked": entry.state.is_parked,
        "attempts": entry.attempts,
        "next_attempt_at": timestamp(entry.next_attempt_at),
        "last_error": entry.last_error,
        "created_at": timestamp(entry.created_at),
        "description": change_words(entry, run),
    }
