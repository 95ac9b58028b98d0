"""Test isolation shared by every test: offscreen Qt, a fresh TESTDECK_HOME, a memory keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import pytest
from keyring.backend import KeyringBackend

from tests.fakes import MemoryKeyring

collect_ignore_glob = ["benchmarks/*", "fixtures/*"]


@pytest.fixture(autouse=True)
def testdeck_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty TESTDECK_HOME: nothing touches the real home."""
    home = tmp_path / "testdeck-home"
    home.mkdir()
    monkeypatch.setenv("TESTDECK_HOME", str(home))
    monkeypatch.delenv("TESTDECK_TOKEN", raising=False)
    return home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets an empty in-memory keyring: nothing touches the real one."""
    previous: KeyringBackend = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
