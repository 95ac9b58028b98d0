"""A run's summary: how many results are in each status, and its pass rate."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.domain.statuses import ResultStatus


def pass_rate(passed: int, total: int) -> float:
    """Passed results as a percentage of all results, rounded half up to one decimal.

    API.md decides: `passed / total * 100`, one decimal, and `0.0` for an empty run.
    Decimal arithmetic keeps the rounding exact (12.25 -> 12.3, never 12.2).
    """
    if total <= 0:
        return 0.0
    percent = Decimal(passed * 100) / Decimal(total)
    return float(percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class RunSummary:
    """Counts of a run's results by status."""

    passed: int = 0
    failed: int = 0
    blocked: int = 0
    retest: int = 0
    not_tested: int = 0

    @classmethod
    def from_statuses(cls, statuses: Iterable[ResultStatus]) -> RunSummary:
        counts = Counter(statuses)
        return cls(**{status.value: counts[status] for status in ResultStatus})

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.blocked + self.retest + self.not_tested

    @property
    def tested(self) -> int:
        """Results that have a verdict other than "not tested"."""
        return self.total - self.not_tested

    @property
    def pass_rate(self) -> float:
        return pass_rate(self.passed, self.total)

    @property
    def progress(self) -> float:
        """The share of results tested so far, from 0.0 to 1.0 (0.0 for an empty run)."""
        return self.tested / self.total if self.total else 0.0

    def count(self, status: ResultStatus) -> int:
        return int(getattr(self, status.value))

    def moved(self, old: ResultStatus, new: ResultStatus) -> RunSummary:
        """This summary after one result changed from `old` to `new`."""
        if old == new:
            return self
        counts = {status.value: self.count(status) for status in ResultStatus}
        counts[old.value] -= 1
        counts[new.value] += 1
        return RunSummary(**counts)
