"""The liveness probe, answered before routing.

Load balancers and orchestrators ask ``GET /debug/health`` every few seconds on every API
process, and the answer never depends on the request: it is built once and sent from here, with
the same body, type and security headers the route gives, and counted in the request metrics
under the route's template. It still proves what liveness means: this process's event loop is
answering. It writes no request log line (a probe every few seconds would drown the log). The
route stays in the app for the schema and for anything that mounts it elsewhere.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from backend.security_headers import with_security_headers

PATH = "/debug/health"


class LivenessShortcut:
    def __init__(self, app: ASGIApp, body: dict[str, Any], route: object) -> None:
        """``body``: the probe's answer; ``route``: the app's own route for it (left in the
        scope, where the metrics middleware reads which route answered)."""
        self.app = app
        self.route = route
        self.body = json.dumps(body, separators=(",", ":")).encode()
        self.headers = with_security_headers(
            [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(self.body)).encode()),
            ]
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] != PATH
            or scope["method"] != "GET"
            or scope.get("root_path")
        ):
            await self.app(scope, receive, send)
            return
        scope["route"] = self.route
        await send({"type": "http.response.start", "status": 200, "headers": self.headers})
        await send({"type": "http.response.body", "body": self.body})
