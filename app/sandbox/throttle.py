"""The ASGI middleware that rate-limits `/v1` per API token and reports the budget left."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.sandbox.errors import ApiError
from app.sandbox.ratelimit import Decision, RateLimiter
from app.sandbox.responses import error_response

API_PREFIX = "/v1"


class RateLimitMiddleware:
    """Count each `/v1` request against its token's bucket; answer 429 when it is empty.

    Requests without a token are counted per client address. Every `/v1` answer carries
    `X-RateLimit-Limit` and `X-RateLimit-Remaining` while limiting is on.
    """

    def __init__(self, app: ASGIApp, limiter: RateLimiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_api_request(scope) or not self.limiter.enabled:
            await self.app(scope, receive, send)
            return
        decision = self.limiter.check(_bucket_key(scope))
        budget = _budget_headers(decision)
        if not decision.allowed:
            await error_response(_rate_limited(decision, budget))(scope, receive, send)
            return

        async def with_budget(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *budget]}
            await send(message)

        await self.app(scope, receive, with_budget)


def _is_api_request(scope: Scope) -> bool:
    path: str = scope.get("path", "")
    return scope["type"] == "http" and (path == API_PREFIX or path.startswith(API_PREFIX + "/"))


def _bucket_key(scope: Scope) -> str:
    authorization = Headers(scope=scope).get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return "token:" + token.strip()
    client = scope.get("client") or ("unknown", 0)
    return f"client:{client[0]}"


def _budget_headers(decision: Decision) -> list[tuple[bytes, bytes]]:
    return [
        (b"x-ratelimit-limit", str(decision.limit).encode()),
        (b"x-ratelimit-remaining", str(decision.remaining).encode()),
    ]


def _rate_limited(decision: Decision, budget: list[tuple[bytes, bytes]]) -> ApiError:
    headers = {name.decode(): value.decode() for name, value in budget}
    headers["Retry-After"] = str(decision.retry_after)
    return ApiError(
        429,
        "rate_limited",
        f"Too many requests: the limit is {decision.limit} per minute. "
        f"Try again in {decision.retry_after} s.",
        extra={"retry_after_seconds": decision.retry_after},
        headers=headers,
    )
