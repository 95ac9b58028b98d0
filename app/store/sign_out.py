"""Signing out with changes still undelivered: throw all of one project's away, at once.

Normally undelivered changes stay saved when the tester signs out and go out after the next
sign-in. Only when the tester explicitly chooses to discard them does this module run: it is
one Discard (see `Delivery.discard`) for every undelivered entry of the project, parked or
not, in a single write transaction, so either every entry goes or none does.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select

from app.store.delivery import discard_entry
from app.store.engine import write_session
from app.store.tables import OUTBOX, RUN


@dataclass(frozen=True, slots=True)
class DiscardedChanges:
    """What `discard_undelivered` threw away.

    Attributes:
        entries: how many undelivered outbox entries are gone (those of removed runs too).
        run_ids: the local ids of runs created here and never delivered, now removed.
    """

    entries: int
    run_ids: tuple[int, ...]


def discard_undelivered(engine: Engine, project_id: str) -> DiscardedChanges:
    """Discard every undelivered change of the project, in one transaction.

    Each entry is discarded the way the sync-issues panel discards one: a run created here
    whose create was never delivered goes with everything queued for it; any other change
    is dropped and its run is marked for a fresh download, so the next pull brings back the
    server's values. Other projects' changes and everything already delivered stay.

    Raises:
        DatabaseUnavailableError: the database could not be written; nothing was discarded.
    """
    with write_session(engine) as session:
        connection = session.connection()
        seqs = _undelivered_seqs(connection, project_id)
        removed: list[int] = []
        for seq in seqs:
            # A run's create comes before every other entry of that run, so discarding it
            # takes the run's later entries along; those seqs are then simply not found.
            removed.extend(discard_entry(connection, seq))
    return DiscardedChanges(entries=len(seqs), run_ids=tuple(removed))


def _undelivered_seqs(connection: Connection, project_id: str) -> list[int]:
    """The project's outbox entries, in delivery order."""
    runs = select(RUN.c.id).where(RUN.c.project_id == project_id)
    query = select(OUTBOX.c.seq).where(OUTBOX.c.run_id.in_(runs)).order_by(OUTBOX.c.seq)
    return list(connection.execute(query).scalars())
