"""The vocabulary of the outbox: what kind of change an entry carries and where it stands."""

from __future__ import annotations

from enum import StrEnum


class OutboxKind(StrEnum):
    CREATE_RUN = "create_run"
    UPDATE_RUN = "update_run"
    CLOSE_RUN = "close_run"
    SET_RESULT = "set_result"


class OutboxState(StrEnum):
    """Where an entry stands. Only the sync engine moves an entry out of `pending`."""

    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    WAITING_SUPPORT = "waiting_support"
    REJECTED = "rejected"
    CONFLICT = "conflict"

    @property
    def is_parked(self) -> bool:
        """Parked entries wait for the user (retry or discard), never for the network."""
        return self in PARKED_STATES


PARKED_STATES = frozenset({OutboxState.WAITING_SUPPORT, OutboxState.REJECTED, OutboxState.CONFLICT})

CLOSED_ON_SERVER = (
    "The run was closed on the server before this change was delivered; your value is kept here."
)
"""Why a change became a conflict when its run was closed on the server (its last_error)."""
