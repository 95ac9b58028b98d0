"""What the desktop app does once its window has painted."""

from __future__ import annotations

import gc
import subprocess
import sys

from app.ui.application import finish_starting

LOADED_MODELS = (
    "import sys, app.ui.application as a; a.finish_starting(); "
    "print('app.store.models' in sys.modules)"
)


def test_finishing_the_start_turns_the_collector_back_on() -> None:
    gc.disable()
    try:
        finish_starting()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0, "what start-up made is kept out of the collector's way"
    finally:
        gc.unfreeze()
        gc.enable()


def test_finishing_the_start_loads_the_table_classes_for_the_first_edit() -> None:
    """In a fresh interpreter: this test process has loaded them long ago."""
    completed = subprocess.run(
        [sys.executable, "-c", LOADED_MODELS],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert completed.stdout.split()[-1] == "True"
