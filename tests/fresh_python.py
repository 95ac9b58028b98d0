"""Python run in a fresh interpreter: for what only a new process shows (what it imports,
how it starts), which this test process has long since changed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).parents[1]


def run_fresh_python(script: str, **options: Any) -> Any:
    """Run `script` in a new interpreter at the repository's top; its last line of output,
    read as JSON. `options` go to `subprocess.run` (an environment, stdin)."""
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=REPOSITORY,
        **options,
    )
    return json.loads(completed.stdout.splitlines()[-1])
