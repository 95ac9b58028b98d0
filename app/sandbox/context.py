"""The state every route shares: storage, clocks, limiter, fault plan, request log, switches."""

from __future__ import annotations

from datetime import datetime

from app.sandbox.config import SandboxConfig
from app.sandbox.database import Database
from app.sandbox.faults import FaultPlan
from app.sandbox.ratelimit import RateLimiter
from app.sandbox.requestlog import RequestLog
from app.sandbox.seed import seed_if_empty


class Sandbox:
    """One sandbox's shared state; the HTTP layer reads it, tests steer it.

    Attributes:
        db: the storage.
        limiter: the per-token rate limiter.
        faults: the fault plan applied to the next requests.
        requests: the log of answered requests.
        coming_soon: when True, run and result writes answer 404 / 501.
    """

    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.db = Database(config.database)
        seed_if_empty(self.db, config.seed, config.clock())
        self.limiter = RateLimiter(config.rate_limit_per_minute, config.monotonic)
        self.faults = FaultPlan()
        self.requests = RequestLog()
        self.coming_soon = config.coming_soon

    def now(self) -> datetime:
        """The wall-clock time for timestamps."""
        return self.config.clock()

    def close(self) -> None:
        self.db.close()
