"""Run one `testdeck` command: parse the command line, dispatch, report errors in one line.

Exit codes: 0 success; 1 an error, explained by one `error: ...` line on stderr (a wrong
command line too); 2 from `testdeck sync` when changes remain parked for the user.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys
from collections.abc import Callable
from contextlib import redirect_stdout
from typing import cast

from app.cli.context import CliContext, Console
from app.cli.errors import EXIT_ERROR, EXIT_OK, CliError, UsageError
from app.cli.parser import build_parser
from app.config import AppPaths, configure_logging, reset_logging
from app.domain import ValidationError

Handler = Callable[[CliContext, argparse.Namespace], int]

DESKTOP_APP = "general:run_gui"
"""The handler that turns the garbage collector back on itself, after its first paint
(`testdeck` starts with it off, see `app.__main__`); every other command gets it at once."""


def main(argv: list[str] | None = None, console: Console | None = None) -> int:
    """Run the command in `argv` (default: the process's arguments); returns the exit code."""
    console = console or Console.system()
    try:
        with redirect_stdout(console.stdout):  # --help and --version write to stdout
            words = sys.argv[1:] if argv is None else argv
            args = build_parser(words).parse_args(words)
    except UsageError as error:
        console.stderr.write(error.usage)
        console.stderr.write(f"error: {error.message}\n")
        return EXIT_ERROR
    except SystemExit as done:  # --help, --version
        return done.code if isinstance(done.code, int) else EXIT_OK
    if args.handler != DESKTOP_APP:
        gc.enable()
    paths = AppPaths.from_environment(console.environ).ensure()
    # Commands report problems themselves; log records reach stderr only when asked for.
    stderr_level = logging.WARNING if args.verbose else logging.CRITICAL
    configure_logging(paths, logging.DEBUG if args.verbose else logging.INFO, stderr_level)
    context = CliContext(paths, console)
    try:
        code = _dispatch(context, args)
        console.stdout.flush()
        return code
    except BrokenPipeError:
        # The reader went away (`testdeck runs | head`): stop quietly, like other tools.
        _silence_stdout()
        return EXIT_OK
    finally:
        context.close()
        reset_logging()


def _dispatch(context: CliContext, args: argparse.Namespace) -> int:
    handler = _handler(args.handler)
    try:
        return handler(context, args)
    except CliError as error:
        context.err.line(f"error: {error.message}")
        return error.exit_code
    except _readable_errors() as error:
        context.err.line(f"error: {_message(error)}")
        return EXIT_ERROR


def _handler(reference: str) -> Handler:
    """The function a `module:function` reference names, importing only its module."""
    module_name, function_name = reference.split(":")
    module = importlib.import_module(f"app.cli.{module_name}")
    return cast(Handler, getattr(module, function_name))


def _readable_errors() -> tuple[type[Exception], ...]:
    """The errors whose message is written for the user: reported, not raised.

    The store's and the API client's errors count only if the command loaded those layers;
    importing them just to catch them would slow down every command.
    """
    errors: list[type[Exception]] = [ValidationError]
    if "app.store" in sys.modules:
        from app.store import StoreError

        errors.append(StoreError)
    if "app.api" in sys.modules:
        from app.api import ApiError, ServerAddressError

        errors += [ApiError, ServerAddressError]
    return tuple(errors)


def _message(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush can't fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (tests capture it)
        pass
    finally:
        os.close(devnull)
