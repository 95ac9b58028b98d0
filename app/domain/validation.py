"""Validation of what a tester types: run names, notes, elapsed times, case selections.

Each `clean_*` function returns the value Testdeck stores, or raises `ValidationError`
whose message a tester can read and act on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_RUN_NAME_LENGTH = 250
MAX_NOTE_LENGTH = 10_000
MAX_ELAPSED_SECONDS = 86_400

_ELAPSED_TEXT = re.compile(r"^(?:(?:(\d+):)?(\d{1,2}):)?(\d+)$")


class ValidationError(ValueError):
    """A value a user typed that Testdeck cannot accept.

    Attributes:
        field: which input is wrong (`name`, `note`, `elapsed`, `test_case_ids`, ...).
        message: what is wrong and how to fix it, in plain words.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def clean_run_name(raw: str) -> str:
    """A run name, trimmed: non-empty, at most 250 characters, no control characters."""
    name = raw.strip()
    if not name:
        raise ValidationError("name", "Give the run a name.")
    if len(name) > MAX_RUN_NAME_LENGTH:
        raise ValidationError(
            "name",
            f"The run name is {len(name):,} characters long; "
            f"shorten it to {MAX_RUN_NAME_LENGTH} or fewer.",
        )
    control = _first_control_character(name)
    if control is not None:
        raise ValidationError(
            "name",
            f"The run name contains a {_describe(control)}; "
            "run names must fit on one line without control characters.",
        )
    return name


def clean_note(raw: str | None) -> str | None:
    """A result note: `None` when blank, line endings made `\\n`, at most 10,000 characters.

    The note is otherwise kept exactly as typed, inner spaces and blank lines included.
    """
    if raw is None:
        return None
    note = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not note.strip():
        return None
    if len(note) > MAX_NOTE_LENGTH:
        raise ValidationError(
            "note",
            f"The note is {len(note):,} characters long; "
            f"shorten it to {MAX_NOTE_LENGTH:,} or fewer.",
        )
    if "\x00" in note:
        raise ValidationError("note", "The note contains a NUL character; remove it.")
    return note


def clean_elapsed(value: object) -> int | None:
    """Elapsed time in whole seconds, from 0 to 86,400 (24 hours); `None` means not timed."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError("elapsed", "The elapsed time must be a whole number of seconds.")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValidationError("elapsed", "The elapsed time must be whole seconds.")
        value = int(value)
    if value < 0:
        raise ValidationError("elapsed", "The elapsed time can't be negative.")
    if value > MAX_ELAPSED_SECONDS:
        raise ValidationError(
            "elapsed",
            "The elapsed time can't be more than 24 hours (86,400 seconds).",
        )
    return value


def parse_elapsed_text(text: str) -> int | None:
    """Read an elapsed time as a tester types it: `90`, `1:30` (mm:ss) or `1:02:03` (h:mm:ss).

    A blank text means "not timed" and gives `None`.
    """
    stripped = text.strip()
    if not stripped:
        return None
    match = _ELAPSED_TEXT.match(stripped)
    if match is None:
        raise ValidationError(
            "elapsed",
            f"'{stripped}' is not a time; type seconds (90), mm:ss (1:30) or h:mm:ss (1:02:03).",
        )
    hours, minutes, seconds = match.groups()
    if minutes is not None and int(seconds) > 59:
        raise ValidationError("elapsed", f"'{stripped}' has more than 59 seconds.")
    if hours is not None and int(minutes) > 59:
        raise ValidationError("elapsed", f"'{stripped}' has more than 59 minutes.")
    total = int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds)
    return clean_elapsed(total)


def format_elapsed(seconds: int) -> str:
    """Seconds as `m:ss`, or `h:mm:ss` from one hour on."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def clean_test_case_ids(ids: Iterable[str]) -> list[str]:
    """The test cases of a new run: at least one, each once, in the order given."""
    unique = list(dict.fromkeys(case_id.strip() for case_id in ids if case_id.strip()))
    if not unique:
        raise ValidationError("test_case_ids", "Select at least one test case for the run.")
    return unique


def _first_control_character(text: str) -> str | None:
    return next((ch for ch in text if unicodedata.category(ch) == "Cc"), None)


def _describe(character: str) -> str:
    names = {"\t": "tab", "\n": "line break", "\r": "line break"}
    return names.get(character, f"control character (U+{ord(character):04X})")
