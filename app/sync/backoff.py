"""When to try a failed delivery again: exponential backoff with jitter (API.md)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

FIRST_DELAY = 1.0
MAX_DELAY = 300.0


class Backoff:
    """1 s doubling per attempt up to 5 min, each delay drawn from its upper half.

    Args:
        rng: the source of jitter (tests pass a seeded one).
    """

    def __init__(self, rng: random.Random | None = None) -> None:
        self._rng = rng or random.Random()

    def delay(self, attempts: int) -> float:
        """Seconds to wait after the `attempts`-th failed attempt (1 for the first)."""
        ceiling = min(MAX_DELAY, FIRST_DELAY * 2 ** max(0, attempts - 1))
        return self._rng.uniform(ceiling / 2, ceiling)

    def next_attempt(self, now: datetime, attempts: int, at_least: float = 0.0) -> datetime:
        """When to try again; `at_least` honours a server's `Retry-After`."""
        return now + timedelta(seconds=max(at_least, self.delay(attempts)))
