"""How to run a sandbox: storage, seed data, limits, address and clocks."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from app.sandbox.clock import Clock, Monotonic, utc_now

SeedName = Literal["demo", "empty", "large"]
SEEDS: tuple[SeedName, ...] = ("demo", "empty", "large")


@dataclass(frozen=True, slots=True)
class SandboxConfig:
    """Settings of one sandbox server.

    Attributes:
        database: the SQLite file (kept between starts), or None for an in-memory database.
        seed: the data a new, empty database gets: `demo` (Acme Web Shop and Acme Mobile App)
            `empty` (one empty project) or `large` (one project of 10,000 cases with a
            10,000-result run). A database that holds data is never re-seeded.
        rate_limit_per_minute: requests per minute per token; 0 switches limiting off.
        coming_soon: answer run and result writes as the real service may today (404, 501).
        host: the address to listen on.
        port: the port; 0 picks a free one.
        clock: the wall clock, timezone-aware UTC, for timestamps, seed dates and the
            age of idempotency keys.
        monotonic: seconds from a monotonic clock, for the rate limit's buckets.
    """

    database: Path | None = None
    seed: SeedName = "demo"
    rate_limit_per_minute: int = 60
    coming_soon: bool = False
    host: str = "127.0.0.1"
    port: int = 0
    clock: Clock = field(default=utc_now)
    monotonic: Monotonic = field(default=time.monotonic)

    def __post_init__(self) -> None:
        if self.seed not in SEEDS:
            raise ValueError(f"Unknown seed {self.seed!r}; use one of {', '.join(SEEDS)}.")
        if self.rate_limit_per_minute < 0:
            raise ValueError("The rate limit can't be negative (0 switches it off).")
