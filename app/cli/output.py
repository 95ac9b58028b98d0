"""Writing to the terminal: plain lines, aligned tables and JSON, always to a given stream.

Commands never print; they hand text to an `Output`, so tests and other callers choose
where it goes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TextIO

COLUMN_GAP = "  "
ELLIPSIS = "…"


class Output:
    """One output stream (stdout or stderr) of a command."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def line(self, text: str = "") -> None:
        self._stream.write(text + "\n")

    def lines(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.line(text)

    def json(self, value: object) -> None:
        """`value` as indented JSON; datetimes become ISO-8601 UTC strings ending in `Z`."""
        self.line(json.dumps(value, indent=2, ensure_ascii=False, default=_json_default))

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        """Rows under a header, each column as wide as its widest cell."""
        self.lines(format_table(headers, rows))


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Aligned lines for a header and rows; the last column is not padded."""
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]
    return [_table_line(cells, widths) for cells in (headers, *rows)]


def _table_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    padded = [cell.ljust(width) for cell, width in zip(cells, widths, strict=True)]
    return COLUMN_GAP.join(padded).rstrip()


def one_line(text: str | None, limit: int) -> str:
    """The first line of `text`, cut to `limit` characters, with `…` where something was cut."""
    if not text:
        return ""
    lines = text.strip().splitlines() or [""]
    first = " ".join(lines[0].split())
    cut = len(lines) > 1
    if len(first) > limit:
        first, cut = first[: limit - 1].rstrip(), True
    return first + ELLIPSIS if cut else first


def plural(count: int, noun: str) -> str:
    """`1 change`, `3 changes`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def timestamp(moment: datetime | None) -> str | None:
    """A moment as ISO-8601 UTC (`2026-11-02T09:00:00Z`), or None."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def moment_text(moment: datetime | None, never: str = "never") -> str:
    """A moment as people read it in a terminal: `2026-11-02 09:00 UTC`."""
    if moment is None:
        return never
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _json_default(value: object) -> object:
    if isinstance(value, datetime):
        return timestamp(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
