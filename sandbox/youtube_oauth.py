"""Google's OAuth 2.0 endpoints, emulated: the consent page (accounts.google.com), the token and
revoke endpoints (oauth2.googleapis.com)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import secrets
from typing import Any
from urllib.parse import urlencode

import structlog
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from backend.platforms.registry import redirect_uri
from sandbox.context import read_form, with_retry_after
from sandbox.faults import lost
from sandbox.youtube_world import KNOWN_SCOPES, PLATFORM, Code, World

log = structlog.get_logger(__name__)

CONSENT_FIELDS = (
    "client_id",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
    "access_type",
    "prompt",
    "include_granted_scopes",
    "code_challenge",
    "code_challenge_method",
    "login_hint",
)


def oauth_error(
    status: int, error: str, description: str, retry_after: int | None = None
) -> Response:
    return JSONResponse(
        {"error": error, "error_description": description},
        status_code=status,
        headers=with_retry_after({}, retry_after),
    )


def injected_oauth_error(status: int, message: str, retry_after: int | None) -> Response:
    code = (
        "server_error"
        if status >= 500
        else "rate_limit_exceeded"
        if status == 429
        else "invalid_request"
    )
    return oauth_error(status, code, message, retry_after)


def _error_page(status: int, error: str, description: str) -> HTMLResponse:
    body = (
        "<!doctype html><title>Error</title><h1>Access blocked: authorization error</h1>"
        f"<p>Error {status}: {html.escape(error)}</p><p>{html.escape(description)}</p>"
    )
    return HTMLResponse(body, status_code=status)


def pkce_matches(verifier: str, challenge: str, method: str) -> bool:
    if method == "plain":
        computed = verifier
    else:
        digest = hashlib.sha256(verifier.encode()).digest()
        computed = base64.urlsafe_b64encode(digest).decode().rstrip("=")
    return hmac.compare_digest(computed, challenge)


def build_router(world: World) -> APIRouter:
    router = APIRouter()
    context = world.context
    settings = context.settings
    registered_redirect = redirect_uri(settings, PLATFORM)

    def check_consent(params: dict[str, str]) -> Response | None:
        if params.get("client_id") != settings.google_client_id:
            return _error_page(401, "invalid_client", "The OAuth client was not found.")
        if params.get("redirect_uri") != registered_redirect:
            return _error_page(
                400,
                "redirect_uri_mismatch",
                "The redirect URI in the request does not match the ones authorized for the "
                "OAuth client.",
            )
        if params.get("response_type") != "code":
            return _error_page(400, "unsupported_response_type", "Only response_type=code.")
        scopes = params.get("scope", "").split()
        if not scopes or any(scope not in KNOWN_SCOPES for scope in scopes):
            return _error_page(400, "invalid_scope", "Some requested scopes are invalid.")
        method = params.get("code_challenge_method") or "plain"
        if params.get("code_challenge") and method not in ("S256", "plain"):
            return _error_page(400, "invalid_request", "Invalid code_challenge_method.")
        if world.config.require_pkce and not params.get("code_challenge"):
            return _error_page(400, "invalid_request", "Missing code_challenge.")
        return None

    @router.get("/accounts/o/oauth2/v2/auth", include_in_schema=False)
    async def consent_page(request: Request) -> Response:
        rule, injected = await context.inject(PLATFORM, "authorize", injected_oauth_error)
        if injected is not None:
            return injected
        lost(rule)
        params = dict(request.query_params)
        problem = check_consent(params)
        if problem is not None:
            return problem
        hidden = "".join(
            f'<input type="hidden" name="{name}" value="{html.escape(params[name])}">'
            for name in CONSENT_FIELDS
            if name in params and name != "login_hint"
        )
        username = html.escape(params.get("login_hint") or "sandbox-creator")
        scopes = "".join(f"<li>{html.escape(s)}</li>" for s in params["scope"].split())
        page = (
            "<!doctype html><html><head><title>Sign in - Google Accounts (sandbox)</title></head>"
            "<body><h1>Stakazo wants to access your Google Account</h1>"
            f"<p>It asks for:</p><ul>{scopes}</ul>"
            f'<form method="post" action="{html.escape(str(request.url.path))}">{hidden}'
            f'<label>Account <input name="username" value="{username}"></label> '
            '<button name="decision" value="allow">Allow</button> '
            '<button name="decision" value="deny">Deny</button></form></body></html>'
        )
        return HTMLResponse(page)

    @router.post("/accounts/o/oauth2/v2/auth", include_in_schema=False)
    async def consent_decision(request: Request) -> Response:
        rule, injected = await context.inject(PLATFORM, "authorize", injected_oauth_error)
        if injected is not None:
            return injected
        form = await read_form(request)
        problem = check_consent(form)
        if problem is not None:
            return problem
        answer: dict[str, str] = {}
        if form.get("decision") != "allow":
            answer["error"] = "access_denied"
        else:
            username = form.get("username", "").strip()
            if not username:
                return _error_page(400, "invalid_request", "Choose an account.")
            account = world.account(username)
            code = "4/sandbox-" + secrets.token_urlsafe(24)
            world.codes[code] = Code(
                channel_id=account.channel_id,
                client_id=form["client_id"],
                redirect_uri=form["redirect_uri"],
                scopes=frozenset(form["scope"].split()),
                challenge=form.get("code_challenge") or None,
                method=form.get("code_challenge_method") or "plain",
                expires_at=world.now() + world.config.code_ttl_seconds,
            )
            answer |= {"code": code, "scope": form["scope"]}
            log.info("sandbox.youtube.consent", channel_id=account.channel_id)
        if "state" in form:
            answer["state"] = form["state"]
        lost(rule)
        return RedirectResponse(f"{form['redirect_uri']}?{urlencode(answer)}", status_code=302)

    def client_problem(request: Request, form: dict[str, str]) -> Response | None:
        client_id, secret = form.get("client_id"), form.get("client_secret")
        basic = request.headers.get("Authorization", "")
        if basic.lower().startswith("basic "):
            decoded = base64.b64decode(basic[6:]).decode(errors="replace")
            client_id, _, secret = decoded.partition(":")
        expected = settings.google_client_secret.get_secret_value()
        if client_id != settings.google_client_id or not hmac.compare_digest(
            (secret or "").encode(), expected.encode()
        ):
            return oauth_error(401, "invalid_client", "Unauthorized")
        return None

    def token_body(grant_id: str, *, refresh_token: str | None) -> dict[str, Any]:
        grant = world.grants[grant_id]
        body: dict[str, Any] = {
            "access_token": world.issue_access(grant_id),
            "expires_in": world.config.access_token_seconds - 1,
            "scope": " ".join(sorted(grant.scopes)),
            "token_type": "Bearer",
        }
        if refresh_token is not None:
            body["refresh_token"] = refresh_token
        if grant.refresh_expires_at is not None:
            body["refresh_token_expires_in"] = int(grant.refresh_expires_at - world.now())
        return body

    def exchange(form: dict[str, str]) -> Response | dict[str, Any]:
        code = world.codes.get(form.get("code", ""))
        if code is None or code.used or world.now() >= code.expires_at:
            return oauth_error(400, "invalid_grant", "Malformed auth code.")
        if code.client_id != form.get("client_id", settings.google_client_id):
            return oauth_error(400, "invalid_grant", "Malformed auth code.")
        if form.get("redirect_uri") != code.redirect_uri:
            return oauth_error(400, "redirect_uri_mismatch", "Bad Request")
        if code.challenge is not None:
            verifier = form.get("code_verifier")
            if not verifier:
                return oauth_error(400, "invalid_grant", "Missing code verifier.")
            if not pkce_matches(verifier, code.challenge, code.method):
                return oauth_error(400, "invalid_grant", "Invalid code verifier.")
        code.used = True
        grant_id, grant = world.new_grant(code.channel_id, code.scopes)
        return token_body(grant_id, refresh_token=grant.refresh_token)

    def refresh(form: dict[str, str]) -> Response | dict[str, Any]:
        grant_id = world.refresh_tokens.get(form.get("refresh_token", ""))
        grant = world.grants.get(grant_id) if grant_id else None
        expired = (
            grant is not None
            and grant.refresh_expires_at is not None
            and world.now() >= grant.refresh_expires_at
        )
        if grant_id is None or grant is None or grant.revoked or expired:
            return oauth_error(400, "invalid_grant", "Token has been expired or revoked.")
        new_refresh: str | None = None
        if world.config.rotate_refresh_tokens:
            del world.refresh_tokens[grant.refresh_token]
            new_refresh = "1//sandbox-" + secrets.token_urlsafe(32)
            grant.refresh_token = new_refresh
            world.refresh_tokens[new_refresh] = grant_id
        return token_body(grant_id, refresh_token=new_refresh)

    @router.post("/oauth2/token", include_in_schema=False)
    async def token(request: Request) -> Response:
        rule, injected = await context.inject(PLATFORM, "token", injected_oauth_error)
        if injected is not None:
            return injected
        form = await read_form(request)
        problem = client_problem(request, form)
        if problem is not None:
            return problem
        grant_type = form.get("grant_type")
        if grant_type == "authorization_code":
            result = exchange(form)
        elif grant_type == "refresh_token":
            result = refresh(form)
        else:
            result = oauth_error(400, "unsupported_grant_type", f"Invalid grant_type: {grant_type}")
        lost(rule)
        if isinstance(result, Response):
            return result
        return JSONResponse(result, headers={"Cache-Control": "no-store"})

    @router.post("/oauth2/revoke", include_in_schema=False)
    async def revoke(request: Request) -> Response:
        rule, injected = await context.inject(PLATFORM, "revoke", injected_oauth_error)
        if injected is not None:
            return injected
        form = await read_form(request)
        token_value = form.get("token") or request.query_params.get("token", "")
        grant_id = world.refresh_tokens.get(token_value)
        if grant_id is None and token_value in world.access_tokens:
            grant_id = world.access_tokens[token_value][0]
        grant = world.grants.get(grant_id) if grant_id else None
        if grant is None or grant.revoked:
            return oauth_error(400, "invalid_token", "Token expired or revoked")
        grant.revoked = True
        lost(rule)
        return JSONResponse({})

    return router
