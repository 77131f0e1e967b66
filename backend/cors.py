"""CORS: the dashboard may send its session cookie across origins; other listed origins may not.

Starlette's CORS middleware allows credentials for all its origins or none, so each request is
handed to one of two: credentials allowed for the dashboard's origin, never for the others.
"""

from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from backend.config import Settings, origin_of


class CorsByOrigin:
    def __init__(self, app: ASGIApp, settings: Settings, exposed_headers: list[str]) -> None:
        self.dashboard = settings.effective_dashboard_origin
        others = [o for o in settings.cors_origins if origin_of(o) != self.dashboard]
        self.with_credentials = self._cors(app, [self.dashboard], exposed_headers, True)
        self.without = self._cors(app, others, exposed_headers, False) if others else app

    @staticmethod
    def _cors(app: ASGIApp, origins: list[str], exposed: list[str], credentials: bool) -> ASGIApp:
        return CORSMiddleware(
            app,
            allow_origins=origins,
            allow_methods=["*"],
            allow_headers=["*"],
            allow_credentials=credentials,
            expose_headers=exposed,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self._origin(scope) == self.dashboard:
            await self.with_credentials(scope, receive, send)
        else:
            await self.without(scope, receive, send)

    @staticmethod
    def _origin(scope: Scope) -> str | None:
        for name, value in scope.get("headers", ()):
            if name == b"origin":
                try:
                    return origin_of(value.decode("latin-1"))
                except ValueError:
                    return None
        return None
