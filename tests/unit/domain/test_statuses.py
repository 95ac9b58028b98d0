import pytest

from app.domain import ResultStatus, RunStatus, is_read_only_run_status


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("passed", ResultStatus.PASSED),
        ("failed", ResultStatus.FAILED),
        ("blocked", ResultStatus.BLOCKED),
        ("retest", ResultStatus.RETEST),
        ("not_tested", ResultStatus.NOT_TESTED),
        ("untested", ResultStatus.NOT_TESTED),
        ("Not tested", ResultStatus.NOT_TESTED),
        ("  PASSED ", ResultStatus.PASSED),
        ("not-tested", ResultStatus.NOT_TESTED),
    ],
)
def test_parse_reads_every_spelling_testably_tools_use(raw: str, expected: ResultStatus) -> None:
    assert ResultStatus.parse(raw) is expected


def test_untested_is_never_written_back() -> None:
    assert ResultStatus.parse("untested").value == "not_tested"
    assert "untested" not in {status.value for status in ResultStatus}


@pytest.mark.parametrize("raw", ["", "skipped", "pass", "n/a"])
def test_parse_refuses_unknown_statuses_with_the_allowed_ones(raw: str) -> None:
    with pytest.raises(ValueError, match="is not a result status") as caught:
        ResultStatus.parse(raw)
    assert "passed, failed, blocked, retest, not_tested" in str(caught.value)


def test_labels_read_like_words() -> None:
    assert [status.label for status in ResultStatus] == [
        "Passed",
        "Failed",
        "Blocked",
        "Retest",
        "Not tested",
    ]


@pytest.mark.parametrize(
    ("status", "read_only"),
    [
        (RunStatus.ACTIVE, False),
        (RunStatus.CLOSED, True),
        (RunStatus.COMPLETED, True),
        ("Closed", True),
        ("archived", False),
        ("in_review", False),
    ],
)
def test_closed_and_completed_runs_are_read_only(status: str, read_only: bool) -> None:
    assert is_read_only_run_status(status) is read_only
