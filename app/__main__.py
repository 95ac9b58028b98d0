"""Testdeck's command line: `testdeck` starts the desktop app; subcommands work headless."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from app import __version__
from app.config import (
    AppPaths,
    TokenStorage,
    TokenStore,
    configure_logging,
    load_settings,
    reset_logging,
)

log = logging.getLogger("app")

TOKEN_PLACES = {
    TokenStorage.KEYRING: "kept in the system keyring",
    TokenStorage.SESSION: "kept in memory until Testdeck closes (no secure keyring here)",
    TokenStorage.FILE: "kept in an unencrypted file you opted into",
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    paths = AppPaths.from_environment().ensure()
    configure_logging(paths, logging.DEBUG if args.verbose else logging.INFO)
    try:
        return COMMANDS[args.command or "gui"](paths, args)
    finally:
        reset_logging()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="testdeck",
        description="Record Testably test results from your desktop, online or offline.",
    )
    parser.add_argument("--version", action="version", version=f"testdeck {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("gui", help="start the desktop application (the default)")
    commands.add_parser("info", help="show where Testdeck keeps its data and settings")
    add_sandbox_parser(commands)
    return parser


def add_sandbox_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sandbox = commands.add_parser(
        "sandbox",
        help="run the local Testably-compatible server (demo data, tests)",
        description="Serve a local Testably-compatible API until Ctrl+C.",
    )
    sandbox.add_argument("--host", default=None, help="address to bind (default 127.0.0.1)")
    sandbox.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 = any)")
    sandbox.add_argument("--seed", choices=("demo", "empty"), default="demo")
    sandbox.add_argument(
        "--rate-limit", type=int, default=60, metavar="N", help="requests/min per token; 0 = off"
    )
    sandbox.add_argument(
        "--coming-soon", action="store_true", help="answer run and result writes like today's API"
    )
    sandbox.add_argument("--db", type=Path, default=None, help="SQLite file (default: in memory)")


def run_gui(paths: AppPaths, args: argparse.Namespace) -> int:
    from app.ui.application import run_gui as start  # Qt loads only when needed

    return start(paths, [])


def show_info(paths: AppPaths, args: argparse.Namespace) -> int:
    from app.store import StoreError, open_database, schema_revision

    loaded = load_settings(paths.settings_file)
    tokens = TokenStore(paths, allow_file=loaded.settings.token_storage == "file")
    try:
        engine = open_database(paths.database_file, paths.backup_dir)
    except StoreError as error:
        revision = f"cannot be opened: {error}"
    else:
        revision = schema_revision(engine) or "empty"
        engine.dispose()
    lines = [
        f"Testdeck {__version__}",
        f"Data:      {paths.data_dir}",
        f"Database:  {paths.database_file} (schema {revision})",
        f"Settings:  {paths.settings_file}",
        f"Logs:      {paths.log_dir}",
        f"Server:    {loaded.settings.server_url}",
        f"Project:   {loaded.settings.project_id or 'not chosen yet'}",
        f"Token:     {TOKEN_PLACES[tokens.storage]}",
    ]
    lines += [f"Note:      {problem}" for problem in (*loaded.problems, tokens.notice) if problem]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def run_sandbox(paths: AppPaths, args: argparse.Namespace) -> int:
    from app.sandbox import run_standalone

    return run_standalone(
        host=args.host or "127.0.0.1",
        port=args.port,
        seed=args.seed,
        rate_limit=args.rate_limit,
        coming_soon=args.coming_soon,
        db=args.db,
    )


COMMANDS = {"gui": run_gui, "info": show_info, "sandbox": run_sandbox}

if __name__ == "__main__":
    sys.exit(main())
