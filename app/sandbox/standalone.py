"""`run_standalone`: the sandbox in the foreground, for `testdeck sandbox` and manual testing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import uvicorn

from app.sandbox.accounts import DEMO_TOKEN, DEMO_USERS
from app.sandbox.admin import is_loopback
from app.sandbox.config import SandboxConfig, SeedName
from app.sandbox.context import Sandbox
from app.sandbox.server import bind_socket, url_host, uvicorn_config


def run_standalone(
    host: str = "127.0.0.1",
    port: int = 8765,
    seed: SeedName = "demo",
    rate_limit: int = 60,
    coming_soon: bool = False,
    db: Path | None = None,
    out: TextIO = sys.stdout,
) -> int:
    """Serve a sandbox in the foreground until Ctrl+C; return the exit status (0).

    Args:
        host: the address to listen on; anything but a loopback address makes the sandbox
            (and its fixed demo tokens) reachable from other machines, and says so on stderr.
        port: the port; 0 picks a free one.
        seed: the data a new database gets, `demo` or `empty`.
        rate_limit: requests per minute per token; 0 switches limiting off.
        coming_soon: answer run and result writes as the real service may today (404 / 501).
        db: a SQLite file that keeps the data between starts; None keeps it in memory.
        out: where the URL, the tokens and an example request are written.
    """
    config = SandboxConfig(db, seed, rate_limit, coming_soon, host, port)
    sandbox = Sandbox(config)
    sock = bind_socket(host, port)
    try:
        warning = exposure_warning(host)
        if warning:
            sys.stderr.write(warning)
        url = f"http://{url_host(host)}:{sock.getsockname()[1]}"
        out.write(welcome(url, config))
        out.flush()
        uvicorn.Server(uvicorn_config(sandbox)).run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn shut down gracefully, then re-raised the Ctrl+C it caught
    finally:
        sock.close()
        sandbox.close()
    return 0


def welcome(url: str, config: SandboxConfig) -> str:
    """The text shown on start: URL, tokens, an example request."""
    lines = [
        f"Testably sandbox listening on {url} (API under {url}/v1)",
        f"Data: {config.database or 'in memory (lost on exit)'}; seed: {config.seed}; "
        f"rate limit: {config.rate_limit_per_minute or 'off'}/min"
        + ("; coming-soon mode on" if config.coming_soon else ""),
        "",
        "Tokens:",
        *(
            f"  {user.token:<26} {user.name}" + _role(user.token, user.member)
            for user in DEMO_USERS
        ),
        "",
        "Try:",
        f"  curl -H 'Authorization: Bearer {DEMO_TOKEN}' {url}/v1/projects",
        "",
        "Press Ctrl+C to stop.",
    ]
    return "\n".join(lines) + "\n"


def exposure_warning(host: str) -> str | None:
    """The warning for a sandbox listening beyond this machine, or None for loopback."""
    return None if is_loopback(host) else _EXPOSED_WARNING.format(host=host)


def _role(token: str, member: bool) -> str:
    if token == DEMO_TOKEN:
        return " (the main demo token)"
    return "" if member else " (member of no project: 403 on project routes)"


_EXPOSED_WARNING = (
    "WARNING: the sandbox listens on {host}, so other machines can reach it, and its demo "
    "tokens are public. Use 127.0.0.1 unless you mean it.\n"
)
