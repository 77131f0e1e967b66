"""The liveness probe, answered before routing.

Load balancers and orchestrators ask ``GET /debug/health`` every few seconds on every API
process, and the answer never depends on the request: it is built once and sent from here, the
innermost of the app's middleware, so it gets what every response gets (request id, log line,
security headers, CORS, metrics under the route's template) without matching the path against
every route and resolving the route's dependencies. It still proves what liveness means: this
process's event loop is answering. The route stays in the app for the schema.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

PATH = "/debug/health"


class LivenessShortcut:
    def __init__(self, app: ASGIApp, body: dict[str, Any], route: object) -> None:
        """``body``: the probe's answer; ``route``: the app's own route for it (left in the
        scope, where the metrics middleware reads which route answered)."""
        self.app = app
        self.route = route
        self.body = json.dumps(body, separators=(",", ":")).encode()
        self.headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(self.body)).encode()),
        ]

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
