"""The parser holds only the command a command line names; help and typos see them all."""

from __future__ import annotations

import argparse

import pytest

from app.cli.parser import COMMANDS, build_parser


def command_names(parser: argparse.ArgumentParser) -> list[str]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(actions[0].choices) if actions else []


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], []),
        (["--demo"], []),
        (["-v", "gui", "--demo"], ["gui"]),
        (["results", "run_1", "--json"], ["results"]),
        (["--help"], list(COMMANDS)),
        (["runs", "-h"], list(COMMANDS)),
        (["frobnicate"], list(COMMANDS)),
        (None, list(COMMANDS)),
    ],
)
def test_the_parser_holds_what_the_command_line_needs(
    argv: list[str] | None, expected: list[str]
) -> None:
    assert command_names(build_parser(argv)) == expected


@pytest.mark.parametrize(
    "argv",
    [[], ["--demo"], ["gui", "--demo"], ["results", "run_1", "--json"], ["-v", "sync"]],
)
def test_a_scoped_parser_reads_a_command_line_as_the_whole_one_does(argv: list[str]) -> None:
    assert build_parser(argv).parse_args(argv) == build_parser().parse_args(argv)
