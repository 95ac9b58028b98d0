"""How a sync pass's end state becomes `testdeck sync`'s exit code."""

from __future__ import annotations

import pytest

from app.cli.sync_commands import _outcome
from app.sync import SyncState, SyncStatus


@pytest.mark.parametrize(
    ("status", "code", "problem"),
    [
        (SyncStatus(SyncState.ONLINE), 0, None),
        (SyncStatus(SyncState.ONLINE, pending=2, parked=2), 2, None),
        (SyncStatus(SyncState.WAITING_SUPPORT, pending=1, parked=1), 2, None),
        (
            SyncStatus(SyncState.ONLINE, pending=1, last_error=None),
            1,
            "1 change could not be delivered yet.",
        ),
        (SyncStatus(SyncState.OFFLINE, pending=1, last_error="Could not reach it."), 1, None),
        (SyncStatus(SyncState.SIGNED_OUT, last_error="Bad token."), 1, "Bad token."),
        (SyncStatus(SyncState.PAUSED), 1, "paused: this token may not use the project"),
        (SyncStatus(SyncState.ONLINE, parked=1, last_error="The project is gone."), 1, None),
    ],
)
def test_exit_codes(status: SyncStatus, code: int, problem: str | None) -> None:
    exit_code, reported = _outcome(status)

    assert exit_code == code
    if problem is not None:
        assert reported == problem
    assert (reported is None) == (code != 1)
