"""creator_info/query: what the creator may post right now (privacy levels, interactions they
turned off, the longest video). Asked before every post and for the dashboard's posting form."""

from __future__ import annotations

from typing import Any

import httpx

from backend.config import Settings
from backend.platforms import http
from backend.platforms.base import Credentials
from backend.platforms.tiktok.api import call_api
from backend.platforms.tiktok.endpoints import Endpoints, endpoints_for
from backend.retry import retry_query


async def query(
    client: httpx.AsyncClient, endpoints: Endpoints, access_token: str
) -> dict[str, Any]:
    return await retry_query(
        lambda: call_api(
            client,
            "POST",
            endpoints.creator_info,
            operation="creator_info",
            access_token=access_token,
            json={},
        )
    )


async def fetch(settings: Settings, credentials: Credentials) -> dict[str, Any]:
    async with http.client(settings) as client:
        return await query(client, endpoints_for(settings), credentials.access_token)
