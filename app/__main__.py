"""`python -m app` and the `testdeck` command: the desktop app, or a headless subcommand."""

from __future__ import annotations

import gc
import sys


def main(argv: list[str] | None = None) -> int:
    """Run `testdeck` with `argv` (default: the process's arguments); the exit code.

    The garbage collector is off while Testdeck starts. Starting makes some 90,000 objects
    that live as long as the process (modules, classes, Qt wrappers), and meanwhile Python
    runs about two hundred collections that find next to nothing to free: a tenth of a cold
    start. A command turns it back on before it runs; the desktop app once its window has
    painted, with everything alive by then frozen out of its sight
    (`app.ui.application.finish_starting`).
    """
    gc.disable()
    try:
        from app.cli import main as run_command

        return run_command(argv)
    finally:
        gc.enable()  # however the command ended


if __name__ == "__main__":
    sys.exit(main())
