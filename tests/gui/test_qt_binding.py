import gc
import sys

import pytest
from PySide6.QtWidgets import QApplication


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_process_events_keeps_the_reference_count_of_none(qapp: QApplication) -> None:
    """PySide6 6.12.0 drops a reference to None on every processEvents() call.

    On Python 3.11 the count then reaches zero and the interpreter aborts, often at exit,
    after every test passed. This guards the version pin in pyproject.toml.
    """
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(2000):
        qapp.processEvents()
    gc.collect()
    assert sys.getrefcount(None) - before > -1000
