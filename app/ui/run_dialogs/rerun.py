"""Re-running a run: a New run preset with the cases worth running again.

Everything is read from the local cache, so a re-run can be prepared offline.
"""

from __future__ import annotations

import re
from enum import Enum

from app.domain import MAX_RUN_NAME_LENGTH, ResultStatus
from app.store import Queries, ResultRow
from app.ui.run_dialogs.preset import RunPreset

RERUN_SUFFIX = " — re-run"
_RERUN_NAME = re.compile(r"^(?P<base>.*?) — re-run(?: (?P<number>\d+))?$", re.DOTALL)


class RerunScope(Enum):
    """Which cases of the source run a re-run takes."""

    FAILED_AND_BLOCKED = "failed_and_blocked"
    ALL = "all"

    @property
    def title(self) -> str:
        """The dialog's window title for this scope."""
        if self is RerunScope.FAILED_AND_BLOCKED:
            return "Re-run failed and blocked cases"
        return "Re-run all cases"

    def takes(self, result: ResultRow) -> bool:
        if self is RerunScope.ALL:
            return True
        return result.status in (ResultStatus.FAILED, ResultStatus.BLOCKED)


def rerun_preset(queries: Queries, run_id: int, scope: RerunScope) -> RunPreset:
    """A New run preset repeating `scope`'s cases of run `run_id`, in the run's order.

    Cases the cached catalogue no longer holds are left out and counted in `missing`.

    Raises:
        StoreError: the run is not in the cache, or the cache can't be read.
    """
    run = queries.run(run_id)
    taken = [result.test_case_id for result in queries.results(run_id) if scope.takes(result)]
    taken = list(dict.fromkeys(taken))
    catalogue = {case.id for case in queries.test_cases(run.project_id)}
    case_ids = tuple(case_id for case_id in taken if case_id in catalogue)
    return RunPreset(
        title=scope.title,
        name=rerun_name(run.name),
        case_ids=case_ids,
        milestone_id=run.milestone_id,
        missing=len(taken) - len(case_ids),
        empty_message=_empty_message(scope) if not taken else "",
    )


def rerun_name(source: str) -> str:
    """ "Checkout smoke" → "Checkout smoke — re-run" → "Checkout smoke — re-run 2" → ...

    The base is shortened (with "…") when needed, so the name fits in 250 characters.
    """
    base, number = source.strip(), 1
    match = _RERUN_NAME.match(base)
    if match is not None and match.group("base").strip():
        base = match.group("base").strip()
        number = int(match.group("number") or 1) + 1
    suffix = RERUN_SUFFIX if number == 1 else f"{RERUN_SUFFIX} {number}"
    room = MAX_RUN_NAME_LENGTH - len(suffix)
    if len(base) > room:
        base = base[: room - 1].rstrip() + "…"
    return base + suffix


def _empty_message(scope: RerunScope) -> str:
    if scope is RerunScope.FAILED_AND_BLOCKED:
        return "Nothing failed or blocked in this run."
    return "This run has no test cases."
