"""A local Testably-compatible server: demo data, tests and fault injection.

It speaks the API of `API.md` over HTTP with its own SQLite storage, so Testdeck (and its
tests) can talk to something real without an account. Start one with `SandboxServer`, or in
the foreground with `run_standalone`. It imports only `app.domain` from the application.

Tokens are fixed: `DEMO_TOKEN` (`testably_demo_ana`) is the main one; `DEMO_TOKENS` maps
every token to its user id; `OUTSIDER_TOKEN` belongs to a user of no project.
"""

from app.sandbox.accounts import DEMO_TOKEN, DEMO_TOKENS, DEMO_USERS, OUTSIDER_TOKEN
from app.sandbox.admin import is_loopback
from app.sandbox.config import SandboxConfig
from app.sandbox.faults import FaultPlan
from app.sandbox.requestlog import RequestLog, RequestRecord
from app.sandbox.server import SandboxServer
from app.sandbox.standalone import run_standalone

DEMO_PROJECT_ID = "proj_demo"
MOBILE_PROJECT_ID = "proj_mobile"
EMPTY_PROJECT_ID = "proj_empty"

__all__ = [
    "DEMO_PROJECT_ID",
    "DEMO_TOKEN",
    "DEMO_TOKENS",
    "DEMO_USERS",
    "EMPTY_PROJECT_ID",
    "MOBILE_PROJECT_ID",
    "OUTSIDER_TOKEN",
    "FaultPlan",
    "RequestLog",
    "RequestRecord",
    "SandboxConfig",
    "SandboxServer",
    "is_loopback",
    "run_standalone",
]
