"""Settings: defaults, round trips, broken files set aside, bad values defaulted."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.config.settings import (
    DEFAULT_SERVER_URL,
    Settings,
    SettingsLoad,
    load_settings,
    save_settings,
)


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


def _write_json(path: Path, document: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document), encoding="utf-8")


def _broken_copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.broken-*"))


def test_a_missing_file_gives_the_defaults_without_problems(settings_file: Path) -> None:
    loaded = load_settings(settings_file)

    assert loaded == SettingsLoad(Settings(), ())
    assert loaded.settings.server_url == DEFAULT_SERVER_URL
    assert loaded.settings.sync_interval_seconds == 60
    assert loaded.settings.theme == "system"
    assert loaded.settings.token_storage == "keyring"


def test_saved_settings_load_back_equal(settings_file: Path) -> None:
    settings = Settings(
        server_url="http://127.0.0.1:8765",
        project_id="P-42",
        sync_interval_seconds=3600,
        auto_advance=False,
        stopwatch_autostart=False,
        theme="dark",
        token_storage="file",
    )

    save_settings(settings_file, settings)

    assert load_settings(settings_file) == SettingsLoad(settings, ())


def test_the_file_is_pretty_json_with_every_known_key(settings_file: Path) -> None:
    save_settings(settings_file, Settings(theme="light"))

    text = settings_file.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert '\n  "theme": "light",\n' in text
    assert set(json.loads(text)) == {
        "server_url",
        "project_id",
        "sync_interval_seconds",
        "auto_advance",
        "stopwatch_autostart",
        "theme",
        "token_storage",
    }


@pytest.mark.parametrize(
    "content",
    [
        b'{"theme": "dark",',
        b"",
        b"\xff\xfe not utf-8",
        b'["theme", "dark"]',
        b'"dark"',
        b"null",
    ],
    ids=["truncated", "empty", "not-utf8", "list", "string", "null"],
)
def test_a_broken_file_is_set_aside_and_reported(settings_file: Path, content: bytes) -> None:
    settings_file.parent.mkdir(parents=True)
    settings_file.write_bytes(content)

    loaded = load_settings(settings_file)

    assert loaded.settings == Settings()
    [moved] = _broken_copies(settings_file)
    assert moved.read_bytes() == content
    assert not settings_file.exists()
    [problem] = loaded.problems
    assert str(settings_file) in problem
    assert str(moved) in problem


def test_a_second_broken_file_does_not_overwrite_the_first(settings_file: Path) -> None:
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text("first {", encoding="utf-8")
    load_settings(settings_file)
    settings_file.write_text("second {", encoding="utf-8")
    load_settings(settings_file)

    contents = {path.read_text(encoding="utf-8") for path in _broken_copies(settings_file)}
    assert contents == {"first {", "second {"}


def test_an_unreadable_file_is_reported_and_left_alone(settings_file: Path) -> None:
    settings_file.mkdir(parents=True)  # a folder where the file should be

    loaded = load_settings(settings_file)

    assert loaded.settings == Settings()
    assert len(loaded.problems) == 1
    assert str(settings_file) in loaded.problems[0]
    assert settings_file.is_dir()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("server_url", "ftp://example.com"),
        ("server_url", "not a url"),
        ("server_url", 42),
        ("project_id", 7),
        ("project_id", ""),
        ("sync_interval_seconds", 9),
        ("sync_interval_seconds", 3601),
        ("sync_interval_seconds", "60"),
        ("sync_interval_seconds", 60.5),
        ("sync_interval_seconds", True),
        ("auto_advance", "yes"),
        ("stopwatch_autostart", 1),
        ("theme", "blue"),
        ("theme", None),
        ("token_storage", "plaintext"),
    ],
)
def test_a_bad_value_falls_back_alone_and_is_named(
    settings_file: Path, name: str, value: object
) -> None:
    good = {"project_id": "P-1", "theme": "dark", "auto_advance": False}
    _write_json(settings_file, {**good, name: value})

    loaded = load_settings(settings_file)

    assert getattr(loaded.settings, name) == getattr(Settings(), name)
    for other, kept in good.items():
        if other != name:
            assert getattr(loaded.settings, other) == kept
    [problem] = loaded.problems
    assert f'"{name}"' in problem
    assert json.dumps(value) in problem
    assert settings_file.exists()
    assert _broken_copies(settings_file) == []


def test_several_bad_values_give_one_problem_each(settings_file: Path) -> None:
    _write_json(settings_file, {"theme": "blue", "sync_interval_seconds": 0})

    loaded = load_settings(settings_file)

    assert loaded.settings == Settings()
    assert len(loaded.problems) == 2


def test_unknown_keys_survive_a_load_and_save(settings_file: Path) -> None:
    newer = {
        "theme": "light",
        "font_scale": 1.25,
        "columns": {"results": ["title", "status"], "hidden": []},
        "extra": "a key literally named extra",
    }
    _write_json(settings_file, newer)

    loaded = load_settings(settings_file)
    save_settings(settings_file, loaded.settings.replace(theme="dark"))

    saved = json.loads(settings_file.read_text(encoding="utf-8"))
    assert saved["theme"] == "dark"
    assert saved["font_scale"] == 1.25
    assert saved["columns"] == newer["columns"]
    assert saved["extra"] == newer["extra"]
    assert loaded.problems == ()


def test_saving_leaves_no_temporary_files(settings_file: Path) -> None:
    save_settings(settings_file, Settings())
    save_settings(settings_file, Settings(theme="dark"))

    assert [path.name for path in settings_file.parent.iterdir()] == ["settings.json"]


def test_a_failed_save_keeps_the_old_file_and_no_temporary_file(
    settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(settings_file, Settings(theme="light"))
    before = settings_file.read_bytes()

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        save_settings(settings_file, Settings(theme="dark"))

    assert settings_file.read_bytes() == before
    assert [path.name for path in settings_file.parent.iterdir()] == ["settings.json"]


@pytest.mark.parametrize(
    "changes",
    [
        {"sync_interval_seconds": 5},
        {"theme": "sepia"},
        {"token_storage": "clipboard"},
        {"server_url": "api.testably.app"},
        {"extra": {"theme": "dark"}},
    ],
)
def test_invalid_settings_cannot_be_made(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="setting"):
        Settings().replace(**changes)


def test_unknown_keys_are_read_only_and_settings_hashable() -> None:
    settings = Settings(extra={"font_scale": 2})

    with pytest.raises(TypeError):
        settings.extra["font_scale"] = 3  # type: ignore[index]
    assert hash(settings) == hash(Settings(extra={"other": 1}))


def test_settings_have_no_place_for_a_token() -> None:
    assert not any("token" in key and key != "token_storage" for key in Settings().to_json())
