"""The sandbox's ASGI application: routes, JSON errors and the middleware around them.

From the outside in: faults and the request log (must be outermost, see `fault_middleware`),
the rate limit, then Starlette's routing.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp

from app.sandbox.admin import admin_routes
from app.sandbox.context import Sandbox
from app.sandbox.errors import ApiError, not_found
from app.sandbox.fault_middleware import FaultMiddleware
from app.sandbox.responses import error_response
from app.sandbox.routes import api_routes
from app.sandbox.throttle import RateLimitMiddleware


def create_app(sandbox: Sandbox) -> ASGIApp:
    """The whole sandbox as one ASGI application, bound to `sandbox`."""
    routing = Starlette(
        routes=[*api_routes(sandbox), *admin_routes(sandbox)],
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
    routing.router.redirect_slashes = False  # an unknown path is a JSON 404, never a redirect
    limited = RateLimitMiddleware(routing, sandbox.limiter)
    return FaultMiddleware(limited, sandbox.faults, sandbox.requests)


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own errors (unknown path, wrong method) in the API's JSON shape."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    where = f"{request.method} {request.url.path}"
    if status == 404:
        return error_response(not_found(f"There is no endpoint {where}."))
    if status == 405:
        return error_response(ApiError(405, "method_not_allowed", f"{where} is not allowed."))
    return error_response(ApiError(status, "bad_request", f"{where} can't be served."))


async def _server_error(request: Request, exc: Exception) -> Response:
    return error_response(ApiError(500, "server_error", "The sandbox failed; see its log."))
