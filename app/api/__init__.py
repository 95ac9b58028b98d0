"""The Testably REST client (see API.md). Imports `app.domain` only."""

from app.api.client import TestablyClient
from app.api.errors import (
    ApiError,
    AuthFailedError,
    CancelledError,
    ConflictError,
    ForbiddenError,
    InvalidResponseError,
    NotFoundError,
    RateLimitedError,
    RejectedError,
    RejectedItem,
    ServerAddressError,
    TransientError,
    UnsupportedEndpointError,
)
from app.api.models import (
    BulkOutcome,
    Milestone,
    Page,
    Project,
    Result,
    ResultWrite,
    Run,
    RunDetail,
    RunUpdate,
    Step,
    TestCase,
)
from app.api.pacer import Pacer
from app.api.urls import is_loopback_host, normalise_server_url
from app.domain import UNSET

__all__ = [
    "UNSET",
    "ApiError",
    "AuthFailedError",
    "BulkOutcome",
    "CancelledError",
    "ConflictError",
    "ForbiddenError",
    "InvalidResponseError",
    "Milestone",
    "NotFoundError",
    "Pacer",
    "Page",
    "Project",
    "RateLimitedError",
    "RejectedError",
    "RejectedItem",
    "Result",
    "ResultWrite",
    "Run",
    "RunDetail",
    "RunUpdate",
    "ServerAddressError",
    "Step",
    "TestCase",
    "TestablyClient",
    "TransientError",
    "UnsupportedEndpointError",
    "is_loopback_host",
    "normalise_server_url",
]
