"""The Connect dialog and Welcome window, against a real sandbox over 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from app.sync.connection import CHECK_THREAD_NAME
from tests.sandbox_server import make_sandbox, sandbox

__all__ = ["make_sandbox", "no_request_thread_left", "request_threads", "sandbox"]


def request_threads() -> list[threading.Thread]:
    """The connection checks' request threads that are starting or running."""
    return [thread for thread in threading.enumerate() if thread.name == CHECK_THREAD_NAME]


@pytest.fixture(autouse=True)
def no_request_thread_left() -> Iterator[None]:
    """A stopped check's request thread ends by itself with the server's answer; wait for it."""
    yield
    deadline = time.monotonic() + 5
    pause = threading.Event()
    while threads := request_threads():
        assert time.monotonic() < deadline, "a connection check's request thread outlived its test"
        for thread in threads:
            if thread.ident is None:  # still starting: it can't be joined yet
                pause.wait(0.01)
            else:
                thread.join(0.1)
