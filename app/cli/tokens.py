"""The API token from the `TESTDECK_TOKEN` environment variable, checked and redacted.

Kept apart from `testdeck connect` so that reading it loads neither the HTTP client nor the
keyring: the desktop app reads it before its first paint.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.cli.errors import CliError
from app.config import register_secret
from app.domain import ApiToken

TOKEN_VARIABLE = "TESTDECK_TOKEN"


def token_from_environment(environ: Mapping[str, str]) -> ApiToken | None:
    """The token in `TESTDECK_TOKEN`, registered for redaction; None when the variable is unset.

    Raises:
        CliError: the variable holds something that can't be a token.
    """
    return usable_token(environ.get(TOKEN_VARIABLE, ""), TOKEN_VARIABLE)


def usable_token(raw: str, source: str) -> ApiToken | None:
    """`raw` as a token (registered for log redaction), None when blank.

    Raises:
        CliError: `raw` can't be a token; the message names `source`, never the token.
    """
    secret = raw.strip()
    if not secret:
        return None
    register_secret(secret)
    try:
        return ApiToken(secret)
    except ValueError as error:  # the message describes the problem, never the token
        raise CliError(f"The token from {source} is not usable: {error}") from None
