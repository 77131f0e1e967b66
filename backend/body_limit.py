"""Pure ASGI middleware: a request body past the limit gets a 413 and is never buffered.

A declared ``Content-Length`` over the limit is refused before one byte is read. A body without
one (chunked) is counted as it arrives, and the request fails as soon as the count passes the
limit, so at most ``limit`` bytes (plus one network chunk) are ever held. Routes that stream
large bodies to disk (uploads) or enforce their own limit (webhooks) are exempt.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import structlog
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = structlog.get_logger(__name__)

# (method, path) -> True when the route limits its own body.
Exemption = Callable[[str, str], bool]


class BodyTooLarge(StarletteHTTPException):
    """Raised from ``receive`` when the streamed body passes the limit; the middleware answers."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, _too_large_message(limit))


def _too_large_message(limit: int) -> str:
    return f"The request body may be at most {limit} bytes."


def declared_length(scope: Scope) -> int | None:
    """The Content-Length header as a number; ValueError when it is not one."""
    values = [value for name, value in scope["headers"] if name == b"content-length"]
    if not values:
        return None
    lengths = {value.strip() for value in values}
    if len(lengths) != 1:
        raise ValueError("conflicting Content-Length headers")
    (text,) = lengths
    if not text.isdigit():
        raise ValueError("Content-Length is not a number")
    return int(text)


async def send_json_error(send: Send, status: int, code: str, detail: str) -> None:
    body = json.dumps({"error": code, "detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                # The unread rest of the body makes the connection unusable for another request.
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, limit: int, exempt: Exemption) -> None:
        self.app = app
        self.limit = limit
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.exempt(scope["method"], scope["path"]):
            await self.app(scope, receive, send)
            return
        try:
            declared = declared_length(scope)
        except ValueError as error:
            await send_json_error(send, 400, "bad_request", f"Invalid request: {error}.")
            return
        if declared is not None and declared > self.limit:
            log.info("http.body_refused", path=scope["path"], declared_bytes=declared)
            await send_json_error(send, 413, "body_too_large", _too_large_message(self.limit))
            return
        await self._counting(scope, receive, send)

    async def _counting(self, scope: Scope, receive: Receive, send: Send) -> None:
        received = 0
        exceeded = started = answered = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    exceeded = True
                    raise BodyTooLarge(self.limit)
            return message

        async def answer_once() -> None:
            nonlocal answered
            if not answered:
                answered = True
                log.info("http.body_refused", path=scope["path"], received_bytes=received)
                await send_json_error(send, 413, "body_too_large", _too_large_message(self.limit))

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded and not started:
                # Whatever layer turned BodyTooLarge into a response, the client gets the 413.
                await answer_once()
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not exceeded or started:
                raise
        if exceeded and not started:
            await answer_once()
