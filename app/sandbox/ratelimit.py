"""Rate limiting: one token bucket per API token, as Testably's 60 requests per minute."""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

from app.sandbox.clock import Monotonic


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether a request may go ahead, and what to tell the client about its budget.

    Attributes:
        allowed: False when the bucket is empty.
        limit: requests per minute.
        remaining: whole requests left in the bucket after this one.
        retry_after: whole seconds (at least 1) until a request would be allowed again;
            0 when allowed.
    """

    allowed: bool
    limit: int
    remaining: int
    retry_after: int = 0


class TokenBucket:
    """A bucket holding up to `capacity` tokens, refilled at `rate` tokens per second.

    It starts full. Each request takes one token; an empty bucket refuses.
    """

    def __init__(self, capacity: int, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = float(capacity)
        self._last = now

    def take(self, now: float) -> bool:
        """Take one token if there is one; True when taken."""
        self._refill(now)
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True

    def wait_seconds(self) -> int:
        """Whole seconds until one token is back (at least 1)."""
        return max(1, math.ceil((1 - self.tokens) / self.rate))

    def _refill(self, now: float) -> None:
        elapsed = max(0.0, now - self._last)
        self.tokens = min(float(self.capacity), self.tokens + elapsed * self.rate)
        self._last = now


class RateLimiter:
    """Token buckets per key (an API token), `per_minute` capacity refilled evenly.

    Args:
        per_minute: requests per minute per key; 0 switches limiting off.
        monotonic: the clock, in seconds; tests pass a fake one.
    """

    def __init__(self, per_minute: int, monotonic: Monotonic) -> None:
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._buckets: dict[str, TokenBucket] = {}
        self.per_minute = _checked(per_minute)

    @property
    def enabled(self) -> bool:
        return self.per_minute > 0

    def set_limit(self, per_minute: int) -> None:
        """Change the limit (0 = off); every bucket starts full again."""
        with self._lock:
            self.per_minute = _checked(per_minute)
            self._buckets.clear()

    def check(self, key: str) -> Decision:
        """Count one request for `key` and say whether it may go ahead."""
        with self._lock:
            limit = self.per_minute
            if limit <= 0:
                return Decision(True, 0, 0)
            bucket = self._bucket(key, limit)
            if bucket.take(self._monotonic()):
                return Decision(True, limit, int(bucket.tokens))
            return Decision(False, limit, 0, bucket.wait_seconds())

    def _bucket(self, key: str, limit: int) -> TokenBucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = TokenBucket(limit, limit / 60, self._monotonic())
            self._buckets[key] = bucket
        return bucket


def _checked(per_minute: int) -> int:
    if isinstance(per_minute, bool) or not isinstance(per_minute, int) or per_minute < 0:
        raise ValueError(f"The rate limit must be a whole number of requests >= 0: {per_minute!r}")
    return per_minute
