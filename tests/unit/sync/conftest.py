"""Connection checks talk to a real sandbox over 127.0.0.1."""

from tests.sandbox_server import make_sandbox, sandbox

__all__ = ["make_sandbox", "sandbox"]
