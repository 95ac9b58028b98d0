"""Paging, timestamps, loopback checks and the request log."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.sandbox import RequestLog, is_loopback
from app.sandbox.clock import iso_timestamp, stamp_after
from app.sandbox.errors import ApiError
from app.sandbox.ids import new_id
from app.sandbox.paging import Page, list_body, parse_page

MOMENT = datetime(2026, 11, 28, 14, 3, 11, 250_999, tzinfo=UTC)


def test_paging_defaults_and_clamps() -> None:
    assert parse_page({}) == Page(1, 20)
    assert parse_page({"page": "3", "per_page": "50"}) == Page(3, 50)
    assert parse_page({"per_page": "250"}) == Page(1, 100)
    assert Page(3, 50).offset == 100
    assert list_body([1], 41, Page(3, 20)) == {
        "data": [1],
        "meta": {"total": 41, "page": 3, "per_page": 20},
    }


@pytest.mark.parametrize(
    "query",
    [{"page": "0"}, {"page": "-1"}, {"page": "two"}, {"per_page": "0"}, {"per_page": "1.5"}],
)
def test_paging_refuses_what_is_not_a_whole_number_from_one(query: dict[str, str]) -> None:
    with pytest.raises(ApiError) as raised:
        parse_page(query)
    assert raised.value.status == 422
    assert raised.value.details == [{"field": next(iter(query)), "error": raised.value.message}]


def test_timestamps_are_utc_with_milliseconds_and_z() -> None:
    assert iso_timestamp(MOMENT) == "2026-11-28T14:03:11.250Z"
    elsewhere = MOMENT.astimezone(timezone(timedelta(hours=-5)))
    assert iso_timestamp(elsewhere) == "2026-11-28T14:03:11.250Z"


def test_a_change_stamp_is_always_later_than_the_previous_one() -> None:
    assert stamp_after(MOMENT, None) == "2026-11-28T14:03:11.250Z"
    assert stamp_after(MOMENT, "2026-11-28T14:03:11.250Z") == "2026-11-28T14:03:11.251Z"
    assert stamp_after(MOMENT, "2026-11-28T14:03:10.000Z") == "2026-11-28T14:03:11.250Z"


def test_new_ids_are_a_prefix_and_random_hex() -> None:
    first, second = new_id("run_"), new_id("run_")
    assert first != second
    assert first.startswith("run_")
    assert len(first) == 16
    int(first[4:], 16)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),
        ("localhost", True),
        ("192.168.1.20", False),
        ("10.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("testclient", False),
        ("", False),
        (None, False),
    ],
)
def test_only_this_machine_counts_as_loopback(host: str | None, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_request_log_reads_like_a_list_of_tuples() -> None:
    log = RequestLog()
    log.record("GET", "/v1/projects", 200)
    log.record("POST", "/v1/projects/p/runs", 201)
    assert list(log) == [("GET", "/v1/projects", 200), ("POST", "/v1/projects/p/runs", 201)]
    assert len(log) == 2
    assert log[-1].status == 201
    assert log.count(method="POST") == 1
    assert log.count(path="/v1/projects") == 1
    log.clear()
    assert list(log) == []
