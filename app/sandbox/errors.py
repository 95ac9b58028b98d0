"""The errors the sandbox answers, in Testably's shape: `{"error", "message", ...}`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

Detail = Mapping[str, Any]


class ApiError(Exception):
    """An answer other than success, raised anywhere below an endpoint.

    Attributes:
        status: the HTTP status.
        code: the machine-readable `error` value (`not_found`, `run_closed`, ...).
        message: what went wrong, for a human.
        details: per-field or per-item problems of a `validation_error`.
        extra: further top-level keys of the body (`retry_after_seconds`).
        headers: headers to send with the answer (`Retry-After`).
    """

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: Sequence[Detail] | None = None,
        extra: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = [dict(each) for each in details] if details is not None else None
        self.extra = dict(extra or {})
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        """The JSON body of this error."""
        body: dict[str, Any] = {"error": self.code, "message": self.message}
        if self.details is not None:
            body["details"] = [dict(detail) for detail in self.details]
        body.update(self.extra)
        return body


def bad_request(message: str) -> ApiError:
    return ApiError(400, "bad_request", message)


def unauthorized(message: str) -> ApiError:
    return ApiError(401, "unauthorized", message)


def forbidden(message: str) -> ApiError:
    return ApiError(403, "forbidden", message)


def not_found(message: str) -> ApiError:
    return ApiError(404, "not_found", message)


def run_closed(run_id: str) -> ApiError:
    return ApiError(409, "run_closed", f"Run {run_id} is closed; it can't be changed any more.")


def invalid(details: Sequence[Detail], message: str = "The request is invalid.") -> ApiError:
    """A 422 `validation_error` listing every problem found."""
    return ApiError(422, "validation_error", message, details=details)


def field_error(field: str, error: str) -> ApiError:
    """A 422 `validation_error` about one field of the body or query."""
    return invalid([{"field": field, "error": error}], error)


def not_implemented() -> ApiError:
    return ApiError(501, "not_implemented", "Coming soon.")
