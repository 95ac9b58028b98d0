"""What the desktop app does once its window has painted."""

from __future__ import annotations

import gc

from app.ui.application import finish_starting
from tests.fresh_python import run_fresh_python

LOADED_MODELS = (
    "import json, sys, app.ui.application as a; a.finish_starting(); "
    "print(json.dumps('app.store.models' in sys.modules))"
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
    assert run_fresh_python(LOADED_MODELS) is True
