"""What the Instagram emulator's routes share: rendering the platform's errors, the state and the
context, and reading Graph requests (tokens, parameters, ``fields``)."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.routing import APIRoute
from starlette.responses import Response

from sandbox.context import (
    ErrorResponder,
    SandboxContext,
    read_form,
    with_retry_after,
)
from sandbox.faults import FaultRule
from sandbox.instagram.accounts import BASIC, Token
from sandbox.instagram.errors import GraphFault, OAuthFault, UploadFault
from sandbox.instagram.state import InstagramState
from sandbox.instagram.usage import Throttled

PLATFORM = "instagram"
VERSION = re.compile(r"^v\d+\.\d+$")


class FaultRoute(APIRoute):
    """Renders the platform's errors raised anywhere in a handler, in the host's own shape."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def render(request: Request) -> Response:
            try:
                response = await handler(request)
            except Throttled as throttled:
                request.state.usage = throttled.headers
                response = JSONResponse(throttled.fault.body(), throttled.fault.status)
            except (GraphFault, UploadFault, OAuthFault) as fault:
                response = JSONResponse(fault.body(), fault.status)
            response.headers.update(getattr(request.state, "usage", None) or {})
            return response

        return render


@dataclass
class Call:
    """A Graph call that passed fault injection and authentication."""

    rule: FaultRule | None
    params: dict[str, str]
    token: Token


# --- error bodies, for the faults the context injects ------------------------------------------


def graph_error(status: int, message: str, retry_after: int | None) -> Response:
    if status == 429:
        fault = GraphFault(4, f"(#4) Application request limit reached ({message})", transient=True)
    elif status >= 500:
        fault = GraphFault(2, f"An unexpected error has occurred ({message})", transient=True)
    elif status in (401, 403):
        fault = GraphFault(190 if status == 401 else 10, message)
    else:
        fault = GraphFault(100, f"(#100) {message}")
    return JSONResponse(fault.body(), status, headers=with_retry_after({}, retry_after))


def upload_error(status: int, message: str, retry_after: int | None) -> Response:
    fault = UploadFault(status, "ProcessingFailedError", message, retriable=status >= 429)
    return JSONResponse(fault.body(), status, headers=with_retry_after({}, retry_after))


def oauth_error(status: int, message: str, retry_after: int | None) -> Response:
    body = OAuthFault(message, status).body()
    return JSONResponse(body, status, headers=with_retry_after({}, retry_after))


def page_error(status: int, message: str, retry_after: int | None) -> Response:
    return HTMLResponse(page("Error", f"<p>{html.escape(message)}</p>"), status)


def page(title: str, body: str) -> str:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)} · "
        f"Instagram (sandbox)</title></head><body><h1>{html.escape(title)}</h1>{body}"
        "</body></html>"
    )


def bearer(request: Request, params: dict[str, str]) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() in ("bearer", "oauth") and value.strip():
        return value.strip()
    return params.get("access_token") or None


async def params_of(request: Request) -> dict[str, str]:
    """Query and form parameters together (Graph takes either)."""
    params = dict(request.query_params)
    if request.method == "POST" and request.headers.get("content-type", "").startswith(
        "application/x-www-form-urlencoded"
    ):
        params.update(await read_form(request))
    return params


def fields_of(params: dict[str, str], allowed: tuple[str, ...], node_type: str) -> list[str]:
    fields = [f.strip() for f in params.get("fields", "id").split(",") if f.strip()]
    for name in fields:
        if name not in allowed:
            raise GraphFault(
                100, f"(#100) Tried accessing nonexisting field ({name}) on node type ({node_type})"
            )
    return fields


@dataclass
class Shared:
    state: InstagramState
    context: SandboxContext
    tasks: set[asyncio.Task[None]] = field(default_factory=set)

    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
        """Work the platform does after answering (fetching a video_url); kept referenced until
        it ends."""
        task = asyncio.get_running_loop().create_task(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def now(self) -> float:
        return self.context.now()

    async def inject(
        self, operation: str, responder: ErrorResponder = graph_error
    ) -> tuple[FaultRule | None, Response | None]:
        return await self.context.inject(PLATFORM, operation, responder)

    async def graph_call(
        self, request: Request, version: str, operation: str, scope: str | None = BASIC
    ) -> Call | Response:
        """Fault injection, then the version, the token (on its own login's host) and the rate
        limits: a ``Response`` ends the call."""
        rule, injected = await self.inject(operation)
        if injected is not None:
            return injected
        if not VERSION.match(version):
            raise GraphFault(2500, f"Unknown path components: /{version}")
        params = await params_of(request)
        login = "facebook" if "/fbgraph/" in request.url.path else "instagram"
        token = self.state.authenticate(bearer(request, params), self.now(), scope, login)
        request.state.usage = self.state.usage.count(
            self.state.config, token.account_id, self.now()
        )
        return Call(rule, params, token)
