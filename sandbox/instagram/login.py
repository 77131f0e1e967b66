"""Instagram Login in the emulator: the consent window (www.instagram.com), code -> short-lived
token (api.instagram.com), and the token endpoints of graph.instagram.com."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.responses import Response

from sandbox.context import read_form
from sandbox.faults import lost
from sandbox.instagram.accounts import BASIC, SCOPES, USERNAME, Token
from sandbox.instagram.errors import OAuthFault
from sandbox.instagram.http import (
    Shared,
    bearer,
    oauth_error,
    page,
    page_error,
)


def add_consent_routes(router: APIRouter, shared: Shared) -> None:
    state = shared.state

    def check(params: dict[str, str]) -> frozenset[str]:
        if params.get("client_id") != state.app_id:
            raise OAuthFault("Invalid platform app")
        if params.get("redirect_uri") != state.redirect_uri:
            raise OAuthFault("Invalid redirect_uri: it must equal the registered one")
        if params.get("response_type") != "code":
            raise OAuthFault("response_type must be code")
        scopes = frozenset(s for s in re.split(r"[,\s]+", params.get("scope", "")) if s)
        unknown = sorted(scopes - SCOPES)
        if unknown:
            raise OAuthFault(f"Invalid scope: {', '.join(unknown)}")
        if BASIC not in scopes:
            raise OAuthFault(f"The scope must include {BASIC}")
        return scopes

    @router.get("/www/oauth/authorize", name="instagram_authorize")
    async def authorize_page(request: Request) -> Response:
        _, injected = await shared.inject("authorize", page_error)
        if injected is not None:
            return injected
        params = dict(request.query_params)
        try:
            scopes = check(params)
        except OAuthFault as fault:
            return page_error(400, fault.message, None)
        hidden = "".join(
            f"<input type='hidden' name='{key}' value='{html.escape(params.get(key, ''))}'>"
            for key in ("client_id", "redirect_uri", "response_type", "scope", "state")
        )
        body = (
            f"<p>Stakazo would like to access your account: "
            f"{html.escape(', '.join(sorted(scopes)))}.</p>"
            f"<form method='post' action='{request.url_for('instagram_authorize')}'>"
            f"{hidden}<label>Username <input name='username' value='sandbox_creator'>"
            "</label> <button name='decision' value='allow'>Allow</button> "
            "<button name='decision' value='deny'>Deny</button></form>"
        )
        return HTMLResponse(page("Log in with Instagram", body))

    @router.post("/www/oauth/authorize")
    async def authorize_decision(request: Request) -> Response:
        rule, injected = await shared.inject("authorize", page_error)
        if injected is not None:
            return injected
        form = await read_form(request)
        try:
            scopes = check(form)
        except OAuthFault as fault:
            return page_error(400, fault.message, None)
        back: dict[str, str] = {}
        if form.get("decision") == "allow":
            username = form.get("username", "").strip().lstrip("@")
            if not USERNAME.match(username):
                return page_error(400, f"Not an Instagram username: {username!r}", None)
            account = state.account_for(username)
            back["code"] = state.issue_code(account, scopes, shared.context.now())
        else:
            back.update(
                error="access_denied",
                error_reason="user_denied",
                error_description="The user denied your request.",
            )
        if form.get("state"):
            back["state"] = form["state"]
        lost(rule)
        # Instagram appends "#_" to the redirect.
        return RedirectResponse(f"{state.redirect_uri}?{urlencode(back)}#_", 302)

    @router.get("/www/reel/{shortcode}/", name="instagram_reel_page")
    async def reel_page(shortcode: str) -> Response:
        _, injected = await shared.inject("reel_page", page_error)
        if injected is not None:
            return injected
        for media in state.media.values():
            if media.shortcode == shortcode:
                owner = state.accounts[media.account_id].username
                body = f"<p>@{html.escape(owner)}</p><p>{html.escape(media.caption)}</p>"
                return HTMLResponse(page("Reel", body))
        return page_error(404, "Sorry, this page isn't available.", None)


def add_token_routes(router: APIRouter, shared: Shared) -> None:
    state, context = shared.state, shared.context

    @router.post("/api/oauth/access_token")
    async def access_token(request: Request) -> Response:
        rule, injected = await shared.inject("access_token", oauth_error)
        if injected is not None:
            return injected
        form = await read_form(request)
        try:
            token = state.redeem_code(form, context.now())
        except OAuthFault as fault:
            return JSONResponse(fault.body(), fault.status)
        lost(rule)
        entry = {
            "access_token": token.value,
            "user_id": token.account_id,
            "permissions": ",".join(sorted(token.scopes)),
        }
        return JSONResponse({"data": [entry]})

    def token_answer(token: Token) -> dict[str, Any]:
        expires_in = int(token.expires_at - context.now())
        return {"access_token": token.value, "token_type": "bearer", "expires_in": expires_in}

    @router.get("/graph/access_token")
    async def exchange_token(request: Request) -> Response:
        rule, injected = await shared.inject("exchange_token")
        if injected is not None:
            return injected
        params = dict(request.query_params)
        token = state.exchange(params, bearer(request, params), context.now())
        lost(rule)
        return JSONResponse(token_answer(token))

    @router.get("/graph/refresh_access_token")
    async def refresh_token(request: Request) -> Response:
        rule, injected = await shared.inject("refresh_access_token")
        if injected is not None:
            return injected
        params = dict(request.query_params)
        token = state.refresh(params, bearer(request, params), context.now())
        lost(rule)
        return JSONResponse(token_answer(token))
