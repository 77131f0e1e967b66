"""TikTok Login Kit v2 (OAuth 2.0 with PKCE): consent URL, code exchange, rotating refresh tokens.

TikTok's refresh tokens rotate: every refresh returns a new one and the previous one stops
working, so the caller must store the grant this returns, every time.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import httpx
import structlog

from backend.config import Settings
from backend.platforms import http
from backend.platforms.base import (
    AuthError,
    Platform,
    RemoteAccount,
    RetryableError,
    TokenGrant,
)
from backend.platforms.tiktok.api import call_api, call_oauth
from backend.platforms.tiktok.endpoints import Endpoints, endpoints_for
from backend.platforms.tiktok.errors import PLATFORM
from core.clock import utcnow

log = structlog.get_logger(__name__)

# user.info.profile: ``username`` (the @handle) moved out of user.info.basic in 2024.
DEFAULT_SCOPES: tuple[str, ...] = (
    "user.info.basic",
    "user.info.profile",
    "video.publish",
    "video.upload",
    "video.list",
)
BASIC_FIELDS = "open_id,union_id,display_name"
PROFILE_FIELDS = f"{BASIC_FIELDS},username"


class TikTokOAuth:
    platform: Platform = "tiktok"
    uses_pkce = True

    def __init__(
        self,
        settings: Settings,
        *,
        scopes: tuple[str, ...] = DEFAULT_SCOPES,
        endpoints: Endpoints | None = None,
    ) -> None:
        self._settings = settings
        self._scopes = scopes
        self._endpoints = endpoints or endpoints_for(settings)

    def authorization_url(
        self, *, state: str, redirect_uri: str, code_challenge: str | None
    ) -> str:
        if not code_challenge:
            raise ValueError("TikTok's authorization needs a PKCE code_challenge")
        query = urlencode(
            {
                "client_key": self._settings.tiktok_client_key,
                "response_type": "code",
                "scope": ",".join(self._scopes),
                "redirect_uri": redirect_uri,
                "state": state,
                "code_challenge": code_challenge,
                "code_challenge_method": "S256",
            }
        )
        return f"{self._endpoints.authorize}?{query}"

    async def exchange_code(
        self, *, code: str, redirect_uri: str, code_verifier: str | None
    ) -> TokenGrant:
        form = {
            "client_key": self._settings.tiktok_client_key,
            "client_secret": self._settings.tiktok_client_secret.get_secret_value(),
            "code": code,
            "grant_type": "authorization_code",
            "redirect_uri": redirect_uri,
        }
        if code_verifier:
            form["code_verifier"] = code_verifier
        body = await self._token_call("exchange_code", form)
        log.info("tiktok.code_exchanged", open_id=body.get("open_id"))
        return _grant(body)

    async def refresh(self, grant: TokenGrant) -> TokenGrant:
        if not grant.refresh_token:
            raise AuthError(PLATFORM, "no refresh token", "Reconnect the TikTok account.")
        form = {
            "client_key": self._settings.tiktok_client_key,
            "client_secret": self._settings.tiktok_client_secret.get_secret_value(),
            "grant_type": "refresh_token",
            "refresh_token": grant.refresh_token,
        }
        body = await self._token_call("refresh", form)
        log.info("tiktok.token_refreshed", open_id=body.get("open_id"))
        return _grant(body)

    async def fetch_account(self, access_token: str) -> RemoteAccount:
        """The account; its @handle only where the user granted user.info.profile (without it
        TikTok refuses the whole call), else the display name stands in for it."""
        async with http.client(self._settings) as client:
            try:
                user = await self._user(client, access_token, PROFILE_FIELDS)
            except AuthError as error:
                if not error.reason.startswith("scope_"):
                    raise
                log.info("tiktok.username_not_granted")
                user = await self._user(client, access_token, BASIC_FIELDS)
        display_name = str(user.get("display_name") or "") or None
        return RemoteAccount(
            remote_id=str(user["open_id"]),
            username=str(user.get("username") or display_name or user["open_id"]),
            display_name=display_name,
        )

    async def _user(
        self, client: httpx.AsyncClient, access_token: str, fields: str
    ) -> dict[str, Any]:
        data = await call_api(
            client,
            "GET",
            self._endpoints.user_info,
            operation="user_info",
            access_token=access_token,
            params={"fields": fields},
        )
        user = data.get("user")
        if not isinstance(user, dict) or not user.get("open_id"):
            raise RetryableError(PLATFORM, "user_info: no user in the answer")
        return user

    async def revoke(self, grant: TokenGrant) -> None:
        form = {
            "client_key": self._settings.tiktok_client_key,
            "client_secret": self._settings.tiktok_client_secret.get_secret_value(),
            "token": grant.access_token,
        }
        try:
            async with http.client(self._settings) as client:
                await call_oauth(client, self._endpoints.revoke, operation="revoke", form=form)
        except AuthError as error:
            # The token no longer works: TikTok has already let go of it, which is what we want.
            log.info("tiktok.revoke_already_invalid", reason=error.reason)
            return
        log.info("tiktok.revoked")

    async def _token_call(self, operation: str, form: dict[str, str]) -> dict[str, Any]:
        async with http.client(self._settings) as client:
            body = await call_oauth(client, self._endpoints.token, operation=operation, form=form)
        if not body.get("access_token"):
            raise RetryableError(PLATFORM, f"{operation}: no access_token in the answer")
        return body


def _grant(body: dict[str, Any]) -> TokenGrant:
    now = utcnow()
    expires_in = _seconds(body.get("expires_in"))
    refresh_expires_in = _seconds(body.get("refresh_expires_in"))
    scope = str(body.get("scope") or "")
    return TokenGrant(
        access_token=str(body["access_token"]),
        expires_at=now + timedelta(seconds=expires_in) if expires_in is not None else None,
        refresh_token=str(body["refresh_token"]) if body.get("refresh_token") else None,
        refresh_expires_at=(
            now + timedelta(seconds=refresh_expires_in) if refresh_expires_in is not None else None
        ),
        scopes=tuple(item.strip() for item in scope.split(",") if item.strip()),
    )


def _seconds(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
