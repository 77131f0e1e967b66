"""The TikTok emulator's Login Kit v2: consent page, token endpoint (codes with PKCE, rotating
refresh tokens), revocation, user info."""

from __future__ import annotations

import html
import re
import secrets
from urllib.parse import urlencode

import structlog
from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from backend.platforms.registry import redirect_uri
from sandbox.context import read_form
from sandbox.tiktok_core import (
    Core,
    api_error,
    api_ok,
    injected_oauth_error,
    oauth_error,
)
from sandbox.tiktok_state import (
    KNOWN_SCOPES,
    Account,
    AuthCode,
    Token,
    open_id_for,
    pkce_matches,
    union_id_for,
)

log = structlog.get_logger(__name__)

USERNAME = re.compile(r"^[A-Za-z0-9_.]{2,24}$")
USER_FIELDS = frozenset(
    {"open_id", "union_id", "avatar_url", "display_name", "username", "bio_description"}
)
# Since 2024 these need user.info.profile, not user.info.basic (user-info-scope-migration).
PROFILE_FIELDS = frozenset({"username", "bio_description", "profile_deep_link", "is_verified"})


class OAuthRoutes(Core):
    def add_oauth_routes(self, router: APIRouter) -> None:
        router.add_api_route("/www/v2/auth/authorize/", self.consent_page, methods=["GET"])
        router.add_api_route("/www/v2/auth/authorize/", self.consent_decision, methods=["POST"])
        router.add_api_route("/open/v2/oauth/token/", self.token, methods=["POST"])
        router.add_api_route("/open/v2/oauth/revoke/", self.revoke, methods=["POST"])
        router.add_api_route("/open/v2/user/info/", self.user_info, methods=["GET"])

    def _check_authorize(self, params: dict[str, str]) -> str | None:
        if params.get("client_key") != self.settings.tiktok_client_key:
            return "client_key is unknown"
        if params.get("redirect_uri") != redirect_uri(self.settings, "tiktok"):
            return "redirect_uri does not match the one registered for this app"
        if params.get("response_type") != "code":
            return "response_type must be code"
        scopes = [s for s in params.get("scope", "").split(",") if s]
        if not scopes or not set(scopes) <= KNOWN_SCOPES:
            return "scope is missing or names an unknown scope"
        if not params.get("code_challenge") or params.get("code_challenge_method") != "S256":
            return "code_challenge with code_challenge_method=S256 is required"
        return None

    async def consent_page(self, request: Request) -> Response:
        _, response = await self.context.inject("tiktok", "authorize", injected_oauth_error)
        if response is not None:
            return response
        params = dict(request.query_params)
        problem = self._check_authorize(params)
        if problem:
            return HTMLResponse(_error_page(problem), status_code=400)
        return HTMLResponse(_consent_page(params, "sandbox_creator"))

    async def consent_decision(self, request: Request) -> Response:
        rule, response = await self.context.inject("tiktok", "authorize", injected_oauth_error)
        if response is not None:
            return response
        form = await read_form(request)
        problem = self._check_authorize(form)
        if problem:
            return HTMLResponse(_error_page(problem), status_code=400)
        redirect, state = form["redirect_uri"], form.get("state", "")
        if form.get("decision") != "allow":
            query = {"error": "access_denied", "error_description": "The user denied access."}
            return RedirectResponse(f"{redirect}?{urlencode({**query, 'state': state})}", 302)
        username = form.get("username", "").strip()
        if not USERNAME.match(username):
            page = _consent_page(form, username, "Usernames are 2-24 letters, digits, _ or .")
            return HTMLResponse(page, status_code=400)
        open_id = open_id_for(self.settings.tiktok_client_key, username)
        account = self.accounts.setdefault(
            open_id, Account(open_id, union_id_for(username), username)
        )
        account.authorized = True
        code = secrets.token_urlsafe(24)
        scopes = frozenset(s for s in form["scope"].split(",") if s)
        self.codes[code] = AuthCode(
            open_id,
            scopes,
            redirect,
            form["code_challenge"],
            self.context.now() + self.config.auth_code_seconds,
        )
        log.info("sandbox.tiktok.authorized", open_id=open_id)
        query = {"code": code, "scopes": ",".join(sorted(scopes)), "state": state}
        return self._finish(rule, RedirectResponse(f"{redirect}?{urlencode(query)}", 302))

    async def token(self, request: Request) -> Response:
        rule, response = await self.context.inject("tiktok", "token", injected_oauth_error)
        if response is not None:
            return response
        if not request.headers.get("content-type", "").startswith(
            "application/x-www-form-urlencoded"
        ):
            return oauth_error(400, "invalid_request", "The body must be form-encoded.")
        form = await read_form(request)
        if (
            form.get("client_key") != self.settings.tiktok_client_key
            or form.get("client_secret") != self.settings.tiktok_client_secret.get_secret_value()
        ):
            return oauth_error(401, "invalid_client", "Client key or secret is invalid.")
        grant_type = form.get("grant_type")
        if grant_type == "authorization_code":
            result = self._grant_from_code(form)
        elif grant_type == "refresh_token":
            result = self._grant_from_refresh(form)
        else:
            result = oauth_error(400, "unsupported_grant_type", "grant_type is not supported.")
        return self._finish(rule, result)

    def _grant_from_code(self, form: dict[str, str]) -> Response:
        code = self.codes.get(form.get("code", ""))
        now = self.context.now()
        if code is None or code.used or code.expires_at <= now:
            return oauth_error(400, "invalid_grant", "Authorization code is expired or used.")
        if form.get("redirect_uri") != code.redirect_uri:
            return oauth_error(400, "invalid_grant", "redirect_uri does not match.")
        if not pkce_matches(form.get("code_verifier", ""), code.code_challenge):
            return oauth_error(400, "invalid_grant", "code_verifier does not match.")
        code.used = True
        return self._issue(code.open_id, code.scopes)

    def _grant_from_refresh(self, form: dict[str, str]) -> Response:
        token = self.refresh_tokens.get(form.get("refresh_token", ""))
        if token is None or token.revoked or token.expires_at <= self.context.now():
            return oauth_error(400, "invalid_grant", "Refresh token is invalid or expired.")
        if self.config.rotate_refresh_tokens:
            token.revoked = True
            return self._issue(token.open_id, token.scopes)
        return self._issue(token.open_id, token.scopes, refresh=token)

    def _issue(
        self, open_id: str, scopes: frozenset[str], refresh: Token | None = None
    ) -> Response:
        now = self.context.now()
        access = Token(
            "act." + secrets.token_urlsafe(32),
            open_id,
            scopes,
            now + self.config.access_token_seconds,
        )
        self.access_tokens[access.value] = access
        if refresh is None:
            refresh = Token(
                "rft." + secrets.token_urlsafe(32),
                open_id,
                scopes,
                now + self.config.refresh_token_seconds,
            )
            self.refresh_tokens[refresh.value] = refresh
        return JSONResponse(
            {
                "access_token": access.value,
                "expires_in": self.config.access_token_seconds,
                "open_id": open_id,
                "refresh_expires_in": max(0, int(refresh.expires_at - now)),
                "refresh_token": refresh.value,
                "scope": ",".join(sorted(scopes)),
                "token_type": "Bearer",
            }
        )

    async def revoke(self, request: Request) -> Response:
        rule, response = await self.context.inject("tiktok", "revoke", injected_oauth_error)
        if response is not None:
            return response
        form = await read_form(request)
        if (
            form.get("client_key") != self.settings.tiktok_client_key
            or form.get("client_secret") != self.settings.tiktok_client_secret.get_secret_value()
        ):
            return oauth_error(401, "invalid_client", "Client key or secret is invalid.")
        token = self.access_tokens.get(form.get("token", ""))
        if token is None or token.revoked:
            return oauth_error(400, "invalid_grant", "The token is invalid.")
        self._deauthorize(token.open_id, reason=5)  # 5: the developer revoked the authorization
        return self._finish(rule, JSONResponse({}))

    async def user_info(self, request: Request) -> Response:
        call = await self._api_call(request, "user_info", ("user.info.basic",))
        if isinstance(call, Response):
            return call
        rule, token = call
        fields = [f for f in request.query_params.get("fields", "").split(",") if f]
        if not fields or not set(fields) <= USER_FIELDS:
            return api_error(400, "invalid_params", f"fields must be among {sorted(USER_FIELDS)}")
        if PROFILE_FIELDS & set(fields) and "user.info.profile" not in token.scopes:
            return api_error(
                401,
                "scope_not_authorized",
                "The user did not authorize the scope required: user.info.profile.",
            )
        account = self.accounts[token.open_id]
        values = {
            "open_id": account.open_id,
            "union_id": account.union_id,
            "avatar_url": f"https://p16-sign.tiktokcdn.com/sandbox/{account.open_id}.jpeg",
            "display_name": account.username.replace("_", " ").title(),
            "username": account.username,
            "bio_description": "",
        }
        return self._finish(rule, api_ok({"user": {f: values[f] for f in fields}}))


def _error_page(problem: str) -> str:
    return (
        "<!doctype html><html><head><title>TikTok (sandbox)</title></head><body>"
        f"<h1>Something went wrong</h1><p>{html.escape(problem)}</p></body></html>"
    )


def _consent_page(params: dict[str, str], username: str, error: str = "") -> str:
    keep = (
        "client_key",
        "response_type",
        "scope",
        "redirect_uri",
        "state",
        "code_challenge",
        "code_challenge_method",
    )
    hidden = "".join(
        f'<input type="hidden" name="{key}" value="{html.escape(params.get(key, ""))}">'
        for key in keep
    )
    scopes = "".join(f"<li>{html.escape(s)}</li>" for s in params.get("scope", "").split(","))
    problem = f'<p class="error">{html.escape(error)}</p>' if error else ""
    return (
        "<!doctype html><html><head><title>Log in to TikTok (sandbox)</title></head><body>"
        "<h1>TikTok (sandbox)</h1><p>Stakazo would like to:</p>"
        f"<ul>{scopes}</ul>{problem}"
        f'<form method="post">{hidden}'
        '<label>Username <input name="username" '
        f'value="{html.escape(username)}"></label>'
        '<button type="submit" name="decision" value="allow">Allow</button>'
        '<button type="submit" name="decision" value="deny">Deny</button>'
        "</form></body></html>"
    )
