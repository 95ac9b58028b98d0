"""Reading the local copy: the project's runs, and the results of one run. Works offline."""

from __future__ import annotations

import argparse

from app.cli.context import CliContext
from app.cli.views import (
    RESULT_HEADERS,
    RUN_HEADERS,
    result_cells,
    result_json,
    run_cells,
    run_json,
    run_title,
)
from app.store import RunRow


def show_runs(context: CliContext, args: argparse.Namespace) -> int:
    project_id = context.project_id()
    runs = context.queries.runs(project_id)
    if args.json:
        context.out.json([run_json(run) for run in runs])
    elif not runs:
        context.out.line(
            f"No runs of project {project_id} in the local copy yet. "
            "`testdeck sync` fetches them; `testdeck new-run` creates one."
        )
    else:
        context.out.table(RUN_HEADERS, [run_cells(run) for run in runs])
    return 0


def show_results(context: CliContext, args: argparse.Namespace) -> int:
    run = find_run(context, args.run)
    results = context.queries.results(run.id)
    if args.json:
        context.out.json([result_json(result) for result in results])
        return 0
    context.out.line(run_title(run))
    if results:
        context.out.table(RESULT_HEADERS, [result_cells(result) for result in results])
    else:
        context.out.line("This run has no results.")
    return 0


def find_run(context: CliContext, reference: str) -> RunRow:
    """A run of the configured project by server id or local key; NotFoundError otherwise."""
    return context.queries.find_run(context.project_id(), reference)
