"""Local edits: record a result, create, edit and close runs. Each is queued for the next sync.

Every edit goes through the store's `EditCommands`, exactly as the desktop app's do, so the
change and its outbox entry are saved together before the command reports success.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import CliContext
from app.cli.errors import CliError
from app.cli.local import find_run
from app.cli.output import plural
from app.cli.views import counts_text, percent, quoted, result_json, run_json
from app.domain import ResultStatus, ValidationError, parse_elapsed_text
from app.store import UNSET, RunRow

DELIVERY = "it will be delivered on the next sync."
NO_MILESTONE = "none"


def record(context: CliContext, args: argparse.Namespace) -> int:
    status = _status(args.status)
    elapsed = UNSET if args.elapsed is None else parse_elapsed_text(args.elapsed)
    run = find_run(context, args.run)
    current = context.queries.result_for_case(run.id, args.case)
    saved = context.commands.record_result(
        current.id,
        status,
        note=current.note if args.note is None else args.note,
        elapsed=current.elapsed if elapsed is UNSET else elapsed,
    )
    if args.json:
        context.out.json(result_json(saved))
    else:
        context.out.line(
            f"Recorded {saved.status.value} for {saved.test_case_id} in {quoted(run.name)}; "
            + DELIVERY
        )
    return 0


def new_run(context: CliContext, args: argparse.Namespace) -> int:
    created = context.commands.create_run(
        context.project_id(), args.name, args.cases, milestone_id=args.milestone
    )
    if args.json:
        context.out.json(run_json(created))
    else:
        cases = plural(created.summary.total, "test case")
        context.out.line(
            f"Created the run {quoted(created.name)} as {created.key} with {cases}; " + DELIVERY
        )
    return 0


def edit_run(context: CliContext, args: argparse.Namespace) -> int:
    changes = _run_changes(args)
    before = find_run(context, args.run)
    after = context.commands.update_run(before.id, **changes)
    if args.json:
        context.out.json(run_json(after))
        return 0
    if (after.name, after.milestone_id) == (before.name, before.milestone_id):
        context.out.line(f"Nothing changed: the run {after.key} already looks like that.")
        return 0
    milestone = after.milestone_name or after.milestone_id
    linked = f"milestone {milestone}" if milestone else "no milestone"
    context.out.line(f"Updated {after.key}: name {quoted(after.name)}, {linked}; " + DELIVERY)
    return 0


def close(context: CliContext, args: argparse.Namespace) -> int:
    run = find_run(context, args.run)
    closed = context.commands.close_run(run.id)
    if args.json:
        context.out.json(run_json(closed))
        return 0
    context.out.lines(
        [
            f"Closed {quoted(closed.name)} ({closed.key}): {counts_text(closed.summary)}; "
            f"pass rate {percent(closed.pass_rate)}.",
            f"{_unsent(closed)}; the server closes the run on the next sync, after its results.",
        ]
    )
    return 0


def _status(text: str) -> ResultStatus:
    try:
        return ResultStatus.parse(text)
    except ValueError as error:
        raise ValidationError("status", str(error)) from None


def _run_changes(args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if args.name is not None:
        changes["name"] = args.name
    if args.milestone is not None:
        wanted = args.milestone.strip()
        changes["milestone_id"] = None if wanted.lower() == NO_MILESTONE else wanted
    if not changes:
        raise CliError("Nothing to change: give --name NAME and/or --milestone ID (or none).")
    return changes


def _unsent(run: RunRow) -> str:
    waiting = "is" if run.undelivered == 1 else "are"
    return f"{plural(run.undelivered, 'change')} of this run {waiting} waiting for delivery"
