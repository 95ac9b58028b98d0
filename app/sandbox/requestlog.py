"""The log of requests the sandbox answered, so tests can count what a client sent."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import NamedTuple


class RequestRecord(NamedTuple):
    """One request: its method, its path (without the query) and the status it got.

    A dropped request is logged with the status the sandbox produced, although the client
    never received it.
    """

    method: str
    path: str
    status: int


class RequestLog:
    """The requests answered so far, oldest first; safe to read from any thread.

    It behaves like a list of `RequestRecord` tuples: `len()`, iteration, indexing.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: list[RequestRecord] = []

    def record(self, method: str, path: str, status: int) -> None:
        with self._lock:
            self._records.append(RequestRecord(method, path, status))

    def snapshot(self) -> list[RequestRecord]:
        """A copy of the log as it is now."""
        with self._lock:
            return list(self._records)

    def count(self, method: str | None = None, path: str | None = None) -> int:
        """How many requests had this method and/or path."""
        return sum(
            1
            for record in self.snapshot()
            if method in (None, record.method) and path in (None, record.path)
        )

    def clear(self) -> None:
        with self._lock:
            self._records.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._records)

    def __iter__(self) -> Iterator[RequestRecord]:
        return iter(self.snapshot())

    def __getitem__(self, index: int) -> RequestRecord:
        with self._lock:
            return self._records[index]
