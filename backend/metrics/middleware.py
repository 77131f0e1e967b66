"""Counts and times every HTTP request under its route's template, never its raw path: one
series per route, whatever ids the paths carry."""

from __future__ import annotations

import time
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.metrics import series


def route_template(scope: Scope, root_path: str, full_paths: dict[int, str]) -> str:
    """The template of the route that answered, as the client called it.

    The router leaves the matched route in the scope (a partial match too: 405), but FastAPI
    leaves a router's own route there, whose template lacks the prefix it was included under
    (``/v1``): ``full_paths`` has the whole one. A mounted app that leaves its route (a plain
    Starlette one) lengthens ``root_path`` by the mount's path: that part is put back in front.
    The sandbox's routes (development only) leave none and count as unmatched.
    """
    route = scope.get("route")
    template = full_paths.get(id(route)) or getattr(route, "path_format", None)
    if template is None:
        return series.UNMATCHED
    mounted = str(scope.get("root_path", ""))[len(root_path) :]
    return f"{mounted}{template}"


class HttpMetricsMiddleware:
    def __init__(self, app: ASGIApp, routes: Iterable[tuple[str, object]] = ()) -> None:
        """``routes``: (full path, route) of every route included under a prefix."""
        self.app = app
        self.full_paths = {id(route): path for path, route in routes}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        root_path = str(scope.get("root_path", ""))
        started = time.perf_counter()
        status = 500

        async def send_noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_noting_status)
        finally:
            series.observe_request(
                scope["method"],
                route_template(scope, root_path, self.full_paths),
                status,
                time.perf_counter() - started,
            )
