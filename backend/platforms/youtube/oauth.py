"""Google OAuth 2.0 for YouTube: consent with PKCE (S256), offline access, refresh, revoke."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import structlog

from backend.config import Settings
from backend.platforms import http
from backend.platforms.base import AuthError, PermanentError, Platform, RemoteAccount, TokenGrant
from backend.platforms.youtube import errors
from backend.platforms.youtube.endpoints import SCOPES, Endpoints, for_settings
from backend.platforms.youtube.errors import PLATFORM
from core.clock import utcnow

log = structlog.get_logger(__name__)


class YouTubeOAuth:
    platform: Platform = "youtube"
    uses_pkce = True

    def __init__(self, settings: Settings, endpoints: Endpoints | None = None) -> None:
        self.settings = settings
        self.endpoints = endpoints or for_settings(settings)

    def authorization_url(
        self, *, state: str, redirect_uri: str, code_challenge: str | None
    ) -> str:
        params = {
            "client_id": self.settings.google_client_id,
            "redirect_uri": redirect_uri,
            "response_type": "code",
            "scope": " ".join(SCOPES),
            # A refresh token is issued only for offline access, and again on every
            # reconnect only when consent is asked for explicitly.
            "access_type": "offline",
            "prompt": "consent",
            "include_granted_scopes": "true",
            "state": state,
        }
        if code_challenge:
            params |= {"code_challenge": code_challenge, "code_challenge_method": "S256"}
        return f"{self.endpoints.authorize}?{urlencode(params)}"

    async def exchange_code(
        self, *, code: str, redirect_uri: str, code_verifier: str | None
    ) -> TokenGrant:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            **self._client_auth(),
        }
        if code_verifier:
            form["code_verifier"] = code_verifier
        data = await self._token_call(form, "exchange_code")
        if not data.get("refresh_token"):
            raise PermanentError(
                PLATFORM,
                "exchange_code: no refresh_token in the answer",
                "Google did not grant offline access; reconnect and accept every permission.",
            )
        grant = _grant(data, previous_refresh=None, now=utcnow())
        log.info("youtube.oauth_exchanged", scopes=len(grant.scopes))
        return grant

    async def refresh(self, grant: TokenGrant) -> TokenGrant:
        if not grant.refresh_token:
            raise AuthError(PLATFORM, "refresh: no refresh token", errors.RECONNECT)
        form = {
            "grant_type": "refresh_token",
            "refresh_token": grant.refresh_token,
            **self._client_auth(),
        }
        data = await self._token_call(form, "refresh")
        fresh = _grant(data, previous_refresh=grant, now=utcnow())
        log.info("youtube.oauth_refreshed", rotated=fresh.refresh_token != grant.refresh_token)
        return fresh

    async def fetch_account(self, access_token: str) -> RemoteAccount:
        async with http.client(self.settings) as client:
            with http.transport_errors(PLATFORM, "fetch_account"):
                response = await client.get(
                    self.endpoints.channels,
                    params={"part": "snippet", "mine": "true"},
                    headers={"Authorization": f"Bearer {access_token}"},
                )
        if response.status_code != 200:
            raise errors.from_response(response, "fetch_account")
        items = errors.json_body(response, "fetch_account").get("items") or []
        if not items:
            raise PermanentError(
                PLATFORM,
                "fetch_account: channels.list(mine=true) returned no channel",
                "This Google account has no YouTube channel yet; create one, then reconnect.",
            )
        channel = items[0]
        snippet = channel.get("snippet") or {}
        title = snippet.get("title") or channel["id"]
        return RemoteAccount(
            remote_id=channel["id"],
            username=snippet.get("customUrl") or title,
            display_name=title,
        )

    async def revoke(self, grant: TokenGrant) -> None:
        # Revoking the refresh token ends the whole grant, access tokens included.
        token = grant.refresh_token or grant.access_token
        async with http.client(self.settings) as client:
            with http.transport_errors(PLATFORM, "revoke"):
                response = await client.post(self.endpoints.revoke, data={"token": token})
        if response.status_code == 200:
            log.info("youtube.oauth_revoked")
            return
        error = errors.from_oauth_response(
            response.status_code, response.content, operation="revoke"
        )
        if isinstance(error, AuthError):
            return  # already revoked or expired: nothing left to give back
        raise error

    def _client_auth(self) -> dict[str, str]:
        return {
            "client_id": self.settings.google_client_id,
            "client_secret": self.settings.google_client_secret.get_secret_value(),
        }

    async def _token_call(self, form: dict[str, str], operation: str) -> dict[str, Any]:
        async with http.client(self.settings) as client:
            with http.transport_errors(PLATFORM, operation):
                response = await client.post(self.endpoints.token, data=form)
        if response.status_code != 200:
            raise errors.from_oauth_response(
                response.status_code, response.content, operation=operation
            )
        return errors.json_body(response, operation)


def _grant(
    data: dict[str, Any], *, previous_refresh: TokenGrant | None, now: datetime
) -> TokenGrant:
    refresh_token = data.get("refresh_token")
    refresh_expires_at = _after(now, data.get("refresh_token_expires_in"))
    scopes = tuple(str(data.get("scope") or "").split())
    if previous_refresh is not None:
        # Google usually keeps the refresh token on refresh; when it sends a new one, it wins.
        refresh_token = refresh_token or previous_refresh.refresh_token
        refresh_expires_at = refresh_expires_at or previous_refresh.refresh_expires_at
        scopes = scopes or previous_refresh.scopes
    return TokenGrant(
        access_token=str(data["access_token"]),
        expires_at=_after(now, data.get("expires_in")),
        refresh_token=refresh_token,
        refresh_expires_at=refresh_expires_at,
        scopes=scopes,
    )


def _after(now: datetime, seconds: Any) -> datetime | None:
    return now + timedelta(seconds=float(seconds)) if seconds is not None else None
