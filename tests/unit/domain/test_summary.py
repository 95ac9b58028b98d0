import pytest

from app.domain import ResultStatus, RunSummary, pass_rate


@pytest.mark.parametrize(
    ("passed", "total", "expected"),
    [
        (0, 0, 0.0),
        (0, 10, 0.0),
        (10, 10, 100.0),
        (1, 3, 33.3),
        (2, 3, 66.7),
        (1, 8, 12.5),
        (1, 16, 6.3),  # 6.25 rounds half up, never to the even 6.2
        (49, 400, 12.3),  # 12.25 likewise
        (1, 7, 14.3),
        (199, 200, 99.5),
        (1999, 2000, 100.0),  # 99.95 -> 100.0
    ],
)
def test_pass_rate_is_passed_over_total_rounded_half_up(
    passed: int, total: int, expected: float
) -> None:
    assert pass_rate(passed, total) == expected


def test_an_empty_run_has_a_zero_pass_rate_and_no_progress() -> None:
    summary = RunSummary()
    assert summary.total == 0
    assert summary.pass_rate == 0.0
    assert summary.progress == 0.0


def test_a_run_with_nothing_tested_has_a_zero_pass_rate() -> None:
    summary = RunSummary(not_tested=25)
    assert summary.total == 25
    assert summary.tested == 0
    assert summary.pass_rate == 0.0
    assert summary.progress == 0.0


def test_summary_counts_statuses() -> None:
    statuses = [ResultStatus.PASSED] * 3 + [ResultStatus.FAILED, ResultStatus.NOT_TESTED]
    summary = RunSummary.from_statuses(statuses)
    assert summary == RunSummary(passed=3, failed=1, not_tested=1)
    assert summary.total == 5
    assert summary.tested == 4
    assert summary.pass_rate == 60.0
    assert summary.progress == pytest.approx(0.8)
    assert summary.count(ResultStatus.FAILED) == 1


def test_moved_shifts_one_result_between_statuses() -> None:
    summary = RunSummary(passed=1, not_tested=2)
    moved = summary.moved(ResultStatus.NOT_TESTED, ResultStatus.BLOCKED)
    assert moved == RunSummary(passed=1, blocked=1, not_tested=1)
    assert moved.total == summary.total
    assert summary.moved(ResultStatus.PASSED, ResultStatus.PASSED) is summary
