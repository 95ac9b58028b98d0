"""The user's settings: a small JSON file that never holds the API token.

Loading never fails: a missing file gives the defaults, a broken file is set aside under a
new name (nothing is lost) and a single bad value falls back to its default. Each problem
comes back as a sentence the user can read. Keys this version does not know are kept and
written back, so a file written by a newer Testdeck survives a round trip through an older one.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from app.config.atomic import write_atomically

DEFAULT_SERVER_URL = "https://api.testably.app"
MIN_SYNC_INTERVAL_SECONDS = 10
MAX_SYNC_INTERVAL_SECONDS = 3600
THEMES = ("system", "light", "dark")
TOKEN_STORAGE_CHOICES = ("keyring", "file")

_SHOWN_VALUE_LIMIT = 60

# A check returns None when the value is acceptable, otherwise what the value must be.
_Check = Callable[[object], str | None]


def _check_server_url(value: object) -> str | None:
    wanted = "must be a web address starting with https:// or http://"
    if not isinstance(value, str):
        return wanted
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return wanted
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return wanted
    return None


def _check_project_id(value: object) -> str | None:
    if value is None or (isinstance(value, str) and value.strip()):
        return None
    return "must be a project id in quotes, or null for none"


def _check_sync_interval(value: object) -> str | None:
    low, high = MIN_SYNC_INTERVAL_SECONDS, MAX_SYNC_INTERVAL_SECONDS
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return None
    return f"must be a whole number of seconds from {low} to {high}"


def _check_flag(value: object) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _one_of(choices: tuple[str, ...]) -> _Check:
    def check(value: object) -> str | None:
        return None if value in choices else "must be one of " + ", ".join(choices)

    return check


_CHECKS: Mapping[str, _Check] = MappingProxyType(
    {
        "server_url": _check_server_url,
        "project_id": _check_project_id,
        "sync_interval_seconds": _check_sync_interval,
        "auto_advance": _check_flag,
        "stopwatch_autostart": _check_flag,
        "theme": _one_of(THEMES),
        "token_storage": _one_of(TOKEN_STORAGE_CHOICES),
    }
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the user can set, with its default.

    Attributes:
        server_url: the Testably API address.
        project_id: the Testably project to work on; None until the user picks one.
        sync_interval_seconds: how often to sync while online (10 to 3600).
        auto_advance: move to the next untested result after saving one.
        stopwatch_autostart: start the stopwatch when a result is opened.
        theme: "system", "light" or "dark".
        token_storage: "keyring", or "file" only after the user explicitly accepted an
            unencrypted token file.
        extra: keys this version does not know, kept so that saving loses nothing.

    Raises:
        ValueError: a value is out of range or of the wrong kind.
    """

    server_url: str = DEFAULT_SERVER_URL
    project_id: str | None = None
    sync_interval_seconds: int = 60
    auto_advance: bool = True
    stopwatch_autostart: bool = True
    theme: str = "system"
    token_storage: str = "keyring"
    extra: Mapping[str, object] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        for name, check in _CHECKS.items():
            reason = check(getattr(self, name))
            if reason is not None:
                raise ValueError(f"The setting {name} {reason}.")
        clashes = sorted(set(self.extra) & set(_CHECKS))
        if clashes:
            raise ValueError(f"Unknown settings can't reuse known names: {', '.join(clashes)}.")
        object.__setattr__(self, "extra", MappingProxyType(dict(self.extra)))

    def replace(self, **changes: Any) -> Settings:
        """A copy with `changes` applied and checked."""
        return dataclasses.replace(self, **changes)

    def to_json(self) -> dict[str, object]:
        """The settings as a JSON object: known keys first, then the unknown ones."""
        document: dict[str, object] = {name: getattr(self, name) for name in _CHECKS}
        document.update(self.extra)
        return document


@dataclass(frozen=True, slots=True)
class SettingsLoad:
    """What `load_settings` found.

    Attributes:
        settings: the settings to use; defaults stand in for anything unusable.
        problems: one readable sentence per thing that was wrong, to show the user.
    """

    settings: Settings
    problems: tuple[str, ...] = ()


def load_settings(path: Path) -> SettingsLoad:
    """Read the settings file; never raises for a missing, unreadable or broken file.

    A file that is not a JSON object is renamed to `<name>.broken-<UTC time>` and the
    defaults are used; a single unusable value falls back to its default.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return SettingsLoad(Settings())
    except OSError as exc:
        problem = (
            f"Testdeck couldn't read its settings file {path} ({exc.strerror or exc}), "
            "so it uses the default settings for now."
        )
        return SettingsLoad(Settings(), (problem,))
    document, fault = _parse(raw)
    if document is None:
        return SettingsLoad(Settings(), (_set_aside(path, fault),))
    return _from_document(document)


def save_settings(path: Path, settings: Settings) -> None:
    """Write `settings` as pretty JSON, atomically, keeping unknown keys.

    Raises:
        OSError: the file could not be written; the previous file is unchanged.
    """
    text = json.dumps(settings.to_json(), indent=2, ensure_ascii=False) + "\n"
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(path, text.encode("utf-8"))


def _parse(raw: bytes) -> tuple[dict[str, Any] | None, str]:
    """The JSON object in `raw`, or None and what is wrong with it."""
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, "is not UTF-8 text"
    except json.JSONDecodeError as exc:
        return None, f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
    except RecursionError:
        return None, "is not valid JSON (it is nested too deeply)"
    if not isinstance(document, dict):
        return None, f"holds a JSON {_json_kind(document)} instead of an object of settings"
    return document, ""


def _json_kind(value: object) -> str:
    kinds: tuple[tuple[type, str], ...] = (
        (list, "list"),
        (str, "string"),
        (bool, "true/false value"),
        (int, "number"),
        (float, "number"),
    )
    return next((name for kind, name in kinds if isinstance(value, kind)), "null")


def _set_aside(path: Path, fault: str) -> str:
    """Rename the unusable file so nothing is lost, and say where it went."""
    target = _broken_path(path)
    try:
        path.rename(target)
    except OSError as exc:
        return (
            f"The settings file {path} {fault}, and Testdeck couldn't move it aside "
            f"({exc.strerror or exc}). Default settings are used; saving settings will "
            "replace that file."
        )
    return (
        f"The settings file {path} {fault}. It was moved to {target} so nothing is lost, "
        "and default settings are used."
    )


def _broken_path(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.broken-{stamp}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.broken-{stamp}-{number}")
        number += 1
    return candidate


def _from_document(document: Mapping[str, Any]) -> SettingsLoad:
    values: dict[str, Any] = {}
    problems: list[str] = []
    for name, check in _CHECKS.items():
        if name not in document:
            continue
        reason = check(document[name])
        if reason is None:
            values[name] = document[name]
        else:
            problems.append(_value_problem(name, document[name], reason))
    extra = {key: value for key, value in document.items() if key not in _CHECKS}
    return SettingsLoad(Settings(**values, extra=extra), tuple(problems))


def _value_problem(name: str, value: object, reason: str) -> str:
    default = _shown(getattr(Settings(), name))
    return (
        f'The setting "{name}" had the value {_shown(value)}, but it {reason}. '
        f"Testdeck uses the default, {default}, instead."
    )


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > _SHOWN_VALUE_LIMIT:
        return text[: _SHOWN_VALUE_LIMIT - 1] + "…"
    return text
