"""A result edit and its outbox entry survive a SIGKILL together, or not at all.

Each trial starts a child process that records the 200 results of a run one by one and
acknowledges every committed edit on stdout. The parent reads a random number of
acknowledgements, pauses for a random share of an edit's duration, then kills the child with
SIGKILL, so the kills land all over the edit: before, during and after its commit. The
database must then hold exactly the edits that committed, each with its one outbox entry,
every acknowledged edit among them.

A killed process leaves the operating system's page cache intact, so this proves atomicity
and that a returned command has committed; it cannot tell `synchronous=FULL` from `NORMAL`,
which only differ on power loss.

Run as a module, this file is that child:

    python -m tests.unit.store.test_crash_atomicity <database> <run_id>
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import IO

import pytest

from app.domain import ResultStatus, RunSummary
from app.store import EditCommands, OutboxKind, OutboxRecord, Queries, ResultRow, open_database
from tests.builders import new_database, seed_project, seed_server_run

CHILD_MODULE = "tests.unit.store.test_crash_atomicity"
REPO_ROOT = Path(__file__).resolve().parents[3]
RESULTS = 200
TRIALS = 20
MIN_INTERRUPTED = 15
MIN_LANDINGS = 2
MAX_DELAY_EDITS = 2.0
SEED = 20261128
READY = "ready\n"
VERDICTS = (ResultStatus.PASSED, ResultStatus.FAILED, ResultStatus.BLOCKED, ResultStatus.RETEST)


def planned_edit(position: int) -> tuple[ResultStatus, str, int]:
    """What the child records for the result at `position`: status, note, elapsed."""
    return VERDICTS[position % len(VERDICTS)], f"note {position}", position


def record_every_result(database: Path, run_id: int) -> None:
    """The child: record each result of the run in order, acknowledging each commit."""
    engine = open_database(database, database.parent / "backups")
    commands = EditCommands(engine)
    result_ids = [row.id for row in Queries(engine).results(run_id)]
    sys.stdout.write(READY)
    sys.stdout.flush()
    for position, result_id in enumerate(result_ids):
        commands.record_result(result_id, *planned_edit(position))
        sys.stdout.write(f"{position}\n")
        sys.stdout.flush()
    engine.dispose()


@pytest.mark.slow
@pytest.mark.skipif(
    sys.platform == "win32", reason="Windows has no SIGKILL to kill the child without warning"
)
def test_result_edits_and_their_outbox_entries_survive_sigkill_together(tmp_path: Path) -> None:
    template, run_id = _build_template(tmp_path / "template")
    rng = random.Random(SEED)
    pace = _Pace()
    interrupted = landed_before_next_commit = 0
    for trial in range(TRIALS):
        database = _copy(template, tmp_path / f"trial-{trial:02d}" / "testdeck.sqlite3")
        acknowledged = rng.randrange(RESULTS)
        _kill_after(database, run_id, acknowledged, rng.uniform(0.0, MAX_DELAY_EDITS), pace)

        committed = _check_database(database, run_id, f"trial {trial} (k={acknowledged})")

        assert committed >= acknowledged, f"trial {trial}: an acknowledged edit was lost"
        interrupted += committed < RESULTS
        landed_before_next_commit += committed == acknowledged
    print(
        f"{interrupted} of {TRIALS} kills interrupted the edits, {landed_before_next_commit} "
        f"before the edit after the last acknowledged one committed; "
        f"{pace.edit_seconds * 1000:.2f} ms per edit"
    )
    assert interrupted >= MIN_INTERRUPTED, f"only {interrupted} of {TRIALS} trials cut the edits"
    # Kills all landing at the same point of an edit would leave most of it untested.
    assert MIN_LANDINGS <= landed_before_next_commit <= TRIALS - MIN_LANDINGS, (
        f"{landed_before_next_commit} of {TRIALS} kills landed before the next commit"
    )


class _Pace:
    """How long one edit takes in the child, from the acknowledgements read so far."""

    def __init__(self) -> None:
        self.edit_seconds = 0.002  # until a trial has measured it

    def observe(self, edits: int, seconds: float) -> None:
        if edits >= 10:
            self.edit_seconds = seconds / edits


def _build_template(directory: Path) -> tuple[Path, int]:
    engine = new_database(directory)
    try:
        project = seed_project(engine, cases=RESULTS)
        run_id = seed_server_run(engine, project, "Crash campaign", server_id="run_crash")
        assert engine.url.database is not None
        return Path(engine.url.database), run_id
    finally:
        engine.dispose()  # closing the last connection checkpoints the WAL


def _copy(template: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True)
    with (
        contextlib.closing(sqlite3.connect(template)) as source,
        contextlib.closing(sqlite3.connect(target)) as copy,
    ):
        source.backup(copy)
    return target


def _kill_after(
    database: Path, run_id: int, acknowledged: int, delay_edits: float, pace: _Pace
) -> None:
    """Start the child, read `acknowledged` commits, wait `delay_edits` edits, SIGKILL it."""
    errors = database.parent / "child.stderr"
    command = [sys.executable, "-m", CHILD_MODULE, str(database), str(run_id)]
    with errors.open("w") as stderr:
        child = subprocess.Popen(
            command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=stderr, text=True
        )
    with child:
        try:
            assert child.stdout is not None
            _expect_line(child.stdout, READY, errors)
            started = time.perf_counter()
            for position in range(acknowledged):
                _expect_line(child.stdout, f"{position}\n", errors)
            pace.observe(acknowledged, time.perf_counter() - started)
            # Not a wait for anything: the pipe already synchronised us with the child. Killed
            # at once, the child always dies at the very start of the next edit, long before
            # its commit; this random pause spreads the kills over the whole edit instead.
            time.sleep(delay_edits * pace.edit_seconds)
        finally:
            os.kill(child.pid, signal.SIGKILL)  # a zombie if it already finished: harmless
            returncode = child.wait()
    # 0 only when the child finished all its edits before the kill arrived.
    assert returncode in (0, -signal.SIGKILL), errors.read_text()


def _expect_line(stdout: IO[str], expected: str, errors: Path) -> None:
    line = stdout.readline()
    assert line == expected, f"child said {line!r}, expected {expected!r}:\n{errors.read_text()}"


def _check_database(database: Path, run_id: int, trial: str) -> int:
    """Check the killed child's database; returns how many edits committed."""
    engine = open_database(database, database.parent / "backups")
    try:
        with engine.connect() as connection:
            integrity = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
        queries = Queries(engine)
        results, outbox, run = queries.results(run_id), queries.outbox(), queries.run(run_id)
    finally:
        engine.dispose()
    assert integrity == ["ok"], trial
    assert len(results) == RESULTS, trial
    committed = _check_each_result(results, outbox, trial)
    assert [entry.result_id for entry in outbox] == [row.id for row in results[:committed]], (
        f"{trial}: outbox entries are not the committed edits in commit order"
    )
    assert run.summary == RunSummary.from_statuses(row.status for row in results), (
        f"{trial}: the run's counts disagree with its results"
    )
    return committed


def _check_each_result(results: list[ResultRow], outbox: list[OutboxRecord], trial: str) -> int:
    """Every result is changed iff one matching entry exists; returns the changed prefix."""
    result_ids = {row.id for row in results}
    for entry in outbox:
        assert entry.kind == OutboxKind.SET_RESULT, f"{trial}: unexpected entry {entry}"
        assert entry.result_id in result_ids, f"{trial}: entry for no result: {entry}"
    entries = {entry.result_id: entry for entry in outbox}
    per_result = Counter(entry.result_id for entry in outbox)
    changed = [_is_changed(row) for row in results]
    for row, is_changed in zip(results, changed, strict=True):
        if is_changed:
            assert per_result[row.id] == 1, f"{trial}: {per_result[row.id]} entries for {row}"
            _check_edit(row, entries[row.id], trial)
        else:
            assert per_result[row.id] == 0, f"{trial}: entry without its change: {row}"
            assert (row.elapsed, row.executed_at) == (None, None), f"{trial}: half edit {row}"
    committed = sum(changed)
    assert changed == [True] * committed + [False] * (RESULTS - committed), (
        f"{trial}: the committed edits are not a prefix of the edits made in order"
    )
    return committed


def _is_changed(row: ResultRow) -> bool:
    return row.status != ResultStatus.NOT_TESTED or row.note is not None


def _check_edit(row: ResultRow, entry: OutboxRecord, trial: str) -> None:
    status, note, elapsed = planned_edit(row.position)
    assert (row.status, row.note, row.elapsed) == (status, note, elapsed), f"{trial}: {row}"
    assert row.executed_at is not None, f"{trial}: {row}"
    assert entry.data() == {
        "test_case_id": row.test_case_id,
        "status": row.status.value,
        "note": row.note,
        "elapsed": row.elapsed,
    }, f"{trial}: payload {entry.payload} does not match {row}"


if __name__ == "__main__":
    record_every_result(Path(sys.argv[1]), int(sys.argv[2]))
