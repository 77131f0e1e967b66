"""Instagram Login (Business Login for Instagram): the consent window, code -> short-lived token
-> 60-day token, refreshing that token, and who it belongs to.

There is no refresh token: the long-lived access token refreshes itself
(``GET graph.instagram.com/refresh_access_token``) once it is at least 24 hours old and while it
has not expired; the new token is valid 60 days from the refresh. An expired token cannot be
refreshed: the user must connect again. A younger token is refused: that refusal is
``RefreshTooEarly`` (the token still works; try later), never a broken account. Instagram Login
uses no PKCE.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import structlog

from backend.config import Settings
from backend.platforms.base import (
    AuthError,
    PermanentError,
    Platform,
    RefreshTooEarly,
    RemoteAccount,
    TokenGrant,
)
from backend.platforms.instagram.endpoints import Endpoints, endpoints_for
from backend.platforms.instagram.errors import PLATFORM
from backend.platforms.instagram.graph import JSON, GraphClient
from core.clock import utcnow

log = structlog.get_logger(__name__)

# Publishing needs content_publish; metrics need manage_insights.
SCOPES: tuple[str, ...] = (
    "instagram_business_basic",
    "instagram_business_content_publish",
    "instagram_business_manage_insights",
)


REFRESH_MIN_AGE_SECONDS = 24 * 3600


class InstagramOAuth:
    platform: Platform = "instagram"
    uses_pkce = False

    def __init__(
        self,
        settings: Settings,
        *,
        endpoints: Endpoints | None = None,
        scopes: tuple[str, ...] = SCOPES,
    ) -> None:
        self.settings = settings
        self.endpoints = endpoints or endpoints_for(settings)
        self.scopes = scopes
        self.graph = GraphClient(settings, self.endpoints)

    def authorization_url(
        self, *, state: str, redirect_uri: str, code_challenge: str | None
    ) -> str:
        query = {
            "client_id": self.settings.instagram_app_id,
            "redirect_uri": redirect_uri,
            "response_type": "code",
            "scope": ",".join(self.scopes),
            "state": state,
        }
        return f"{self.endpoints.authorize}?{urlencode(query)}"

    async def exchange_code(
        self, *, code: str, redirect_uri: str, code_verifier: str | None
    ) -> TokenGrant:
        # Instagram appends "#_" to the redirect; it is not part of the code.
        code = code.removesuffix("#_")
        short = await self.graph.call(
            "POST",
            self.endpoints.access_token,
            operation="access_token",
            data={
                "client_id": self.settings.instagram_app_id,
                "client_secret": self.settings.instagram_app_secret.get_secret_value(),
                "grant_type": "authorization_code",
                "redirect_uri": redirect_uri,
                "code": code,
            },
        )
        # Business Login answers {"data": [{...}]}; the older flow answered the object itself.
        entry = _first(short)
        short_token = _required(entry, "access_token", "access_token")
        permissions = entry.get("permissions") or ""
        scopes = tuple(
            scope
            for scope in (
                permissions if isinstance(permissions, list) else str(permissions).split(",")
            )
            if scope
        )
        long = await self.graph.call(
            "GET",
            self.endpoints.exchange_token,
            operation="exchange_token",
            params={
                "grant_type": "ig_exchange_token",
                "client_secret": self.settings.instagram_app_secret.get_secret_value(),
                "access_token": short_token,
            },
        )
        grant = _grant(long, "exchange_token", scopes or self.scopes)
        log.info("instagram.token_exchanged", user_id=entry.get("user_id"), scopes=grant.scopes)
        return grant

    async def refresh(self, grant: TokenGrant) -> TokenGrant:
        try:
            answer = await self.graph.call(
                "GET",
                self.endpoints.refresh_token,
                operation="refresh_access_token",
                params={"grant_type": "ig_refresh_token", "access_token": grant.access_token},
            )
        except PermanentError as error:
            if isinstance(error, AuthError):
                raise  # expired, revoked: the user must connect again
            # Our parameters are fixed and valid, and an invalid token is an AuthError: the one
            # documented refusal left is a token under 24 hours old [M9].
            raise RefreshTooEarly(
                PLATFORM,
                f"refresh_access_token: {error.reason}",
                "Instagram renews a connection only once it is a day old. It still works and "
                "will be renewed later.",
                retry_after_seconds=REFRESH_MIN_AGE_SECONDS,
                status_code=error.status_code,
            ) from error
        refreshed = _grant(answer, "refresh_access_token", grant.scopes)
        log.info("instagram.token_refreshed", expires_at=refreshed.expires_at)
        return refreshed

    async def fetch_account(self, access_token: str) -> RemoteAccount:
        me = await self.graph.call(
            "GET",
            self.endpoints.node("me"),
            operation="me",
            token=access_token,
            params={"fields": "user_id,username,name"},
        )
        # ``user_id`` is the professional account id the publishing endpoints take; ``id`` is
        # app-scoped (older answers only had ``id``).
        remote_id = str(me.get("user_id") or _required(me, "id", "me"))
        return RemoteAccount(
            remote_id=remote_id,
            username=str(_required(me, "username", "me")),
            display_name=str(me["name"]) if me.get("name") else None,
        )

    async def revoke(self, grant: TokenGrant) -> None:
        """Nothing to call: Instagram Login documents no endpoint that revokes a token (the
        Facebook Login ``DELETE /me/permissions`` does not apply). The user removes the app in
        Instagram's settings, and Meta then calls the app's Deauthorize Callback URL. Our copy
        of the token is deleted by the caller; the token itself lapses at its expiry."""
        log.info("instagram.revoke_not_supported")


def _first(answer: JSON) -> dict[str, Any]:
    data = answer.get("data")
    if isinstance(data, list) and data and isinstance(data[0], dict):
        return data[0]
    return answer


def _required(answer: dict[str, Any], key: str, operation: str) -> Any:
    value = answer.get(key)
    if value in (None, ""):
        raise AuthError(
            PLATFORM,
            f"{operation}: the answer has no {key}",
            "Instagram's sign-in answer was incomplete. Connect the account again.",
        )
    return value


def _grant(answer: JSON, operation: str, scopes: tuple[str, ...]) -> TokenGrant:
    token = str(_required(answer, "access_token", operation))
    expires_in = answer.get("expires_in")
    expires_at: datetime | None = None
    if isinstance(expires_in, int | float) and expires_in > 0:
        expires_at = utcnow() + timedelta(seconds=float(expires_in))
    return TokenGrant(access_token=token, expires_at=expires_at, scopes=scopes)
