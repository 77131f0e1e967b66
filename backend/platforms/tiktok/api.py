"""One call to TikTok's open API or OAuth endpoints: transport failures and error bodies become our
errors, a successful answer becomes its ``data``."""

from __future__ import annotations

from typing import Any

import httpx
import structlog

from backend.platforms import http
from backend.platforms.tiktok.errors import PLATFORM, api_error, envelope_error, oauth_error

log = structlog.get_logger(__name__)


async def call_api(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    operation: str,
    access_token: str,
    json: dict[str, Any] | None = None,
    params: dict[str, str] | None = None,
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {access_token}"}
    if json is not None:
        headers["Content-Type"] = "application/json; charset=UTF-8"
    with http.transport_errors(PLATFORM, operation):
        response = await client.request(method, url, json=json, params=params, headers=headers)
        body = http.json_or_none(response)
    code, message = envelope_error(body)
    if response.status_code >= 400 or code != "ok":
        if code == "ok":  # an error without TikTok's envelope (a proxy, a load balancer)
            code = f"http_{response.status_code}"
        log.info(
            "tiktok.api_error",
            operation=operation,
            status=response.status_code,
            code=code,
            log_id=_log_id(body),
        )
        raise api_error(
            response.status_code,
            code,
            message,
            retry_after_seconds=http.retry_after_seconds(response),
        )
    data = body.get("data") if isinstance(body, dict) else None
    return data if isinstance(data, dict) else {}


async def call_oauth(
    client: httpx.AsyncClient, url: str, *, operation: str, form: dict[str, str]
) -> dict[str, Any]:
    """OAuth endpoints take a form and answer ``{error, error_description, log_id}`` on failure
    (sometimes with HTTP 200, so the body decides)."""
    with http.transport_errors(PLATFORM, operation):
        response = await client.post(
            url, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        body = http.json_or_none(response)
    if not isinstance(body, dict):
        body = {}
    error = body.get("error")
    if response.status_code >= 400 or (isinstance(error, str) and error):
        code = error if isinstance(error, str) and error else f"http_{response.status_code}"
        log.info(
            "tiktok.oauth_error",
            operation=operation,
            status=response.status_code,
            code=code,
            log_id=_log_id(body),
        )
        raise oauth_error(
            response.status_code,
            code,
            str(body.get("error_description") or ""),
            retry_after_seconds=http.retry_after_seconds(response),
        )
    return body


def _log_id(body: Any) -> str | None:
    if not isinstance(body, dict):
        return None
    error = body.get("error")
    if isinstance(error, dict) and error.get("log_id"):
        return str(error["log_id"])
    return str(body["log_id"]) if body.get("log_id") else None
