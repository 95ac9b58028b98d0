"""Running connection tests for the Connect dialog: one at a time, in the background.

The tester registers the token for log redaction as soon as it gets it, keeps it only as an
`ApiToken`, and drops the outcome of a test that was stopped or replaced, so the dialog
only ever hears about the test that matches what its fields hold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from app.config import register_secret
from app.domain import ApiToken
from app.sync.connection import (
    ConnectionCheck,
    ConnectionProblem,
    ProblemKind,
    ProjectChoice,
    server_url_from,
)
from app.ui.background import BackgroundCall

CheckFactory = Callable[[str, str], ConnectionCheck]
"""Makes the check of `(server text, token text)`; `ConnectionCheck` itself in the app."""

STOP_WAIT_MS = 2000
"""How long stopping waits for a cancelled check's thread (a check ends at once)."""


@dataclass(frozen=True, slots=True)
class TestedInputs:
    """The server and token a test was made for; the token never as plain text."""

    __test__ = False  # not a pytest test class, despite the name

    server_text: str
    token: ApiToken | None  # None when what was typed can't be a token

    def match(self, server_text: str, token_text: str) -> bool:
        """Whether the fields still hold exactly what was tested."""
        token = self.token.reveal() if self.token is not None else ""
        return server_text == self.server_text and token_text.strip() == token


@dataclass(frozen=True, slots=True)
class Verified:
    """A successful test: what was tested, the server's origin and the projects."""

    inputs: TestedInputs
    server_url: str
    projects: tuple[ProjectChoice, ...]


class ConnectionTester(QObject):
    """Tests a server and a token in the background, one test at a time.

    Args:
        check_factory: makes the `ConnectionCheck` of the typed server and token.
        parent: the owning QObject.

    Signals:
        verified(object): the running test succeeded; a `Verified`.
        failed(object): the running test failed; its `ConnectionProblem`. A test ended by
            `stop()` or replaced by a newer one reports nothing.
    """

    verified = Signal(object)
    failed = Signal(object)

    def __init__(self, check_factory: CheckFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._check_factory = check_factory
        self._call: BackgroundCall | None = None
        self._inputs: TestedInputs | None = None

    @property
    def inputs(self) -> TestedInputs | None:
        """What the running test is testing; None when no test runs."""
        return self._inputs

    def start(self, server_text: str, token_text: str) -> None:
        """Test `server_text` and `token_text` (stopping a running test first)."""
        self.stop()
        secret = token_text.strip()
        if secret:
            register_secret(secret)  # before anything could log it
        check = self._check_factory(server_text, secret)
        call = BackgroundCall(check.run, cancel=check.cancel, name="testdeck-connect-test")
        call.succeeded.connect(self._on_call_succeeded)
        call.failed.connect(self._on_call_failed)
        self._call, self._inputs = call, TestedInputs(server_text, _token_or_none(secret))
        call.start()

    def stop(self) -> bool:
        """Stop the running test, if any; whether its thread has ended."""
        call, self._call, self._inputs = self._call, None, None
        if call is None:
            return True
        call.cancel()
        return call.wait(STOP_WAIT_MS)  # if not, the call keeps itself alive until it ends

    @Slot(object)
    def _on_call_succeeded(self, projects: object) -> None:
        inputs = self._inputs
        if self.sender() is not self._call or inputs is None:
            return  # a test that was stopped or replaced
        self._call, self._inputs = None, None
        choices = tuple(projects) if isinstance(projects, Sequence) else ()
        server_url = server_url_from(inputs.server_text)  # it passed the check
        self.verified.emit(Verified(inputs, server_url, choices))

    @Slot(object)
    def _on_call_failed(self, error: object) -> None:
        if self.sender() is not self._call:
            return
        self._call, self._inputs = None, None
        self.failed.emit(_as_problem(error))


def _token_or_none(secret: str) -> ApiToken | None:
    try:
        return ApiToken(secret)
    except ValueError:
        return None  # the check says what is wrong with it


def _as_problem(error: object) -> ConnectionProblem:
    if isinstance(error, ConnectionProblem):
        return error
    return ConnectionProblem(ProblemKind.SERVER, f"The test failed unexpectedly: {error!r}")
