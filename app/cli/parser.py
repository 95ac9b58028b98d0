"""The `testdeck` command line: every command, its arguments and the handler that runs it.

Handlers are named, not imported (`"local:show_runs"` is `app.cli.local.show_runs`), so a
command loads only its own module: `testdeck runs` never imports Qt or the HTTP client.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TypeAlias

from app import __version__
from app.cli.errors import UsageError

DESCRIPTION = "Record Testably test results from your desktop, online or offline."
EPILOG = (
    "RUN is a run's server id or its local key (local:12, or just 12). Local commands work "
    "offline on the local copy; `testdeck sync` delivers the changes."
)


class CommandLineParser(argparse.ArgumentParser):
    """An ArgumentParser that reports a wrong command line as a `UsageError`, not an exit."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.format_usage())


Commands: TypeAlias = "argparse._SubParsersAction[CommandLineParser]"


def build_parser(argv: Sequence[str] | None = None) -> CommandLineParser:
    """The parser of the `testdeck` command line.

    Given the command line it is about to parse, it holds only the command that line names
    (none for a bare `testdeck`): building every command's parser costs about 5 ms, which
    each start of the desktop app would pay. A line that asks for help or names no known
    command gets them all, so that the help and the error list every command.
    """
    parser = CommandLineParser(prog="testdeck", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"testdeck {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    _add_demo(parser)
    parser.set_defaults(handler="general:run_gui")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add_command in _commands_for(argv):
        add_command(commands)
    return parser


def _commands_for(argv: Sequence[str] | None) -> list[Callable[[Commands], object]]:
    if argv is None or any(word in ("-h", "--help") for word in argv):
        return list(COMMANDS.values())
    named = next((word for word in argv if not word.startswith("-")), None)
    if named is None:
        return []
    return [COMMANDS[named]] if named in COMMANDS else list(COMMANDS.values())


def _add(commands: Commands, name: str, handler: str, summary: str) -> CommandLineParser:
    parser: CommandLineParser = commands.add_parser(name, help=summary, description=summary)
    parser.set_defaults(handler=handler)
    return parser


def _add_demo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help="try Testdeck on demo data served by a built-in sandbox (kept apart from your data)",
    )


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="write JSON instead of text")


def _add_sandbox(commands: Commands) -> None:
    sandbox = _add(
        commands,
        "sandbox",
        "general:run_sandbox",
        "run the local Testably-compatible server (demo data, tests) until Ctrl+C",
    )
    sandbox.add_argument("--host", default=None, help="address to bind (default 127.0.0.1)")
    sandbox.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 = any)")
    sandbox.add_argument("--seed", choices=("demo", "empty", "large"), default="demo")
    sandbox.add_argument(
        "--rate-limit", type=int, default=60, metavar="N", help="requests/min per token; 0 = off"
    )
    sandbox.add_argument(
        "--coming-soon", action="store_true", help="answer run and result writes like today's API"
    )
    sandbox.add_argument("--db", type=Path, default=None, help="SQLite file (default: in memory)")


def _add_gui(commands: Commands) -> None:
    _add_demo(_add(commands, "gui", "general:run_gui", "start the desktop application (default)"))


def _add_info(commands: Commands) -> None:
    _add(commands, "info", "general:show_info", "show where Testdeck keeps its data and settings")


def _add_runs(commands: Commands) -> None:
    runs = _add(commands, "runs", "local:show_runs", "list the project's runs, newest first")
    _add_json(runs)


def _add_results(commands: Commands) -> None:
    results = _add(commands, "results", "local:show_results", "list the results of one run")
    results.add_argument("run", metavar="RUN", help="the run's server id or local key")
    _add_json(results)


def _add_record(commands: Commands) -> None:
    record = _add(commands, "record", "edits:record", "record a result (delivered on next sync)")
    record.add_argument("run", metavar="RUN", help="the run's server id or local key")
    record.add_argument("case", metavar="CASE", help="the test case id")
    record.add_argument(
        "status", metavar="STATUS", help="passed, failed, blocked, retest or not_tested"
    )
    record.add_argument("--note", metavar="TEXT", help="the note (default: keep it; '' clears)")
    record.add_argument(
        "--elapsed",
        metavar="TIME",
        help="seconds (90), m:ss (1:30) or h:mm:ss (default: keep it; '' clears)",
    )
    _add_json(record)


def _add_new_run(commands: Commands) -> None:
    new_run = _add(commands, "new-run", "edits:new_run", "create a run from cached test cases")
    new_run.add_argument("name", metavar="NAME", help="the run's name")
    new_run.add_argument(
        "--case", dest="cases", action="append", required=True, metavar="ID", help="repeatable"
    )
    new_run.add_argument("--milestone", metavar="ID", help="link the run to this milestone")
    _add_json(new_run)


def _add_edit_run(commands: Commands) -> None:
    edit_run = _add(commands, "edit-run", "edits:edit_run", "rename a run or change its milestone")
    edit_run.add_argument("run", metavar="RUN", help="the run's server id or local key")
    edit_run.add_argument("--name", help="the new name")
    edit_run.add_argument("--milestone", metavar="ID|none", help="a milestone id, or none")
    _add_json(edit_run)


def _add_close(commands: Commands) -> None:
    close = _add(commands, "close", "edits:close", "close a run; it becomes read-only")
    close.add_argument("run", metavar="RUN", help="the run's server id or local key")
    _add_json(close)


def _add_connect(commands: Commands) -> None:
    connect = _add(
        commands,
        "connect",
        "connection:connect",
        "check a Testably server, project and token, then save them "
        "(token from TESTDECK_TOKEN, else asked for)",
    )
    connect.add_argument("--server", metavar="URL", help="the server (default: the saved one)")
    connect.add_argument("--project", metavar="ID", required=True, help="the project id")


def _add_status(commands: Commands) -> None:
    status = _add(commands, "status", "sync_commands:show_status", "show what is waiting to sync")
    _add_json(status)


def _add_sync(commands: Commands) -> None:
    sync = _add(
        commands,
        "sync",
        "sync_commands:sync",
        "deliver local changes and fetch the server's; exit 2 if some are parked",
    )
    _add_json(sync)


COMMANDS: dict[str, Callable[[Commands], object]] = {
    "gui": _add_gui,
    "info": _add_info,
    "sandbox": _add_sandbox,
    "runs": _add_runs,
    "results": _add_results,
    "record": _add_record,
    "new-run": _add_new_run,
    "edit-run": _add_edit_run,
    "close": _add_close,
    "connect": _add_connect,
    "status": _add_status,
    "sync": _add_sync,
}
"""Every command, in the order the help lists them, with what adds it to the parser."""
