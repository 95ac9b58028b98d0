"""Install Testdeck into a project-local virtual environment, then run it or its checks.

This script needs nothing but Python 3.11 or newer, so it is the first thing a newcomer runs:

    python3 packaging/dev.py run     # start Testdeck in demo mode (built-in demo server)
    python3 packaging/dev.py test    # run the whole test suite
    python3 packaging/dev.py check   # lint, format check and type check

The environment lives in `.venv/` at the top of the repository. It is (re)installed only when
`pyproject.toml` changed since the last install, so repeated runs start at once.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

MINIMUM_PYTHON = (3, 11)
ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".testdeck-installed"


def main(argv: list[str]) -> int:
    if sys.version_info < MINIMUM_PYTHON:
        return fail(f"Testdeck needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not argv or argv[0] not in COMMANDS:
        print(__doc__.strip())
        return 2
    command, rest = argv[0], argv[1:]
    python = ensure_environment(extras="dev" if command == "check" else "test")
    return COMMANDS[command](python, rest)


def ensure_environment(extras: str) -> Path:
    """Create `.venv` if needed and install the project with `extras` when it is stale."""
    python = venv_python()
    if not python.exists():
        print(f"Creating a virtual environment in {VENV.name}/ ...", flush=True)
        try:
            venv.EnvBuilder(with_pip=True, upgrade_deps=False).create(VENV)
        except (OSError, subprocess.CalledProcessError) as error:
            sys.exit(
                fail(
                    f"Could not create the virtual environment ({error}). On Debian or Ubuntu, "
                    "install the venv module first: sudo apt install python3-venv"
                )
            )
    wanted = f"{extras}:{fingerprint()}"
    if not STAMP.exists() or STAMP.read_text() != wanted:
        print(f"Installing Testdeck and its dependencies ({extras}) ...", flush=True)
        run_checked([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        run_checked([python, "-m", "pip", "install", "--quiet", "-e", f".[{extras}]"])
        STAMP.write_text(wanted)
    return python


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def fingerprint() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]


def run_checked(command: list[object]) -> None:
    completed = subprocess.run([str(part) for part in command], cwd=ROOT, check=False)
    if completed.returncode != 0:
        sys.exit(fail(f"This step failed (exit code {completed.returncode}): {command[1:]}"))


def run_app(python: Path, args: list[str]) -> int:
    """Start Testdeck; with no arguments in demo mode, as the README promises a newcomer."""
    return call([python, "-m", "app", *(args or ["--demo"])])


def run_tests(python: Path, args: list[str]) -> int:
    return call([python, "-m", "pytest", *args])


def run_checks(python: Path, args: list[str]) -> int:
    steps = [
        [python, "-m", "ruff", "check", "app", "tests", "packaging"],
        [python, "-m", "ruff", "format", "--check", "app", "tests", "packaging"],
        [python, "-m", "mypy", "app"],
    ]
    failures = sum(call(step) != 0 for step in steps)
    return 1 if failures else 0


def call(command: list[object]) -> int:
    return subprocess.run([str(part) for part in command], cwd=ROOT, check=False).returncode


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


COMMANDS = {"run": run_app, "test": run_tests, "check": run_checks}

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
