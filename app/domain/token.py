"""The Testably API token as a value that never shows itself by accident."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ApiToken:
    """A secret API token. Its repr and str are masked; `reveal()` is the only way in.

    Keep the token in this wrapper everywhere, so a log line, an exception message or a
    debugger view that formats it shows `ApiToken(***)` instead of the secret.
    """

    _secret: str = field(repr=False)

    def __post_init__(self) -> None:
        if not self._secret or self._secret != self._secret.strip():
            raise ValueError("An API token can't be empty or start or end with spaces.")
        if not self._secret.isascii() or not self._secret.isprintable() or " " in self._secret:
            raise ValueError(
                "An API token is made of plain letters, digits and punctuation, without "
                "spaces; check that it was copied completely."
            )

    def reveal(self) -> str:
        """The secret itself, for the Authorization header or the keyring, nothing else."""
        return self._secret

    def __repr__(self) -> str:
        return "ApiToken(***)"

    def __str__(self) -> str:
        return "***"
