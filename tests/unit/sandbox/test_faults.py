import json

import pytest

from app.sandbox.faults import FaultKind, FaultPlan, GarbageKind


def test_a_fault_hits_the_next_count_matching_requests_then_is_gone() -> None:
    plan = FaultPlan()
    plan.fail_next(2, status=502)
    first, second = plan.take("GET", "/v1/projects"), plan.take("POST", "/v1/x")
    assert first is not None
    assert second is first
    assert first.status == 502
    assert plan.take("GET", "/v1/projects") is None
    assert plan.pending() == []


def test_faults_match_method_and_path_globs() -> None:
    plan = FaultPlan()
    plan.drop_next(method="post", path="/v1/projects/*/runs")
    assert plan.take("GET", "/v1/projects/proj_demo/runs") is None
    assert plan.take("POST", "/v1/projects/proj_demo/runs/run_1/close") is None
    dropped = plan.take("POST", "/v1/projects/proj_demo/runs")
    assert dropped is not None
    assert dropped.kind is FaultKind.DROP


def test_faults_apply_in_the_order_they_were_added() -> None:
    plan = FaultPlan()
    plan.delay_next(1, 0.5, path="/v1/projects")
    plan.garbage_next(1, kind="html")
    taken = [plan.take("GET", "/v1/projects") for _ in range(3)]
    assert [fault and fault.kind for fault in taken] == [FaultKind.DELAY, FaultKind.GARBAGE, None]


def test_the_default_failure_body_is_a_json_error() -> None:
    plan = FaultPlan()
    plan.fail_next(status=503)
    plan.fail_next(status=429, headers={"Retry-After": "2"})
    server_error, limited = plan.take("GET", "/"), plan.take("GET", "/")
    assert server_error is not None
    assert limited is not None
    assert json.loads(server_error.body)["error"] == "server_error"
    assert json.loads(limited.body)["error"] == "too_many_requests"
    assert limited.headers == {"Retry-After": "2"}
    assert server_error.content_type == "application/json"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("<!DOCTYPE html><html><body>Bad gateway</body></html>", "text/html; charset=utf-8"),
        (b"<html>oops</html>", "text/html; charset=utf-8"),
        ('{"error": "x"}', "application/json"),
        ({"error": "x"}, "application/json"),
        ("upstream timed out", "text/plain; charset=utf-8"),
    ],
)
def test_a_failure_body_is_sent_with_a_fitting_content_type(
    body: object, content_type: str
) -> None:
    plan = FaultPlan()
    plan.fail_next(body=body)  # type: ignore[arg-type]
    fault = plan.take("GET", "/")
    assert fault is not None
    assert fault.content_type == content_type


def test_bad_faults_are_refused() -> None:
    plan = FaultPlan()
    with pytest.raises(ValueError, match="at least one"):
        plan.drop_next(0)
    with pytest.raises(ValueError, match="negative"):
        plan.delay_next(1, -1)
    with pytest.raises(ValueError, match="garbage"):
        plan.garbage_next(kind="garbage")
    with pytest.raises(ValueError, match="status"):
        plan.fail_next(status=99)
    with pytest.raises(ValueError, match="whole number"):
        plan.fail_next(2.5)  # type: ignore[arg-type]
    plan.garbage_next(kind="truncated")
    fault = plan.take("GET", "/")
    assert fault is not None
    assert fault.garbage is GarbageKind.TRUNCATED


def test_clear_forgets_everything() -> None:
    plan = FaultPlan()
    plan.fail_next(5)
    plan.drop_next()
    plan.clear()
    assert plan.take("GET", "/") is None
