"""Server addresses: every spelling API.md allows names one origin; `/v1` is added once."""

from __future__ import annotations

import pytest

from app.api import ServerAddressError, TestablyClient, is_loopback_host, normalise_server_url
from app.domain import ApiToken
from tests.unit.api.conftest import MakeClient
from tests.unit.api.support import TOKEN, Recorder, listing, respond

ACCEPTED = [
    ("https://host", "https://host"),
    ("https://host/", "https://host"),
    ("https://host/v1", "https://host"),
    ("https://host/v1/", "https://host"),
    ("HTTPS://Host:443/v1", "https://host"),
    ("https://api.testably.app", "https://api.testably.app"),
    ("  https://api.testably.app/v1  ", "https://api.testably.app"),
    ("https://host:8443", "https://host:8443"),
    ("https://host:8443/v1/", "https://host:8443"),
    ("api.testably.app", "https://api.testably.app"),
    ("api.testably.app/v1", "https://api.testably.app"),
    ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
    ("http://127.0.0.1:80/v1", "http://127.0.0.1"),
    ("http://localhost:9/v1", "http://localhost:9"),
    ("http://LOCALHOST:9", "http://localhost:9"),
    ("http://localhost", "http://localhost"),
    ("http://[::1]:8080", "http://[::1]:8080"),
    ("http://[::1]/v1/", "http://[::1]"),
]

NOT_HTTPS = [
    "http://api.testably.app",
    "http://api.testably.app/v1",
    "HTTP://API.TESTABLY.APP:80",
    "http://10.0.0.5:8765",
    "http://0.0.0.0:8765",
    "http://localhost.evil.example",
    "http://127.0.0.1.evil.example",
]

REFUSED = [
    # (typed, a part of the message that says what is wrong)
    ("https://host/api", "without a path"),
    ("https://host/v1/projects", "without a path"),
    ("https://host/v2", "without a path"),
    ("https://host/v1/v1", "without a path"),
    ("https://host?token=abc", "only the server's address"),
    ("https://host/v1?page=1", "only the server's address"),
    ("https://host#top", "only the server's address"),
    ("https://user:secret@host", "only the server's address"),
    ("https://user@host/v1", "only the server's address"),
    ("ftp://host", "is not a server address"),
    ("file:///etc/passwd", "is not a server address"),
    ("ws://host", "is not a server address"),
    ("", "is not a server address"),
    ("   ", "is not a server address"),
    ("https://", "is not a server address"),
    ("https:///v1", "is not a server address"),
    ("https://host:abc", "port"),
    ("https://host:8o8o/v1", "port"),
]


@pytest.mark.parametrize(("typed", "origin"), ACCEPTED)
def test_accepted_spellings_normalise_to_the_origin(typed: str, origin: str) -> None:
    assert normalise_server_url(typed) == origin


@pytest.mark.parametrize("typed", NOT_HTTPS)
def test_plain_http_to_another_machine_is_refused_with_an_https_message(typed: str) -> None:
    with pytest.raises(ServerAddressError, match="HTTPS") as caught:
        normalise_server_url(typed)
    assert "https://" in str(caught.value)


@pytest.mark.parametrize(("typed", "reason"), REFUSED)
def test_unusable_addresses_are_refused_with_the_reason(typed: str, reason: str) -> None:
    with pytest.raises(ServerAddressError) as caught:
        normalise_server_url(typed)
    assert reason in str(caught.value)


def test_a_refused_path_is_named_in_the_message() -> None:
    with pytest.raises(ServerAddressError, match="/api/v1"):
        normalise_server_url("https://host/api/v1")


def test_server_address_error_is_a_value_error() -> None:
    # Settings forms catch ValueError for anything a user typed wrong.
    assert issubclass(ServerAddressError, ValueError)


@pytest.mark.parametrize(
    "host", ["localhost", "LocalHost", "localhost.", "127.0.0.1", "127.8.9.10", "::1", "[::1]"]
)
def test_loopback_hosts(host: str) -> None:
    assert is_loopback_host(host)


@pytest.mark.parametrize(
    "host",
    ["api.testably.app", "10.0.0.1", "0.0.0.0", "::", "localhost.evil.example", "127.0.0.1.nip.io"],
)
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not is_loopback_host(host)


@pytest.mark.parametrize(("typed", "origin"), ACCEPTED)
def test_requests_go_to_v1_exactly_once(make_client: MakeClient, typed: str, origin: str) -> None:
    server = Recorder(respond(200, listing([], total=0)))
    client = make_client(server, server=typed)

    assert client.projects() == []

    assert client.server_url == origin
    assert len(server.requests) == 1
    url = server.last.url
    assert url.path == "/v1/projects"
    assert f"{url.scheme}://{url.netloc.decode()}" == origin
    assert "/v1/v1" not in str(url)


@pytest.mark.parametrize("typed", ["https://host", "https://host/v1/"])
def test_nested_routes_also_carry_v1_once(make_client: MakeClient, typed: str) -> None:
    server = Recorder(respond(200, listing([], total=0)))
    client = make_client(server, server=typed)

    assert list(client.iter_results("run_1")) == []
    assert list(client.iter_test_cases("proj_1")) == []

    assert [request.url.path for request in server.requests] == [
        "/v1/runs/run_1/results",
        "/v1/projects/proj_1/test-cases",
    ]


@pytest.mark.parametrize(
    "typed", [*NOT_HTTPS, *(typed for typed, _ in REFUSED)], ids=lambda typed: repr(typed)
)
def test_the_client_refuses_unusable_addresses(typed: str) -> None:
    with pytest.raises(ServerAddressError):
        TestablyClient(typed, ApiToken(TOKEN))
