"""What the TikTok emulator's parts share: its state, TikTok's response shapes, bearer-token and
rate-limit checks, fault handling, webhooks out, and revocation."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import structlog
from fastapi import Request
from starlette.responses import JSONResponse, Response

from backend.platforms.signatures import tiktok_sign
from sandbox.context import SandboxContext, bearer_token, with_retry_after
from sandbox.faults import FaultRule, lost
from sandbox.tiktok_state import (
    Account,
    AuthCode,
    Post,
    Publish,
    RateLimiter,
    TikTokSandboxConfig,
    Token,
    new_log_id,
)

log = structlog.get_logger(__name__)


def api_error(status: int, code: str, message: str, retry_after: int | None = None) -> Response:
    body = {"data": {}, "error": {"code": code, "message": message, "log_id": new_log_id()}}
    return JSONResponse(body, status_code=status, headers=with_retry_after({}, retry_after))


def oauth_error(
    status: int, error: str, description: str, retry_after: int | None = None
) -> Response:
    body = {"error": error, "error_description": description, "log_id": new_log_id()}
    return JSONResponse(body, status_code=status, headers=with_retry_after({}, retry_after))


def api_ok(data: dict[str, Any], status: int = 200) -> Response:
    body = {"data": data, "error": {"code": "ok", "message": "", "log_id": new_log_id()}}
    return JSONResponse(body, status_code=status)


def injected_api_error(status: int, message: str, retry_after: int | None) -> Response:
    code = {401: "access_token_invalid", 429: "rate_limit_exceeded"}.get(status)
    code = code or ("internal_error" if status >= 500 else "invalid_params")
    return api_error(status, code, message, retry_after)


def injected_oauth_error(status: int, message: str, retry_after: int | None) -> Response:
    code = "rate_limit_exceeded" if status == 429 else "server_error"
    return oauth_error(status, code if status >= 429 else "invalid_request", message, retry_after)


class Core:
    def __init__(self, context: SandboxContext) -> None:
        self.context = context
        self.settings = context.settings
        self.config = TikTokSandboxConfig(daily_post_cap=self.settings.tiktok_daily_post_cap)
        self.accounts: dict[str, Account] = {}
        self.codes: dict[str, AuthCode] = {}
        self.access_tokens: dict[str, Token] = {}
        self.refresh_tokens: dict[str, Token] = {}
        self.publishes: dict[str, Publish] = {}
        self.uploads: dict[str, Publish] = {}
        self.posts: list[Post] = []
        self.limiter = RateLimiter()
        self._serial = 0
        self._tasks: set[asyncio.Task[None]] = set()

    def _next(self) -> int:
        self._serial += 1
        return self._serial

    def _authorize(
        self, request: Request, scopes: tuple[str, ...]
    ) -> tuple[Token | None, Response | None]:
        token = self.access_tokens.get(bearer_token(request) or "")
        if token is None or token.revoked or token.expires_at <= self.context.now():
            return None, api_error(
                401,
                "access_token_invalid",
                "The access token is invalid or not found in the request.",
            )
        if not any(scope in token.scopes for scope in scopes):
            return None, api_error(
                401,
                "scope_not_authorized",
                f"The user did not authorize the scope required: {' or '.join(scopes)}.",
            )
        return token, None

    def _rate_limited(self, token: Token, operation: str) -> Response | None:
        limit = self.config.rate_limits_per_minute.get(operation)
        wait = self.limiter.hit(token.value, operation, limit, self.context.now())
        if wait is None:
            return None
        return api_error(
            429,
            "rate_limit_exceeded",
            f"API rate limit exceeded: at most {limit} requests per minute per access token.",
            wait,
        )

    async def _api_call(
        self, request: Request, operation: str, scopes: tuple[str, ...]
    ) -> tuple[FaultRule | None, Token] | Response:
        """Faults, bearer token, scope and rate limit of an open-API call: the rule the handler
        still applies (lost_response) and the caller's token, or the answer to give instead."""
        rule, response = await self.context.inject("tiktok", operation, injected_api_error)
        if response is not None:
            return response
        token, response = self._authorize(request, scopes)
        if token is None:
            return response or api_error(401, "access_token_invalid", "No access token.")
        return self._rate_limited(token, operation) or (rule, token)

    @staticmethod
    def _finish(rule: FaultRule | None, response: Response) -> Response:
        lost(rule)
        return response

    @staticmethod
    async def _json_body(request: Request) -> dict[str, Any] | None:
        if not request.headers.get("content-type", "").startswith("application/json"):
            return None
        try:
            body = json.loads(await request.body())
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def _webhook(self, event: str, open_id: str, content: dict[str, Any]) -> None:
        if not self.config.webhooks_enabled:
            return
        body = json.dumps(
            {
                "client_key": self.settings.tiktok_client_key,
                "event": event,
                "create_time": int(time.time()),
                "user_openid": open_id,
                "content": json.dumps(content),
            }
        ).encode()
        secret = self.settings.tiktok_client_secret.get_secret_value()
        headers = {
            "Content-Type": "application/json",
            "Tiktok-Signature": tiktok_sign(body, secret, int(time.time())),
        }
        url = self.config.webhook_url or self.context.webhook_url("tiktok")
        self.context.send_webhook(url, body, headers)

    def _deauthorize(self, open_id: str, reason: int) -> None:
        for token in (*self.access_tokens.values(), *self.refresh_tokens.values()):
            if token.open_id == open_id:
                token.revoked = True
        account = self.accounts.get(open_id)
        if account is not None:
            account.authorized = False
        for publish in self.publishes.values():
            if publish.open_id == open_id and publish.status in (
                "PROCESSING_UPLOAD",
                "PROCESSING_DOWNLOAD",
            ):
                self._fail(publish, "auth_removed")
        log.info("sandbox.tiktok.deauthorized", open_id=open_id, reason=reason)
        self._webhook("authorization.removed", open_id, {"reason": reason})

    def _fail(self, publish: Publish, reason: str) -> None:
        publish.status = "FAILED"
        publish.fail_reason = reason
        publish.data = bytearray()
        log.info("sandbox.tiktok.failed", publish_id=publish.publish_id, reason=reason)
        self._webhook(
            "post.publish.failed",
            publish.open_id,
            {
                "publish_id": publish.publish_id,
                "reason": reason,
                "publish_type": (
                    self.config.direct_publish_type if publish.mode == "direct" else "INBOX_SHARE"
                ),
            },
        )
