from collections.abc import Iterator

import pytest

from app.sandbox import idempotency
from app.sandbox.database import Database
from app.sandbox.errors import ApiError
from app.sandbox.idempotency import KEEP_SECONDS, StoredAnswer, fingerprint

T0 = 1_800_000_000.0


@pytest.fixture
def db() -> Iterator[Database]:
    database = Database(None)
    yield database
    database.close()


def remember(db: Database, key: str, answer: StoredAnswer, now: float, user: str = "u") -> None:
    with db.transaction() as connection:
        idempotency.remember(connection, user, key, answer, now)


def lookup(db: Database, key: str, now: float, user: str = "u") -> StoredAnswer | None:
    with db.transaction() as connection:
        return idempotency.lookup(connection, user, key, now)


def test_the_fingerprint_ignores_key_order_and_spacing() -> None:
    first = fingerprint("POST", "/v1/x", b'{"a": 1, "b": [1, 2]}')
    assert first == fingerprint("post", "/v1/x", b'{"b":[1,2],"a":1}')
    assert first != fingerprint("POST", "/v1/y", b'{"a": 1, "b": [1, 2]}')
    assert first != fingerprint("POST", "/v1/x", b'{"a": 2, "b": [1, 2]}')
    assert fingerprint("POST", "/v1/x", b"") == fingerprint("POST", "/v1/x", b"  ")


def test_an_answer_is_replayed_for_24_hours_then_forgotten(db: Database) -> None:
    answer = StoredAnswer(fingerprint("POST", "/v1/x", b"{}"), 201, b'{"data":{}}')
    remember(db, "key-1", answer, T0)
    assert lookup(db, "key-1", T0 + KEEP_SECONDS - 1) == answer
    assert lookup(db, "key-1", T0 + KEEP_SECONDS) is None
    assert lookup(db, "key-1", T0) is None  # expired records are deleted, not hidden


def test_keys_belong_to_one_user(db: Database) -> None:
    answer = StoredAnswer("f", 201, b"{}")
    remember(db, "key-1", answer, T0, user="ana")
    assert lookup(db, "key-1", T0, user="ben") is None
    assert lookup(db, "key-1", T0, user="ana") == answer


def test_replay_refuses_a_key_reused_for_another_request() -> None:
    stored = StoredAnswer("first", 201, b"{}")
    assert idempotency.replay(stored, "first") is stored
    with pytest.raises(ApiError) as raised:
        idempotency.replay(stored, "second")
    assert (raised.value.status, raised.value.code) == (422, "idempotency_key_reused")
