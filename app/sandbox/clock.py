"""Time for the sandbox: injectable clocks and the API's timestamp format.

Timestamps are ISO-8601 UTC with milliseconds and a `Z` (`2026-11-28T14:03:11.250Z`), always
the same width, so they sort as text in SQLite exactly as they do in time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]
Monotonic = Callable[[], float]

_ONE_MS = timedelta(milliseconds=1)


def utc_now() -> datetime:
    """The current wall-clock time, timezone-aware in UTC."""
    return datetime.now(UTC)


def iso_timestamp(moment: datetime) -> str:
    """`moment` as the API writes it: UTC, milliseconds, `Z`."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def iso_date(moment: datetime) -> str:
    """The calendar day of `moment` in UTC, as `YYYY-MM-DD` (milestone dates)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d")


def parse_timestamp(text: str) -> datetime:
    """Read back a timestamp written by `iso_timestamp`."""
    return datetime.fromisoformat(text)


def stamp_after(now: datetime, previous: str | None) -> str:
    """A timestamp for a change made at `now` that is strictly later than `previous`.

    Clients detect change by comparing a run's `updated_at`, so two changes within the same
    millisecond (or under a frozen test clock) must still move it forward.
    """
    if previous is None:
        return iso_timestamp(now)
    earliest = parse_timestamp(previous) + _ONE_MS
    return iso_timestamp(max(now, earliest))
