"""The one error the command line reports to the user: a readable sentence and an exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_PARKED = 2
"""`testdeck sync` delivered what it could, but some changes are parked until the user acts."""


class CliError(Exception):
    """A problem a command reports as one `error: ...` line on stderr.

    Args:
        message: what went wrong and, where it helps, what to do about it.
        exit_code: the process exit code; 1 unless a command documents otherwise.
    """

    def __init__(self, message: str, exit_code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


class UsageError(CliError):
    """The command line itself is wrong (unknown option, missing argument)."""

    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message)
        self.usage = usage
