from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import Response

from backend.config import Settings
from backend.metrics import service

# For Prometheus, not for API clients: unversioned and out of the OpenAPI schema.
router = APIRouter(tags=["metrics"], include_in_schema=False)


@router.get("/metrics")
async def metrics(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> Response:
    """Every series in the Prometheus text format; ``Authorization: Bearer <token>`` when
    STAKAZO_METRICS_TOKEN is set."""
    settings: Settings = request.app.state.settings
    service.check_token(settings, authorization)
    # Reading every process's files and the broker blocks: off the event loop.
    body = await asyncio.to_thread(service.render, settings)
    return Response(body, media_type=service.CONTENT_TYPE)
