"""Pure ASGI middleware: the browser security headers on every response.

No response may be framed (clickjacking) or content-sniffed into something it is not, and no
URL leaks through the Referer header (signed media links carry their signature in the path).
HTML pages (OAuth results, sandbox consent pages, error pages) get a CSP that runs no script and
loads nothing from elsewhere; every other response gets one that allows nothing but its own
media. A route
that needs more (the Swagger UI at /docs) sets its own Content-Security-Policy, which is kept.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Pages style themselves inline; forms post to their own origin and may redirect to the OAuth
# client's registered redirect URI, so form-action is left open.
HTML_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "base-uri 'none'; frame-ancestors 'none'"
)
# A media link opened directly is shown by the browser's own player, which loads the link itself.
OTHER_POLICY = "default-src 'none'; media-src 'self'; frame-ancestors 'none'"

ALWAYS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)


def _is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    for name, value in headers:
        if name.lower() == b"content-type":
            return value.split(b";", 1)[0].strip().lower() == b"text/html"
    return False


def with_security_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    present = {name.lower() for name, _ in headers}
    added = [(name, value) for name, value in ALWAYS if name not in present]
    if b"content-security-policy" not in present:
        policy = HTML_POLICY if _is_html(headers) else OTHER_POLICY
        added.append((b"content-security-policy", policy.encode()))
    return headers + added


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = with_security_headers(list(message.get("headers", [])))
            await send(message)

        await self.app(scope, receive, send_with_headers)
