"""`SandboxServer`: the sandbox served by uvicorn on a background thread.

The socket is bound before the thread starts (port 0 picks a free port), and `start()`
returns only once uvicorn is accepting connections, so callers never sleep to wait for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from types import TracebackType

import uvicorn

from app.sandbox.app import create_app
from app.sandbox.config import SandboxConfig
from app.sandbox.context import Sandbox
from app.sandbox.faults import FaultPlan
from app.sandbox.requestlog import RequestLog

START_TIMEOUT = 10.0
STOP_TIMEOUT = 5.0


class SandboxServer:
    """A running (or ready to run) sandbox.

    Use it as a context manager, or call `start()` and `stop()`:

        with SandboxServer(SandboxConfig(rate_limit_per_minute=0)) as server:
            httpx.get(server.url + "/v1/projects", headers=...)

    Args:
        config: how to run it; the defaults give the demo data in memory on a free port.
    """

    def __init__(self, config: SandboxConfig | None = None) -> None:
        self.config = config or SandboxConfig()
        self.sandbox = Sandbox(self.config)
        self._socket: socket.socket | None = None
        self._port: int | None = None
        self._server: _Uvicorn | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL, `http://127.0.0.1:<port>` (without `/v1`)."""
        return f"http://{url_host(self.config.host)}:{self.port}"

    @property
    def port(self) -> int:
        """The port it listens on (known once started)."""
        if self._port is None:
            raise RuntimeError("The sandbox is not started.")
        return self._port

    @property
    def faults(self) -> FaultPlan:
        return self.sandbox.faults

    @property
    def requests(self) -> RequestLog:
        return self.sandbox.requests

    @property
    def thread(self) -> threading.Thread | None:
        """The thread uvicorn runs on while started (tests check that it ended)."""
        return self._thread

    def set_coming_soon(self, enabled: bool) -> None:
        """Make run and result writes answer 404 / 501 (True), or work again (False)."""
        self.sandbox.coming_soon = enabled

    def set_rate_limit(self, per_minute: int) -> None:
        """Change the requests per minute per token (0 = no limit); buckets start full."""
        self.sandbox.limiter.set_limit(per_minute)

    def start(self) -> SandboxServer:
        """Bind, serve on a daemon thread, and return once uvicorn has started."""
        if self._thread is not None:
            raise RuntimeError("A SandboxServer starts only once; make a new one to restart.")
        self._socket = bind_socket(self.config.host, self.config.port)
        self._port = int(self._socket.getsockname()[1])
        self._server = _Uvicorn(uvicorn_config(self.sandbox))
        self._thread = threading.Thread(
            target=self._server.run, args=([self._socket],), name="sandbox-server", daemon=True
        )
        self._thread.start()
        self._server.ready.wait(START_TIMEOUT)
        if not self._server.started:
            self.stop()
            raise RuntimeError("The sandbox server did not start.")
        return self

    def stop(self) -> None:
        """Stop serving, wait for the thread to end, and close the database. Idempotent."""
        server, thread = self._server, self._thread
        if server is not None and thread is not None:
            server.request_exit()
            thread.join(STOP_TIMEOUT)
            if thread.is_alive():
                server.force_exit = True
                thread.join(STOP_TIMEOUT)
        if self._socket is not None:
            self._socket.close()
        self._server = None
        self.sandbox.close()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


class _Uvicorn(uvicorn.Server):
    """uvicorn's server, stopping as soon as it can instead of after fixed pauses.

    uvicorn notices `should_exit` on a 0.1 s poll and then pauses another 0.1 s while its
    connections close. A test suite starts and stops hundreds of sandboxes, so here
    `request_exit()` wakes the main loop at once and the shutdown waits only as long as
    connections and requests are actually still open (at most `GRACE` seconds).
    """

    GRACE = 1.0

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()  # set once startup is over, whether it worked or not
        self._loop: asyncio.AbstractEventLoop | None = None
        self._exit = asyncio.Event()

    def run(self, sockets: list[socket.socket] | None = None) -> None:
        try:
            super().run(sockets)
        finally:
            self.ready.set()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        try:
            await super().startup(sockets)
        finally:
            self.ready.set()

    def request_exit(self) -> None:
        """Ask the server to shut down (from any thread)."""
        self.should_exit = True
        loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already finished
                loop.call_soon_threadsafe(self._exit.set)

    async def main_loop(self) -> None:
        self._loop = asyncio.get_running_loop()
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864_000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._exit.wait(), 0.1)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()
        state = self.server_state
        for connection in list(state.connections):
            connection.shutdown()
        deadline = asyncio.get_running_loop().time() + self.GRACE
        while state.connections or state.tasks:
            if self.force_exit or asyncio.get_running_loop().time() > deadline:
                break
            await asyncio.sleep(0.005)
        for task in list(state.tasks):
            task.cancel()
        for server in self.servers:
            await server.wait_closed()


def uvicorn_config(sandbox: Sandbox) -> uvicorn.Config:
    """uvicorn's settings for the sandbox: h11, no websockets, no lifespan, quiet logs."""
    return uvicorn.Config(
        create_app(sandbox),
        http="h11",
        ws="none",
        lifespan="off",
        log_config=None,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=1,
    )


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (IPv4 or IPv6; port 0 picks a free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on accepted connections only when the
    # socket says it is TCP; without it every keep-alive answer waits ~40 ms for an ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def url_host(host: str) -> str:
    """How to write the listening address in a URL (a wildcard address means this machine)."""
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host
