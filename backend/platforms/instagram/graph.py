"""One way to call Instagram's hosts: explicit timeouts, transport failures as ``RetryableError``,
error answers through the error table, JSON objects back, paced by the usage headers
(``pacing.py``)."""

from __future__ import annotations

from collections.abc import AsyncIterable, Mapping
from typing import Any

import httpx

from backend.config import Settings
from backend.platforms import http
from backend.platforms.base import PermanentError
from backend.platforms.instagram.endpoints import Endpoints
from backend.platforms.instagram.errors import PLATFORM, error_from_response
from backend.platforms.instagram.pacing import PACER

JSON = dict[str, Any]


class GraphClient:
    def __init__(self, settings: Settings, endpoints: Endpoints) -> None:
        self.settings = settings
        self.endpoints = endpoints

    async def call(
        self,
        method: str,
        url: str,
        *,
        operation: str,
        token: str | None = None,
        auth_scheme: str = "Bearer",
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        content: AsyncIterable[bytes] | None = None,
        upload: bool = False,
        account: str | None = None,
    ) -> JSON:
        """The answer's JSON object; raises our error for anything else. API calls send the
        token in the ``Authorization`` header; only the token endpoints take it in the query, as
        Meta documents them (our log lines mask ``access_token=`` and ``client_secret=``).
        ``account`` (the Instagram user id a call is about) scopes the pause of its usage."""
        host = self.endpoints.graph
        PACER.check(host, account)
        sent = dict(headers or {})
        if token is not None:
            sent["Authorization"] = f"{auth_scheme} {token}"
        with http.transport_errors(PLATFORM, operation):
            async with http.client(self.settings, upload=upload) as client:
                response = await client.request(
                    method, url, params=params, data=data, headers=sent, content=content
                )
        PACER.observe(host, response.headers, self.settings.instagram_usage_pause_percent)
        if not response.is_success:
            raise error_from_response(response, operation)
        return _object(response, operation)


def _object(response: httpx.Response, operation: str) -> JSON:
    body = http.json_or_none(response)
    if not isinstance(body, dict):
        raise PermanentError(
            PLATFORM,
            f"{operation}: expected a JSON object, got {response.text[:120]!r}",
            "Instagram answered in a way Stakazo does not understand.",
        )
    return body
