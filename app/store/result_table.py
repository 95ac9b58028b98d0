"""The fast read behind the results table of a run: plain tuples, one SQL statement.

`Queries.results()` builds a `ResultRow` per result and parses its timestamps; for a
10,000-result run that costs several times the read itself. The table shows only a few
columns, so this read selects just those (and only the start of each note) and hands back
`ResultTableRow` tuples made straight from the driver's rows.

Undelivered and parked mean what they mean in `app.store.queries`: the outbox entries of
the result still waiting for delivery, and the state of the first of them set aside until
the user retries or discards it (`rejected`, `conflict`, `waiting_support`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import NamedTuple

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.store.errors import DatabaseUnavailableError
from app.store.outbox import PARKED_STATES


class ResultTableRow(NamedTuple):
    """One row of the results table, exactly as the database holds it (nothing parsed).

    Attributes:
        status: the raw status value (`passed`, `not_tested`, ...).
        elapsed: seconds, or None when not timed.
        note_start: the first 400 characters of the note, or None (see `note_line`).
        undelivered: outbox entries about this result still waiting for delivery.
        parked_state: the state of its parked entry (`rejected`, ...), or None.
    """

    id: int
    test_case_title: str
    status: str
    tested_by: str | None
    elapsed: int | None
    note_start: str | None
    undelivered: int
    parked_state: str | None
    position: int
    test_case_id: str

    @property
    def note_line(self) -> str | None:
        """The first non-blank line of the note, at most 200 characters; None when blank.

        Cut here rather than in SQL: string functions on every note of a 10,000-result run
        cost SQLite more than the whole read, while the table needs only the visible rows.
        """
        return note_first_line(self.note_start)


NOTE_START_LIMIT = 400
NOTE_LINE_LIMIT = 200
_BLANKS = " \t\r\n"


def note_first_line(note: str | None) -> str | None:
    """The first non-blank line of `note`, at most 200 characters; None when blank."""
    if not note:
        return None
    line = note.lstrip(_BLANKS).split("\n", 1)[0][:NOTE_LINE_LIMIT].rstrip(_BLANKS)
    return line or None


_as_record = partial(tuple.__new__, ResultTableRow)
"""A driver row as a `ResultTableRow`, without `_make`'s Python-level call (a third faster)."""

_PARKED_LIST = ", ".join(f"'{state.value}'" for state in sorted(PARKED_STATES))
_COLUMNS = f"""
    r.id, r.test_case_title, r.status, r.tested_by, r.elapsed,
    substr(r.note, 1, {NOTE_START_LIMIT}),
    coalesce(o.undelivered, 0), o.parked_state, r.position, r.test_case_id
"""
_PER_RESULT = f"""
    SELECT result_id, count(*) AS undelivered,
           min(CASE WHEN state IN ({_PARKED_LIST}) THEN state END) AS parked_state
    FROM outbox
    WHERE {{outbox_filter}} AND result_id IS NOT NULL
    GROUP BY result_id
"""
ROWS_OF_RUN_SQL = f"""
    SELECT {_COLUMNS}
    FROM result AS r
    LEFT JOIN ({_PER_RESULT.format(outbox_filter="run_id = :run_id")}) AS o
        ON o.result_id = r.id
    WHERE r.run_id = :run_id
    ORDER BY r.position, r.id
    LIMIT :limit
"""
ROW_BY_ID_SQL = f"""
    SELECT {_COLUMNS}
    FROM result AS r
    LEFT JOIN ({_PER_RESULT.format(outbox_filter="result_id = :result_id")}) AS o
        ON o.result_id = r.id
    WHERE r.id = :result_id AND (:run_id IS NULL OR r.run_id = :run_id)
"""


def fetch_result_table_rows(
    engine: Engine, run_id: int, *, limit: int | None = None
) -> list[ResultTableRow]:
    """Every result of the run (the first `limit`, if given), in the run's order (position,
    then id)."""
    bound = -1 if limit is None else limit  # SQLite reads LIMIT -1 as "no limit"
    with _cursor(engine) as cursor:
        cursor.execute(ROWS_OF_RUN_SQL, {"run_id": run_id, "limit": bound})
        return list(map(_as_record, cursor.fetchall()))


def fetch_result_table_row(
    engine: Engine, result_id: int, *, run_id: int | None = None
) -> ResultTableRow | None:
    """One result as the table shows it; None when it is gone (or not in `run_id`)."""
    with _cursor(engine) as cursor:
        cursor.execute(ROW_BY_ID_SQL, {"result_id": result_id, "run_id": run_id})
        row = cursor.fetchone()
    return None if row is None else _as_record(row)


def fetch_result_table_rows_by_id(
    engine: Engine, result_ids: Iterable[int], *, run_id: int | None = None
) -> dict[int, ResultTableRow | None]:
    """Several results by id in one connection; a missing one maps to None."""
    found: dict[int, ResultTableRow | None] = {}
    with _cursor(engine) as cursor:
        for result_id in result_ids:
            cursor.execute(ROW_BY_ID_SQL, {"result_id": result_id, "run_id": run_id})
            row = cursor.fetchone()
            found[result_id] = None if row is None else _as_record(row)
    return found


def result_ids_in_run(engine: Engine, run_id: int, result_ids: Iterable[int]) -> set[int]:
    """Those of `result_ids` that are results of `run_id`."""
    wanted = list(dict.fromkeys(result_ids))
    found: set[int] = set()
    with _cursor(engine) as cursor:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            cursor.execute(
                f"SELECT id FROM result WHERE run_id = ? AND id IN ({marks})",
                [run_id, *chunk],
            )
            found.update(row[0] for row in cursor.fetchall())
    return found


@contextmanager
def _cursor(engine: Engine) -> Iterator[sqlite3.Cursor]:
    """A driver cursor on a pooled connection: one statement is one consistent snapshot.

    The engine's connections run with the driver in autocommit mode (see `app.store.engine`),
    so a single SELECT reads one snapshot without an explicit transaction, and no Row
    objects are built on the way.

    Raises:
        DatabaseUnavailableError: SQLite could not answer (locked, damaged, gone).
    """
    try:
        with engine.connect() as connection:
            driver = connection.connection.driver_connection
            if not isinstance(driver, sqlite3.Connection):
                raise TypeError("Testdeck's database must be opened with the sqlite3 driver.")
            cursor = driver.cursor()
            try:
                yield cursor
            finally:
                cursor.close()
    except (sqlite3.Error, SQLAlchemyError) as error:
        raise DatabaseUnavailableError(
            f"Testdeck could not read the results from its database ({error}). "
            "Nothing was changed; try again."
        ) from error
