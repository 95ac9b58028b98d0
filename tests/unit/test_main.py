import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.__main__ import main
from tests.fresh_python import run_fresh_python


def test_info_shows_every_location_under_testdeck_home(
    testdeck_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert f"Data:      {testdeck_home / 'data'}" in out
    assert f"Settings:  {testdeck_home / 'config' / 'settings.json'}" in out
    assert "(schema 0003)" in out
    assert "kept in the system keyring" in out
    assert (testdeck_home / "data" / "testdeck.sqlite3").exists()


def test_info_explains_a_database_from_a_newer_testdeck(
    testdeck_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["info"]) == 0
    database = testdeck_home / "data" / "testdeck.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00d'")
    connection.close()
    capsys.readouterr()

    assert main(["info"]) == 0
    assert "cannot be opened: The database" in capsys.readouterr().out


def test_python_dash_m_app_is_the_testdeck_command(testdeck_home: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "app", "--version"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert completed.stdout.strip() == f"testdeck {__version__}"


COLLECTOR_PROBE = """
import gc, json, sys
import app.cli.general as general
from app.__main__ import main

seen = {}

def probe(name):
    def handler(context, args):
        seen[name] = gc.isenabled()
        return 0
    return handler

general.show_info = probe("info")
general.run_gui = probe("gui")
main(["info"])
main(["gui"])
main(["no-such-command"])
seen["after"] = gc.isenabled()
print(json.dumps(seen))
"""


def test_the_collector_is_off_for_the_desktop_start_and_on_for_commands(
    testdeck_home: Path,
) -> None:
    """`testdeck` starts with the garbage collector off; a command runs with it on, the
    desktop app gets it back after its first paint, and however main ends it is on again."""
    seen = run_fresh_python(
        COLLECTOR_PROBE, env={**os.environ, "TESTDECK_HOME": str(testdeck_home)}
    )
    assert seen == {"info": True, "gui": False, "after": True}
