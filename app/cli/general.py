"""The desktop app, where Testdeck keeps its files, and the local sandbox server."""

from __future__ import annotations

import argparse

from app import __version__
from app.cli.context import CliContext

TOKEN_PLACES = {  # by TokenStorage value: naming the enum here would load the keyring
    "keyring": "kept in the system keyring",
    "session": "kept in memory until Testdeck closes (no secure keyring here)",
    "file": "kept in an unencrypted file you opted into",
}


def run_gui(context: CliContext, args: argparse.Namespace) -> int:
    from app.cli.desktop import start_desktop  # Qt loads only for the desktop app

    return start_desktop(context, demo=getattr(args, "demo", False))


def show_info(context: CliContext, args: argparse.Namespace) -> int:
    from app.store import StoreError, schema_revision

    paths, settings = context.paths, context.settings
    try:
        revision = schema_revision(context.database) or "empty"
    except StoreError as error:
        revision = f"cannot be opened: {error}"
    context.out.lines(
        [
            f"Testdeck {__version__}",
            f"Data:      {paths.data_dir}",
            f"Database:  {paths.database_file} (schema {revision})",
            f"Settings:  {paths.settings_file}",
            f"Logs:      {paths.log_dir}",
            f"Server:    {settings.server_url}",
            f"Project:   {settings.project_id or 'not chosen yet'}",
            f"Token:     {TOKEN_PLACES[context.tokens.storage.value]}",
        ]
    )
    if context.tokens.notice:
        context.out.line(f"Note:      {context.tokens.notice}")
    return 0


def run_sandbox(context: CliContext, args: argparse.Namespace) -> int:
    from app.sandbox import run_standalone

    return run_standalone(
        host=args.host or "127.0.0.1",
        port=args.port,
        seed=args.seed,
        rate_limit=args.rate_limit,
        coming_soon=args.coming_soon,
        db=args.db,
    )
