"""Testdeck's command line: the desktop app by default, headless commands for everything else.

`main` parses the arguments and runs one command; every command module is imported only
when its command runs, so commands that work on the local cache never load Qt.
"""

from app.cli.main import main

__all__ = ["main"]
