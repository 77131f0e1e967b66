"""The sandbox: Instagram, TikTok and YouTube emulated in one ASGI app, with a control API.

Served by ``stakazo sandbox`` on its own, and mounted at ``/sandbox`` by the API in sandbox mode.
Paths mirror the real hosts under a prefix per platform (see each platform module).

Control API (for tests, demos and benchmarks):
  GET/PUT/DELETE /_control/faults   the fault plan (see faults.py)
  POST /_control/clock              {"advance_seconds": N}: move the sandbox clock forward
  GET /_control/stats               counters per platform (posts published, faults fired...)
"""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI
from pydantic import BaseModel
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.config import Settings, get_settings
from backend.docs_page import install_docs
from backend.security_headers import SecurityHeadersMiddleware
from sandbox import instagram, tiktok, youtube
from sandbox.context import SandboxContext
from sandbox.faults import DropConnection, FaultPlan, FaultPlanBody

log = structlog.get_logger(__name__)


class ClockChange(BaseModel):
    advance_seconds: float


class DropMiddleware:
    """Turns ``DropConnection`` into a connection closed mid-response, which is what a client
    sees when a platform's server or a proxy dies: no status, an incomplete read."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except DropConnection:
            if started:
                raise
            # A promised body that never comes: the server closes the connection.
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-length", b"1048576")],
                }
            )
            await send({"type": "http.response.body", "body": b"", "more_body": True})
            # Returning with the body unfinished makes the server close the connection (one log
            # line, no traceback); raising would reach the host app's error handlers.


def create_sandbox_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    context = SandboxContext(settings=settings, faults=FaultPlan.from_json(settings.sandbox_faults))
    app = FastAPI(
        title="Stakazo platform sandbox",
        description="Local emulators of the Instagram Graph, TikTok Content Posting and YouTube "
        "Data APIs. Publications made here are sandbox publications.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    install_docs(app)
    app.state.sandbox = context
    emulators: dict[str, Any] = {
        "instagram": instagram.Emulator(context),
        "tiktok": tiktok.Emulator(context),
        "youtube": youtube.Emulator(context),
    }
    for name, emulator in emulators.items():
        app.include_router(emulator.router, prefix=f"/{name}")

    @app.get("/_control/faults", include_in_schema=False)
    async def get_faults() -> FaultPlanBody:
        return FaultPlanBody(rules=context.faults.rules())

    @app.put("/_control/faults", include_in_schema=False)
    async def put_faults(body: FaultPlanBody) -> FaultPlanBody:
        context.faults.replace(body.rules, body.seed)
        log.info("sandbox.faults_set", rules=len(body.rules))
        return body

    @app.delete("/_control/faults", include_in_schema=False)
    async def clear_faults() -> FaultPlanBody:
        context.faults.replace([])
        return FaultPlanBody()

    @app.post("/_control/clock", include_in_schema=False)
    async def advance_clock(body: ClockChange) -> dict[str, float]:
        context.clock_offset += body.advance_seconds
        return {"clock_offset": context.clock_offset}

    @app.get("/_control/stats", include_in_schema=False)
    async def stats() -> dict[str, Any]:
        return {
            "faults_fired": dict(context.faults.fired),
            **{name: emulator.stats() for name, emulator in emulators.items()},
        }

    app.add_middleware(DropMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
