"""`python -m app` and the `testdeck` command: the desktop app, or a headless subcommand."""

from __future__ import annotations

import sys

from app.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
