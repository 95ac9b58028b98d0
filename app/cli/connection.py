"""`testdeck connect`: check a server, project and token, then remember them.

The token comes from the `TESTDECK_TOKEN` environment variable or a hidden prompt. It is
registered with the log redaction at once and saved only through `TokenStore` (the keyring
when there is a secure one); it is never printed, logged or written to the settings file.
"""

from __future__ import annotations

import argparse

from app.api import ApiError, AuthFailedError, NotFoundError, TestablyClient
from app.api import Project as ServerProject
from app.api import normalise_server_url as normalise
from app.cli.context import CliContext
from app.cli.errors import CliError
from app.cli.general import TOKEN_PLACES
from app.cli.tokens import TOKEN_VARIABLE, token_from_environment, usable_token
from app.cli.views import quoted
from app.config import TokenStorage, save_settings
from app.domain import ApiToken

PROMPT = "Testably API token (typing is hidden): "
NO_TERMINAL = (
    f"No API token: set the {TOKEN_VARIABLE} environment variable, or run `testdeck connect` "
    "in a terminal to type it."
)


def connect(context: CliContext, args: argparse.Namespace) -> int:
    server = normalise(args.server or context.settings.server_url)
    project_id = args.project.strip()
    if not project_id:
        raise CliError("Give the id of a Testably project with --project.")
    token, source = _token_to_check(context)
    project = _check(server, token, project_id, source)
    settings = context.settings.replace(server_url=server, project_id=project_id)
    try:
        save_settings(context.paths.settings_file, settings)
    except OSError as error:
        raise CliError(
            f"Connected, but the settings could not be saved to {context.paths.settings_file} "
            f"({error.strerror or error})."
        ) from None
    storage = context.tokens.save(server, token)
    context.out.lines(
        [
            f"Connected to {server}: project {quoted(project.name)} ({project.id}).",
            f"Saved in {context.paths.settings_file}; the token is {TOKEN_PLACES[storage.value]}.",
            "Next: `testdeck sync` fetches the project's runs.",
        ]
    )
    if context.tokens.notice:
        context.err.line(f"note: {context.tokens.notice}")
    if storage is TokenStorage.SESSION:
        context.err.line(f"note: set {TOKEN_VARIABLE} for `testdeck sync`; the token isn't saved.")
    return 0


def environment_token(context: CliContext) -> ApiToken | None:
    """The token in `TESTDECK_TOKEN` (see `app.cli.tokens`); None when the variable is unset."""
    return token_from_environment(context.console.environ)


def _token_to_check(context: CliContext) -> tuple[ApiToken, str]:
    token = environment_token(context)
    if token is not None:
        return token, TOKEN_VARIABLE
    if not context.console.stdin.isatty():
        raise CliError(NO_TERMINAL)
    typed = usable_token(context.console.ask_secret(PROMPT), "the prompt")
    if typed is None:
        raise CliError("No token was typed, so nothing was saved.")
    return typed, "the prompt"


def _check(server: str, token: ApiToken, project_id: str, source: str) -> ServerProject:
    """The project as the server shows it to this token; a readable CliError otherwise."""
    with TestablyClient(server, token) as client:
        try:
            return client.project(project_id)
        except AuthFailedError as error:
            raise CliError(f"{error.message} The token came from {source}.") from None
        except NotFoundError:
            raise CliError(
                f"{server} has no project {project_id!r}, or this token can't see it. "
                "Check the project id in Testably's web app."
            ) from None
        except ApiError as error:
            raise CliError(f"Could not check the connection: {error.message}") from None
