"""A client-side token bucket that keeps Testdeck under the server's rate limit."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from app.api.errors import CancelledError

DEFAULT_REQUESTS_PER_MINUTE = 60


class Pacer:
    """Spaces requests so that at most `per_minute` go out in any minute.

    The bucket starts full (a burst of `per_minute` requests is allowed) and refills one
    request every `60 / per_minute` seconds. `per_minute=0` turns pacing off. Waiting is
    interruptible: setting the `cancel` event passed to `acquire` ends it at once.

    Args:
        per_minute: the request budget per minute.
        clock: a monotonic clock in seconds (tests pass a fake one).
    """

    def __init__(
        self,
        per_minute: int = DEFAULT_REQUESTS_PER_MINUTE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if per_minute < 0:
            raise ValueError("The request budget per minute can't be negative.")
        self._capacity = float(per_minute)
        self._refill_per_second = per_minute / 60.0
        self._clock = clock
        self._tokens = self._capacity
        self._updated = clock()
        self._lock = threading.Lock()

    @property
    def per_minute(self) -> int:
        return int(self._capacity)

    def acquire(self, cancel: threading.Event) -> float:
        """Take one request from the bucket, waiting for it if needed; returns the wait.

        Raises:
            CancelledError: `cancel` was set before or while waiting.
        """
        waited = 0.0
        while True:
            if cancel.is_set():
                raise CancelledError("Testdeck stopped talking to the server.")
            delay = self.reserve()
            if delay <= 0:
                return waited
            cancel.wait(delay)
            waited += delay

    def reserve(self) -> float:
        """Take one request if the bucket has one (returns 0), else the seconds to wait."""
        if self._capacity == 0:
            return 0.0
        with self._lock:
            now = self._clock()
            elapsed = max(0.0, now - self._updated)
            self._tokens = min(self._capacity, self._tokens + elapsed * self._refill_per_second)
            self._updated = now
            if self._tokens >= 1:
                self._tokens -= 1
                return 0.0
            return (1 - self._tokens) / self._refill_per_second
