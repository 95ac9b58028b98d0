"""Result and run statuses as Testably defines them (see API.md)."""

from __future__ import annotations

from enum import StrEnum


class ResultStatus(StrEnum):
    """The status of one test case in a run. Testdeck always writes these exact values."""

    PASSED = "passed"
    FAILED = "failed"
    BLOCKED = "blocked"
    RETEST = "retest"
    NOT_TESTED = "not_tested"

    @classmethod
    def parse(cls, value: str) -> ResultStatus:
        """Read a status sent by a server or typed by a user.

        Some Testably tooling writes `untested`; it means `not_tested`. Case and surrounding
        spaces are ignored; anything else is refused with a readable message.

        Raises:
            ValueError: the value names no result status.
        """
        key = value.strip().lower().replace(" ", "_").replace("-", "_")
        if key == "untested":
            return cls.NOT_TESTED
        try:
            return cls(key)
        except ValueError:
            allowed = ", ".join(status.value for status in cls)
            raise ValueError(f"'{value}' is not a result status; use one of {allowed}.") from None

    @property
    def label(self) -> str:
        """The status as a tester reads it: "Passed", "Not tested"."""
        return self.value.replace("_", " ").capitalize()


class RunStatus(StrEnum):
    """The run statuses Testdeck knows. Servers may send others; those are shown as-is."""

    ACTIVE = "active"
    CLOSED = "closed"
    COMPLETED = "completed"


_READ_ONLY_RUN_STATUSES = frozenset({RunStatus.CLOSED.value, RunStatus.COMPLETED.value})


def is_read_only_run_status(status: str) -> bool:
    """Whether a run in this status accepts no more edits (`closed`, and `completed` alike)."""
    return status.strip().lower() in _READ_ONLY_RUN_STATUSES
