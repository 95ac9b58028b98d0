"""The client-side token bucket, driven by a fake clock: no test here sleeps."""

from __future__ import annotations

import threading

import pytest

from app.api import CancelledError, Pacer
from app.api.pacer import DEFAULT_REQUESTS_PER_MINUTE
from tests.unit.api.conftest import MakeClient
from tests.unit.api.support import Recorder, data, project_json, respond


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class ClockedEvent(threading.Event):
    """A cancel event whose waits pass on the fake clock instead of in real time."""

    def __init__(self, clock: FakeClock, cancel_after_waits: int | None = None) -> None:
        super().__init__()
        self.clock = clock
        self.waits: list[float] = []
        self._cancel_after = cancel_after_waits

    def wait(self, timeout: float | None = None) -> bool:
        assert timeout is not None
        self.waits.append(timeout)
        if self._cancel_after is not None and len(self.waits) >= self._cancel_after:
            self.set()
            return True
        self.clock.advance(timeout)
        return self.is_set()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def _burst(pacer: Pacer, count: int) -> list[float]:
    return [pacer.reserve() for _ in range(count)]


@pytest.mark.parametrize("per_minute", [1, 6, 60, 120])
def test_a_burst_of_per_minute_requests_is_free(clock: FakeClock, per_minute: int) -> None:
    pacer = Pacer(per_minute, clock=clock)

    assert _burst(pacer, per_minute) == [0.0] * per_minute


@pytest.mark.parametrize("per_minute", [1, 6, 60, 120])
def test_the_next_request_waits_one_interval(clock: FakeClock, per_minute: int) -> None:
    pacer = Pacer(per_minute, clock=clock)
    _burst(pacer, per_minute)

    assert pacer.reserve() == pytest.approx(60 / per_minute)


def test_a_refused_reservation_takes_nothing(clock: FakeClock) -> None:
    pacer = Pacer(60, clock=clock)
    _burst(pacer, 60)

    assert pacer.reserve() == pytest.approx(1.0)
    assert pacer.reserve() == pytest.approx(1.0)  # asking again does not push it further


def test_the_bucket_refills_over_time(clock: FakeClock) -> None:
    pacer = Pacer(60, clock=clock)
    _burst(pacer, 60)

    clock.advance(0.25)
    assert pacer.reserve() == pytest.approx(0.75)
    clock.advance(0.75)
    assert pacer.reserve() == 0.0
    assert pacer.reserve() == pytest.approx(1.0)
    clock.advance(5)
    assert _burst(pacer, 5) == [0.0] * 5
    assert pacer.reserve() == pytest.approx(1.0)


def test_the_bucket_never_holds_more_than_a_minute(clock: FakeClock) -> None:
    pacer = Pacer(30, clock=clock)
    _burst(pacer, 30)

    clock.advance(3600)

    assert _burst(pacer, 30) == [0.0] * 30
    assert pacer.reserve() == pytest.approx(2.0)


def test_a_clock_going_backwards_adds_nothing(clock: FakeClock) -> None:
    pacer = Pacer(60, clock=clock)
    _burst(pacer, 60)

    clock.advance(-30)

    assert pacer.reserve() == pytest.approx(1.0)


def test_sixty_a_minute_is_the_default(clock: FakeClock) -> None:
    pacer = Pacer(clock=clock)

    assert pacer.per_minute == DEFAULT_REQUESTS_PER_MINUTE == 60
    assert _burst(pacer, 60) == [0.0] * 60
    assert pacer.reserve() == pytest.approx(1.0)


def test_zero_per_minute_never_waits(clock: FakeClock) -> None:
    pacer = Pacer(0, clock=clock)

    assert _burst(pacer, 10_000) == [0.0] * 10_000
    assert pacer.acquire(threading.Event()) == 0.0


def test_a_negative_budget_is_refused() -> None:
    with pytest.raises(ValueError, match="can't be negative"):
        Pacer(-1)


def test_acquire_with_tokens_left_returns_at_once(clock: FakeClock) -> None:
    pacer = Pacer(60, clock=clock)
    cancel = ClockedEvent(clock)

    assert [pacer.acquire(cancel) for _ in range(60)] == [0.0] * 60
    assert cancel.waits == []


def test_acquire_waits_for_the_next_token(clock: FakeClock) -> None:
    pacer = Pacer(30, clock=clock)
    _burst(pacer, 30)
    cancel = ClockedEvent(clock)

    waited = pacer.acquire(cancel)

    assert waited == pytest.approx(2.0)
    assert cancel.waits == [pytest.approx(2.0)]
    assert pacer.reserve() == pytest.approx(2.0)  # that token was taken


@pytest.mark.parametrize("per_minute", [0, 60])
def test_acquire_with_a_set_cancel_event_raises(clock: FakeClock, per_minute: int) -> None:
    pacer = Pacer(per_minute, clock=clock)
    cancel = threading.Event()
    cancel.set()

    with pytest.raises(CancelledError, match="stopped talking"):
        pacer.acquire(cancel)


def test_cancel_while_waiting_raises(clock: FakeClock) -> None:
    pacer = Pacer(60, clock=clock)
    _burst(pacer, 60)
    cancel = ClockedEvent(clock, cancel_after_waits=1)

    with pytest.raises(CancelledError):
        pacer.acquire(cancel)
    assert cancel.waits == [pytest.approx(1.0)]


def test_the_client_takes_one_token_per_request(make_client: MakeClient, clock: FakeClock) -> None:
    pacer = Pacer(3, clock=clock)
    server = Recorder(respond(200, data(project_json())))
    client = make_client(server, pacer=pacer)

    for _ in range(3):
        client.project("proj_1")

    assert len(server.requests) == 3
    assert pacer.reserve() == pytest.approx(20.0)


def test_a_cancelled_client_stops_waiting_for_the_pacer(
    make_client: MakeClient, clock: FakeClock
) -> None:
    pacer = Pacer(1, clock=clock)
    server = Recorder(respond(200, data(project_json())))
    client = make_client(server, pacer=pacer)
    client.project("proj_1")

    # The next token is a minute away; cancelling from another thread ends the wait.
    outcome: list[BaseException] = []

    def work() -> None:
        try:
            client.project("proj_1")
        except BaseException as error:  # reported to the test thread below
            outcome.append(error)

    worker = threading.Thread(target=work, name="sync-worker")
    worker.start()
    client.cancel()
    worker.join(10)

    assert not worker.is_alive()
    assert [type(error) for error in outcome] == [CancelledError]
    assert len(server.requests) == 1


def test_every_rate_limit_retry_is_paced(make_client: MakeClient, clock: FakeClock) -> None:
    pacer = Pacer(2, clock=clock)
    limited = respond(429, headers={"Retry-After": "0"})
    server = Recorder(limited, respond(200, data(project_json())))
    client = make_client(server, pacer=pacer)

    client.project("proj_1")

    assert len(server.requests) == 2
    assert pacer.reserve() == pytest.approx(30.0)
