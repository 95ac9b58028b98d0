"""The desktop launcher: what a connection keeps, and where the token goes as settings change."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from app.cli.desktop import DesktopLauncher
from app.config import AppPaths, load_settings
from app.domain import ApiToken
from app.sync.connection import ProjectChoice
from app.ui.connect import ConnectionChoice
from tests.fakes import FailingKeyring, MemoryKeyring

SERVER = "https://testably.example.com"
TOKEN = "testably_launcher_secret_0123456789"
WEB = ProjectChoice("proj_web", "Web shop", "WEB")
MOBILE = ProjectChoice("proj_mobile", "Mobile app", "MOB")


@pytest.fixture
def paths(testdeck_home: Path) -> AppPaths:
    return AppPaths.under(testdeck_home).ensure()


@pytest.fixture
def launcher(paths: AppPaths) -> Iterator[DesktopLauncher]:
    with DesktopLauncher(paths, None) as made:
        yield made


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(FailingKeyring())
    yield
    keyring.set_keyring(previous)


def choice(*, keep_in_file: bool = False) -> ConnectionChoice:
    return ConnectionChoice(SERVER, ApiToken(TOKEN), WEB, (WEB, MOBILE), keep_in_file)


def token_file_tokens(paths: AppPaths) -> dict[str, str]:
    if not paths.token_file.exists():
        return {}
    tokens: dict[str, str] = json.loads(paths.token_file.read_text())
    return tokens


def test_a_connection_keeps_the_project_and_its_siblings_and_the_token_in_the_keyring(
    launcher: DesktopLauncher, paths: AppPaths, memory_keyring: MemoryKeyring
) -> None:
    workspace = launcher.connected_workspace(choice())

    settings = load_settings(paths.settings_file).settings
    assert (settings.server_url, settings.project_id) == (SERVER, "proj_web")
    assert TOKEN not in paths.settings_file.read_text()
    assert memory_keyring.get_password("testdeck", SERVER) == TOKEN
    assert {p.id for p in workspace.queries.projects()} == {"proj_web", "proj_mobile"}
    assert launcher.keyring_is_secure()


def test_switching_project_keeps_the_server_and_saves_the_choice(
    launcher: DesktopLauncher, paths: AppPaths
) -> None:
    web = launcher.connected_workspace(choice())

    mobile = launcher.project_workspace(web, "proj_mobile")

    assert mobile.project_id == "proj_mobile"
    assert mobile.database is web.database, "one cache holds every project"
    assert load_settings(paths.settings_file).settings.project_id == "proj_mobile"


def test_signing_out_forgets_token_and_project_but_keeps_the_server(
    launcher: DesktopLauncher, paths: AppPaths, memory_keyring: MemoryKeyring
) -> None:
    workspace = launcher.connected_workspace(choice())

    launcher.sign_out(workspace)

    settings = load_settings(paths.settings_file).settings
    assert (settings.server_url, settings.project_id) == (SERVER, None)
    assert memory_keyring.get_password("testdeck", SERVER) is None
    assert launcher.saved_workspace() is None, "the next start shows the welcome view"


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_the_token_moves_into_the_file_and_out_as_settings_change(
    launcher: DesktopLauncher, paths: AppPaths
) -> None:
    assert not launcher.keyring_is_secure()
    workspace = launcher.connected_workspace(choice())
    assert token_file_tokens(paths) == {}, "kept for this session only"

    workspace.save_settings(workspace.settings.replace(token_storage="file"))
    assert token_file_tokens(paths) == {SERVER: TOKEN}
    assert paths.token_file.stat().st_mode & 0o077 == 0, "readable by the user alone"

    workspace.save_settings(workspace.settings.replace(token_storage="keyring"))
    assert token_file_tokens(paths) == {}, "out of the file again"
    again = launcher.saved_workspace()
    assert again is not None


@pytest.mark.usefixtures("no_keyring")
def test_choosing_the_file_when_connecting_keeps_the_token_across_starts(
    launcher: DesktopLauncher, paths: AppPaths
) -> None:
    launcher.connected_workspace(choice(keep_in_file=True))

    assert load_settings(paths.settings_file).settings.token_storage == "file"
    assert token_file_tokens(paths) == {SERVER: TOKEN}
    with DesktopLauncher(paths, None) as next_start:
        assert next_start._saved_token() == ApiToken(TOKEN)


@pytest.mark.usefixtures("no_keyring")
def test_reconnecting_without_the_file_takes_the_token_out_of_it(
    launcher: DesktopLauncher, paths: AppPaths
) -> None:
    launcher.connected_workspace(choice(keep_in_file=True))

    workspace = launcher.connected_workspace(choice(keep_in_file=False))

    assert token_file_tokens(paths) == {}, "no copy left behind in plain text"
    assert load_settings(paths.settings_file).settings.token_storage == "keyring"
    assert any("only until Testdeck closes" in notice for notice in workspace.notices)


@pytest.mark.usefixtures("no_keyring")
def test_signing_out_removes_the_token_from_the_file(
    launcher: DesktopLauncher, paths: AppPaths
) -> None:
    workspace = launcher.connected_workspace(choice(keep_in_file=True))

    launcher.sign_out(workspace)

    assert token_file_tokens(paths) == {}
    with DesktopLauncher(paths, None) as next_start:
        assert next_start._saved_token() is None


def test_a_typed_token_wins_over_the_environment_once_connected(paths: AppPaths) -> None:
    other = ApiToken("testably_from_the_environment_0123")
    with DesktopLauncher(paths, other) as launcher:
        assert launcher._saved_token() == other

        launcher.connected_workspace(choice())

        assert launcher._saved_token() == ApiToken(TOKEN)
