"""AppPaths: TESTDECK_HOME moves everything; otherwise platformdirs decides."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from platformdirs import user_config_path, user_data_path, user_log_path

from app.config.paths import AppPaths


def test_under_puts_every_location_below_the_root(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path)

    assert paths.data_dir == tmp_path / "data"
    assert paths.config_dir == tmp_path / "config"
    assert paths.log_dir == tmp_path / "logs"
    assert paths.database_file == tmp_path / "data" / "testdeck.sqlite3"
    assert paths.backup_dir == tmp_path / "data" / "backups"
    assert paths.settings_file == tmp_path / "config" / "settings.json"
    assert paths.token_file == tmp_path / "config" / "token"
    assert paths.log_file == tmp_path / "logs" / "testdeck.log"


def test_testdeck_home_in_the_environment_moves_every_location(tmp_path: Path) -> None:
    paths = AppPaths.from_environment({"TESTDECK_HOME": str(tmp_path)})

    assert paths == AppPaths.under(tmp_path)
    for location in (paths.data_dir, paths.config_dir, paths.log_dir, paths.token_file):
        assert location.is_relative_to(tmp_path)


def test_without_testdeck_home_platformdirs_decides() -> None:
    paths = AppPaths.from_environment({})

    assert paths.data_dir == user_data_path("testdeck", appauthor=False)
    assert paths.config_dir == user_config_path("testdeck", appauthor=False)
    assert paths.log_dir == user_log_path("testdeck", appauthor=False)


def test_an_empty_testdeck_home_counts_as_unset() -> None:
    assert AppPaths.from_environment({"TESTDECK_HOME": ""}) == AppPaths.from_environment({})


def test_the_process_environment_is_read_by_default(testdeck_home: Path) -> None:
    assert AppPaths.from_environment() == AppPaths.under(testdeck_home)


def test_relative_home_becomes_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    paths = AppPaths.from_environment({"TESTDECK_HOME": "relative-home"})

    assert paths.data_dir == tmp_path / "relative-home" / "data"


def test_ensure_creates_the_folders_and_returns_itself(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "new-home")

    assert paths.ensure() is paths

    assert paths.data_dir.is_dir()
    assert paths.config_dir.is_dir()
    assert paths.log_dir.is_dir()


def test_ensure_twice_is_harmless(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path).ensure()
    (paths.config_dir / "keep.txt").write_text("still here", encoding="utf-8")

    paths.ensure()

    assert (paths.config_dir / "keep.txt").read_text(encoding="utf-8") == "still here"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_ensure_makes_new_folders_private(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path).ensure()

    for directory in (paths.data_dir, paths.config_dir, paths.log_dir):
        assert stat.S_IMODE(directory.stat().st_mode) & 0o077 == 0
