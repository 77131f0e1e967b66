"""Pure ASGI middleware: a request id on every request and one structured log line per request."""

from __future__ import annotations

import re
import time

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.logging import new_request_id

log = structlog.get_logger(__name__)
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")
# A signed media link is its own authorisation: logging it whole would let anyone who reads the
# logs play the file. A few leading characters are kept to tell requests apart.
_CREDENTIAL_PATH = re.compile(r"^(/media/)([^/]{0,6})[^/]*")


def loggable_path(path: str) -> str:
    return _CREDENTIAL_PATH.sub(lambda match: f"{match[1]}{match[2]}…", path)


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else new_request_id()
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            log.info(
                "http.request",
                method=scope["method"],
                path=loggable_path(scope["path"]),
                status=status,
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
            )
