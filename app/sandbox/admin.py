"""The loopback-only admin routes under `/_sandbox/`: faults, switches and the request log.

They need no token and are not rate limited, but refuse any client that is not on this
machine, so a sandbox reachable from the network can't be steered from it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.sandbox.context import Sandbox
from app.sandbox.endpoint import parse_object, read_body
from app.sandbox.errors import ApiError, field_error, forbidden
from app.sandbox.faults import FaultPlan
from app.sandbox.responses import error_response, json_response, render

ADMIN = "/_sandbox"

AdminAction = Callable[[Sandbox, Mapping[str, Any]], Any]


def is_loopback(host: str | None) -> bool:
    """Whether a client address is this machine (`127.0.0.0/8`, `::1`, `localhost`)."""
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


def admin_routes(sandbox: Sandbox) -> list[Route]:
    """The admin routes, bound to `sandbox`."""
    return [
        Route(ADMIN + "/faults", _admin(sandbox, set_faults), methods=["POST"]),
        Route(ADMIN + "/coming-soon", _admin(sandbox, set_coming_soon), methods=["POST"]),
        Route(ADMIN + "/rate-limit", _admin(sandbox, set_rate_limit), methods=["POST"]),
        Route(ADMIN + "/requests", _admin(sandbox, list_requests), methods=["GET"]),
        Route(ADMIN + "/requests", _admin(sandbox, clear_requests), methods=["DELETE"]),
    ]


def set_faults(sandbox: Sandbox, body: Mapping[str, Any]) -> Any:
    """`{"action": "fail"|"delay"|"drop"|"garbage"|"clear", ...}`: change the fault plan."""
    action = body.get("action")
    apply = _FAULT_ACTIONS.get(action) if isinstance(action, str) else None
    if apply is None:
        raise field_error(
            "action", f"Unknown action {action!r}; use one of {list(_FAULT_ACTIONS)}."
        )
    try:
        apply(sandbox.faults, body)
    except (TypeError, ValueError) as error:
        raise field_error("action", f"Can't add this fault: {error}") from None
    pending = sandbox.faults.pending()
    return {"pending": [{"kind": fault.kind.value, "remaining": left} for fault, left in pending]}


def set_coming_soon(sandbox: Sandbox, body: Mapping[str, Any]) -> Any:
    """`{"enabled": bool}`: switch coming-soon mode."""
    enabled = body.get("enabled")
    if not isinstance(enabled, bool):
        raise field_error("enabled", "'enabled' must be true or false.")
    sandbox.coming_soon = enabled
    return {"coming_soon": enabled}


def set_rate_limit(sandbox: Sandbox, body: Mapping[str, Any]) -> Any:
    """`{"per_minute": N}`: change the rate limit (0 = off)."""
    per_minute = body.get("per_minute")
    if isinstance(per_minute, bool) or not isinstance(per_minute, int) or per_minute < 0:
        raise field_error("per_minute", "'per_minute' must be a whole number >= 0.")
    sandbox.limiter.set_limit(per_minute)
    return {"per_minute": per_minute}


def list_requests(sandbox: Sandbox, body: Mapping[str, Any]) -> Any:
    return [record._asdict() for record in sandbox.requests.snapshot()]


def clear_requests(sandbox: Sandbox, body: Mapping[str, Any]) -> Any:
    sandbox.requests.clear()
    return {"cleared": True}


def _fail(plan: FaultPlan, body: Mapping[str, Any]) -> None:
    plan.fail_next(
        body.get("count", 1),
        body.get("status", 503),
        body.get("body"),
        content_type=body.get("content_type"),
        headers=body.get("headers"),
        **_where(body),
    )


def _delay(plan: FaultPlan, body: Mapping[str, Any]) -> None:
    plan.delay_next(body.get("count", 1), float(body.get("seconds", 1.0)), **_where(body))


def _drop(plan: FaultPlan, body: Mapping[str, Any]) -> None:
    plan.drop_next(body.get("count", 1), **_where(body))


def _garbage(plan: FaultPlan, body: Mapping[str, Any]) -> None:
    kind, status = body.get("kind", "invalid_json"), body.get("status")
    plan.garbage_next(body.get("count", 1), kind=kind, status=status, **_where(body))


def _clear(plan: FaultPlan, body: Mapping[str, Any]) -> None:
    plan.clear()


_FAULT_ACTIONS: dict[str, Callable[[FaultPlan, Mapping[str, Any]], None]] = {
    "fail": _fail,
    "delay": _delay,
    "drop": _drop,
    "garbage": _garbage,
    "clear": _clear,
}


def _where(body: Mapping[str, Any]) -> dict[str, str | None]:
    return {"method": body.get("method"), "path": body.get("path")}


def _admin(sandbox: Sandbox, action: AdminAction) -> Callable[[Request], Awaitable[Response]]:
    async def serve(request: Request) -> Response:
        try:
            if not is_loopback(request.client.host if request.client else None):
                raise forbidden("The sandbox's admin routes answer only on this machine.")
            body = parse_object(await read_body(request)) if request.method == "POST" else {}
            return json_response(200, render({"data": action(sandbox, body)}))
        except ApiError as error:
            return error_response(error)

    return serve
