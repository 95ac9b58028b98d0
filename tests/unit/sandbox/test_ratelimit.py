import pytest

from app.sandbox.ratelimit import Decision, RateLimiter, TokenBucket


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_starts_full_and_refuses_when_empty() -> None:
    bucket = TokenBucket(capacity=3, rate=1.0, now=0.0)
    assert [bucket.take(0.0) for _ in range(4)] == [True, True, True, False]


def test_a_bucket_refills_at_its_rate_up_to_its_capacity() -> None:
    bucket = TokenBucket(capacity=2, rate=0.5, now=0.0)
    assert bucket.take(0.0)
    assert bucket.take(0.0)
    assert not bucket.take(1.0)  # half a token is not enough
    assert bucket.take(2.0)
    assert bucket.take(1000.0)
    assert bucket.take(1000.0)
    assert not bucket.take(1000.0)  # never more than the capacity


def test_the_wait_is_whole_seconds_and_at_least_one() -> None:
    bucket = TokenBucket(capacity=60, rate=1.0, now=0.0)
    for _ in range(60):
        bucket.take(0.0)
    assert bucket.wait_seconds() == 1
    slow = TokenBucket(capacity=3, rate=3 / 60, now=0.0)
    for _ in range(3):
        slow.take(0.0)
    assert slow.wait_seconds() == 20
    assert not slow.take(19.9)
    assert slow.wait_seconds() == 1  # 0.005 s left rounds up to a whole second
    assert slow.take(20.0)


def test_sixty_per_minute_allows_sixty_then_one_per_second() -> None:
    clock = FakeMonotonic()
    limiter = RateLimiter(60, clock)
    decisions = [limiter.check("token:a") for _ in range(61)]
    assert all(d.allowed for d in decisions[:60])
    assert decisions[0] == Decision(True, 60, 59)
    assert decisions[59].remaining == 0
    assert decisions[60] == Decision(False, 60, 0, retry_after=1)
    clock.now += 1
    assert limiter.check("token:a").allowed
    assert not limiter.check("token:a").allowed


def test_each_token_has_its_own_bucket() -> None:
    limiter = RateLimiter(1, FakeMonotonic())
    assert limiter.check("token:a").allowed
    assert not limiter.check("token:a").allowed
    assert limiter.check("token:b").allowed


def test_zero_switches_limiting_off_and_a_new_limit_refills_every_bucket() -> None:
    limiter = RateLimiter(0, FakeMonotonic())
    assert not limiter.enabled
    assert all(limiter.check("token:a").allowed for _ in range(1000))
    limiter.set_limit(2)
    assert [limiter.check("token:a").allowed for _ in range(3)] == [True, True, False]
    limiter.set_limit(2)
    assert limiter.check("token:a").allowed


@pytest.mark.parametrize("bad", [-1, 1.5, True])
def test_a_negative_or_fractional_limit_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="rate limit"):
        RateLimiter(bad, FakeMonotonic())  # type: ignore[arg-type]
