"""Server addresses as users type them, made into the origin every request starts from."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from app.api.errors import ServerAddressError

API_PREFIX = "/v1"
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_server_url(raw: str) -> str:
    """The origin of a Testably server (`https://host[:port]`), from what a user typed.

    `https://host`, `https://host/` and `https://host/v1` all name the same server (API.md);
    requests then add `/v1/...` exactly once. Plain `http://` is accepted only for this
    machine (loopback), where the local sandbox runs.

    Raises:
        ServerAddressError: the address is not usable, with the reason in plain words.
    """
    text = raw.strip()
    parts = urlsplit(text if "://" in text else f"https://{text}")
    scheme, host = parts.scheme.lower(), parts.hostname
    if scheme not in _DEFAULT_PORTS or not host:
        raise ServerAddressError(f"“{raw}” is not a server address like https://api.testably.app.")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise ServerAddressError("Type only the server's address, like https://api.testably.app.")
    if parts.path.rstrip("/") not in ("", API_PREFIX):
        raise ServerAddressError(
            f"Type only the server's address without a path (“{parts.path}”), "
            "like https://api.testably.app."
        )
    if scheme == "http" and not is_loopback_host(host):
        raise ServerAddressError(
            "Testdeck connects to Testably only over HTTPS, so the token cannot be read on "
            "the way. Use an address that starts with https://."
        )
    if any(ch.isspace() for ch in host):
        raise ServerAddressError(f"“{raw}” has a space in the server name.")
    try:
        port = parts.port
    except ValueError:
        raise ServerAddressError(
            f"“{raw}” has a port that is not a number from 1 to 65535."
        ) from None
    return _origin(scheme, host, port)


def is_loopback_host(host: str) -> bool:
    """Whether `host` is this machine: `localhost`, 127.0.0.0/8 or ::1."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _origin(scheme: str, host: str, port: int | None) -> str:
    shown = f"[{host}]" if ":" in host else host.lower()
    if port is None or port == _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{shown}"
    return f"{scheme}://{shown}:{port}"
