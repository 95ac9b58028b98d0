"""Idempotency keys: the first answer to a create, close or bulk write, replayed for 24 h.

Records live in the sandbox's SQLite, so a sandbox restarted on the same file still replays
them. Their age is measured with the wall clock for the same reason (a monotonic clock
restarts with the process).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass

from app.sandbox.errors import ApiError

KEEP_SECONDS = 24 * 60 * 60


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    fingerprint: str
    status: int
    body: bytes


def fingerprint(method: str, path: str, body: bytes) -> str:
    """A digest of what a request asks for: method, path and its body in canonical form."""
    digest = hashlib.sha256()
    digest.update(f"{method.upper()} {path}\n".encode())
    digest.update(_canonical(body))
    return digest.hexdigest()


def lookup(
    connection: sqlite3.Connection, user_id: str, key: str, now: float
) -> StoredAnswer | None:
    """The answer stored for this user's key, unless it is older than 24 hours."""
    connection.execute("DELETE FROM idempotency_keys WHERE stored_at <= ?", (now - KEEP_SECONDS,))
    row = connection.execute(
        "SELECT fingerprint, status, body FROM idempotency_keys WHERE user_id = ? AND key = ?",
        (user_id, key),
    ).fetchone()
    return None if row is None else StoredAnswer(row[0], row[1], bytes(row[2]))


def replay(stored: StoredAnswer, request_fingerprint: str) -> StoredAnswer:
    """The stored answer, if it was given to the same request.

    Raises:
        ApiError: 422 `idempotency_key_reused` when the key came with a different request.
    """
    if stored.fingerprint != request_fingerprint:
        raise ApiError(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different request; "
            "make a new key for a new request.",
        )
    return stored


def remember(
    connection: sqlite3.Connection, user_id: str, key: str, answer: StoredAnswer, now: float
) -> None:
    """Keep `answer` for this user's key for the next 24 hours."""
    connection.execute(
        "INSERT OR REPLACE INTO idempotency_keys "
        "(user_id, key, fingerprint, status, body, stored_at) VALUES (?, ?, ?, ?, ?, ?)",
        (user_id, key, answer.fingerprint, answer.status, answer.body, now),
    )


def _canonical(body: bytes) -> bytes:
    if not body.strip():
        return b""
    try:
        parsed = json.loads(body)
    except ValueError:
        return body
    return json.dumps(parsed, sort_keys=True, separators=(",", ":")).encode()
