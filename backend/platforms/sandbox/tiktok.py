"""TikTok emulated: Login Kit v2 (OAuth + PKCE) and the Content Posting API, mounted at /tiktok.

Paths mirror the real hosts under a prefix per host:
  /tiktok/www/v2/auth/authorize/                 consent page (GET) and decision (POST)
  /tiktok/open/v2/oauth/token/ | revoke/         OAuth (form-encoded; {error, error_description})
  /tiktok/open/v2/user/info/                     GET ?fields=
  /tiktok/open/v2/post/publish/creator_info/query/, video/init/, inbox/video/init/,
  /tiktok/open/v2/post/publish/status/fetch/, /tiktok/open/v2/video/query/
  /tiktok/upload/video/?upload_id=&upload_token= chunk PUTs (the upload host)
Control (not in the schema): GET/PUT /tiktok/_sandbox/config, POST /tiktok/_sandbox/revoke
{"remote_account_id", "reason"?}, GET /tiktok/_sandbox/uploads/{publish_id} (bytes received and
their sha256).

Fault operations (``context.inject("tiktok", <operation>, ...)``): authorize, token, revoke,
user_info, creator_info, init, inbox_init, upload_chunk, process, status, video_query.
``upload_chunk`` applies ``drop`` itself: it reads half the chunk, then closes the connection;
TikTok counts whole chunks only, so the partial chunk is discarded and ``uploaded_bytes`` stays on a
chunk boundary. ``process`` is consulted when the last chunk arrives: ``slow_processing`` makes
processing take ``delay_seconds``; ``error`` makes the publish end FAILED with ``internal``.
``lost_response`` does the work, then closes the connection, on every operation.

Behaviour: refresh tokens rotate; the access/refresh lifetimes, caps (rolling window on the
sandbox clock), per-minute rate limits per token, chunk bounds, webhook target and every [?]
fact are knobs of the config. Processing probes the file with ffmpeg and fails it the way TikTok
does (file_format / frame_rate / picture_size / duration_check_failed); moderation is instant,
so PUBLISH_COMPLETE carries ``publicaly_available_post_id``. PULL_FROM_URL always answers
``url_ownership_unverified``: no domain is verified in the sandbox.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import structlog
from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from backend.platforms.sandbox.context import SandboxContext, with_retry_after
from backend.platforms.sandbox.faults import DropConnection, FaultRule
from backend.platforms.sandbox.tiktok_state import (
    KNOWN_SCOPES,
    MAX_TITLE_UTF16,
    UPLOAD_CONTENT_TYPES,
    Account,
    AuthCode,
    Post,
    Publish,
    RateLimiter,
    TikTokSandboxConfig,
    Token,
    background,
    check_source,
    check_video,
    metrics_for,
    new_log_id,
    open_id_for,
    parse_content_range,
    pkce_matches,
    union_id_for,
    utf16_length,
)
from backend.platforms.signatures import tiktok_sign

log = structlog.get_logger(__name__)

USERNAME = re.compile(r"^[A-Za-z0-9_.]{2,24}$")
USER_FIELDS = frozenset(
    {"open_id", "union_id", "avatar_url", "display_name", "username", "bio_description"}
)
VIDEO_FIELDS = frozenset(
    {"id", "create_time", "title", "view_count", "like_count", "comment_count", "share_count"}
)


def api_error(status: int, code: str, message: str, retry_after: int | None = None) -> Response:
    body = {"data": {}, "error": {"code": code, "message": message, "log_id": new_log_id()}}
    return JSONResponse(body, status_code=status, headers=with_retry_after({}, retry_after))


def oauth_error(status: int, error: str, description: str) -> Response:
    body = {"error": error, "error_description": description, "log_id": new_log_id()}
    return JSONResponse(body, status_code=status)


def api_ok(data: dict[str, Any], status: int = 200) -> Response:
    body = {"data": data, "error": {"code": "ok", "message": "", "log_id": new_log_id()}}
    return JSONResponse(body, status_code=status)


def _injected_api_error(status: int, message: str, retry_after: int | None) -> Response:
    code = {401: "access_token_invalid", 429: "rate_limit_exceeded"}.get(status)
    code = code or ("internal_error" if status >= 500 else "invalid_params")
    return api_error(status, code, message, retry_after)


def _injected_oauth_error(status: int, message: str, retry_after: int | None) -> Response:
    code = "rate_limit_exceeded" if status == 429 else "server_error"
    response = oauth_error(status, code if status >= 429 else "invalid_request", message)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


class Emulator:
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
        self.router = APIRouter()
        self._routes()

    def stats(self) -> dict[str, Any]:
        return {
            "posts": [
                {"remote_post_id": p.post_id, "account_id": p.open_id, "caption": p.caption}
                for p in self.posts
            ],
            "accounts": len(self.accounts),
            "publishes": len(self.publishes),
            "failed": sum(1 for p in self.publishes.values() if p.status == "FAILED"),
        }

    # --- plumbing ---------------------------------------------------------------------------

    def _routes(self) -> None:
        r = self.router
        r.add_api_route("/www/v2/auth/authorize/", self.consent_page, methods=["GET"])
        r.add_api_route("/www/v2/auth/authorize/", self.consent_decision, methods=["POST"])
        r.add_api_route("/open/v2/oauth/token/", self.token, methods=["POST"])
        r.add_api_route("/open/v2/oauth/revoke/", self.revoke, methods=["POST"])
        r.add_api_route("/open/v2/user/info/", self.user_info, methods=["GET"])
        base = "/open/v2/post/publish"
        r.add_api_route(f"{base}/creator_info/query/", self.creator_info, methods=["POST"])
        r.add_api_route(f"{base}/video/init/", self.direct_init, methods=["POST"])
        r.add_api_route(f"{base}/inbox/video/init/", self.inbox_init, methods=["POST"])
        r.add_api_route(f"{base}/status/fetch/", self.status_fetch, methods=["POST"])
        r.add_api_route("/open/v2/video/query/", self.video_query, methods=["POST"])
        r.add_api_route("/upload/video/", self.upload_chunk, methods=["PUT"], name="tiktok_upload")
        r.add_api_route(
            "/_sandbox/config", self.get_config, methods=["GET"], include_in_schema=False
        )
        r.add_api_route(
            "/_sandbox/config", self.put_config, methods=["PUT"], include_in_schema=False
        )
        r.add_api_route(
            "/_sandbox/revoke", self.control_revoke, methods=["POST"], include_in_schema=False
        )
        r.add_api_route(
            "/_sandbox/uploads/{publish_id}",
            self.control_upload,
            methods=["GET"],
            include_in_schema=False,
        )

    def _next(self) -> int:
        self._serial += 1
        return self._serial

    @property
    def _redirect_uri(self) -> str:
        return f"{self.settings.public_base_url.rstrip('/')}/accounts/oauth/tiktok/callback"

    def _authorize(
        self, request: Request, scopes: tuple[str, ...]
    ) -> tuple[Token | None, Response | None]:
        header = request.headers.get("authorization", "")
        value = header[7:].strip() if header.lower().startswith("bearer ") else ""
        token = self.access_tokens.get(value)
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
    ) -> tuple[FaultRule | None, Token | None, Response | None]:
        rule, response = await self.context.inject("tiktok", operation, _injected_api_error)
        if response is not None:
            return rule, None, response
        token, response = self._authorize(request, scopes)
        if token is None:
            return rule, None, response
        return rule, token, self._rate_limited(token, operation)

    @staticmethod
    def _finish(rule: FaultRule | None, response: Response) -> Response:
        if rule is not None and rule.fault == "lost_response":
            raise DropConnection()
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

    # --- OAuth --------------------------------------------------------------------------------

    def _check_authorize(self, params: dict[str, str]) -> str | None:
        if params.get("client_key") != self.settings.tiktok_client_key:
            return "client_key is unknown"
        if params.get("redirect_uri") != self._redirect_uri:
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
        _, response = await self.context.inject("tiktok", "authorize", _injected_oauth_error)
        if response is not None:
            return response
        params = dict(request.query_params)
        problem = self._check_authorize(params)
        if problem:
            return HTMLResponse(_error_page(problem), status_code=400)
        return HTMLResponse(_consent_page(params, "sandbox_creator"))

    async def consent_decision(self, request: Request) -> Response:
        rule, response = await self.context.inject("tiktok", "authorize", _injected_oauth_error)
        if response is not None:
            return response
        form = await _form(request)
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
        rule, response = await self.context.inject("tiktok", "token", _injected_oauth_error)
        if response is not None:
            return response
        if not request.headers.get("content-type", "").startswith(
            "application/x-www-form-urlencoded"
        ):
            return oauth_error(400, "invalid_request", "The body must be form-encoded.")
        form = await _form(request)
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
        rule, response = await self.context.inject("tiktok", "revoke", _injected_oauth_error)
        if response is not None:
            return response
        form = await _form(request)
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

    async def user_info(self, request: Request) -> Response:
        rule, token, response = await self._api_call(request, "user_info", ("user.info.basic",))
        if response is not None or token is None:
            return response or api_error(500, "internal_error", "no token")
        fields = [f for f in request.query_params.get("fields", "").split(",") if f]
        if not fields or not set(fields) <= USER_FIELDS:
            return api_error(400, "invalid_params", f"fields must be among {sorted(USER_FIELDS)}")
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

    # --- publishing ---------------------------------------------------------------------------

    async def creator_info(self, request: Request) -> Response:
        rule, token, response = await self._api_call(request, "creator_info", ("video.publish",))
        if response is not None or token is None:
            return response or api_error(500, "internal_error", "no token")
        account = self.accounts[token.open_id]
        options = self.config.privacy_level_options
        if not self.config.client_audited:
            options = ["SELF_ONLY"]
        data = {
            "creator_avatar_url": f"https://p16-sign.tiktokcdn.com/sandbox/{account.open_id}.jpeg",
            "creator_username": account.username,
            "creator_nickname": account.username.replace("_", " ").title(),
            "privacy_level_options": options,
            "comment_disabled": False,
            "duet_disabled": False,
            "stitch_disabled": False,
            "max_video_post_duration_sec": self.config.max_video_post_duration_sec,
        }
        return self._finish(rule, api_ok(data))

    async def direct_init(self, request: Request) -> Response:
        rule, token, response = await self._api_call(request, "init", ("video.publish",))
        if response is not None or token is None:
            return response or api_error(500, "internal_error", "no token")
        body = await self._json_body(request)
        if body is None:
            return api_error(400, "invalid_params", "The body must be a JSON object.")
        post_info = body.get("post_info")
        if not isinstance(post_info, dict):
            return api_error(400, "invalid_params", "post_info is required.")
        title = post_info.get("title", "")
        if not isinstance(title, str) or utf16_length(title) > MAX_TITLE_UTF16:
            return api_error(400, "invalid_params", "title must be at most 2200 characters.")
        privacy = post_info.get("privacy_level")
        if not self.config.client_audited and privacy != "SELF_ONLY":
            return api_error(
                403,
                "unaudited_client_can_only_post_to_private_accounts",
                "Unaudited clients can only post with SELF_ONLY to private accounts.",
            )
        if privacy not in self.config.privacy_level_options:
            return api_error(
                400, "privacy_level_option_mismatch", "privacy_level is not offered to the user."
            )
        problem = self._source_problem(body.get("source_info"))
        if problem is not None:
            return problem
        now = self.context.now()
        recent = [
            p
            for p in self.publishes.values()
            if p.open_id == token.open_id
            and p.mode == "direct"
            and p.created_at > now - self.config.cap_window_seconds
            and p.counts_toward_cap(now)
        ]
        if len(recent) >= self.config.daily_post_cap:
            return api_error(
                403,
                "spam_risk_too_many_posts",
                "The user has reached the daily limit of posts via the API.",
            )
        publish = self._open(request, token, "direct", body["source_info"], title, str(privacy))
        return self._finish(rule, api_ok(self._init_data(request, publish)))

    async def inbox_init(self, request: Request) -> Response:
        rule, token, response = await self._api_call(request, "inbox_init", ("video.upload",))
        if response is not None or token is None:
            return response or api_error(500, "internal_error", "no token")
        body = await self._json_body(request)
        if body is None:
            return api_error(400, "invalid_params", "The body must be a JSON object.")
        problem = self._source_problem(body.get("source_info"))
        if problem is not None:
            return problem
        now = self.context.now()
        pending = [
            p
            for p in self.publishes.values()
            if p.open_id == token.open_id
            and p.mode == "inbox"
            and p.created_at > now - self.config.cap_window_seconds
            and p.counts_toward_cap(now)
        ]
        if len(pending) >= self.config.pending_share_cap:
            return api_error(
                403,
                "spam_risk_too_many_pending_share",
                "The user has too many pending shares in their inbox.",
            )
        publish = self._open(request, token, "inbox", body["source_info"], "", None)
        return self._finish(rule, api_ok(self._init_data(request, publish)))

    def _source_problem(self, source: Any) -> Response | None:
        if isinstance(source, dict) and source.get("source") == "PULL_FROM_URL":
            return api_error(
                403,
                "url_ownership_unverified",
                "The domain or URL prefix of video_url is not verified for this client.",
            )
        problem = check_source(source, self.config)
        return api_error(400, "invalid_params", problem) if problem else None

    def _open(
        self,
        request: Request,
        token: Token,
        mode: Any,
        source: dict[str, Any],
        title: str,
        privacy: str | None,
    ) -> Publish:
        now = self.context.now()
        serial = 7300000000000000000 + self._next()
        kind = "pub_file" if mode == "direct" else "inbox_file"
        publish = Publish(
            publish_id=f"v_{kind}~v2-1.{serial}",
            open_id=token.open_id,
            mode=mode,
            video_size=int(source["video_size"]),
            chunk_size=int(source["chunk_size"]),
            total_chunk_count=int(source["total_chunk_count"]),
            upload_id=str(serial),
            upload_token=secrets.token_urlsafe(24),
            created_at=now,
            upload_expires_at=now + self.config.upload_url_seconds,
            title=title,
            privacy_level=privacy,
        )
        self.publishes[publish.publish_id] = publish
        self.uploads[publish.upload_id] = publish
        log.info("sandbox.tiktok.init", publish_id=publish.publish_id, mode=mode)
        return publish

    def _init_data(self, request: Request, publish: Publish) -> dict[str, str]:
        query = urlencode({"upload_id": publish.upload_id, "upload_token": publish.upload_token})
        return {
            "publish_id": publish.publish_id,
            "upload_url": f"{request.url_for('tiktok_upload')}?{query}",
        }

    async def upload_chunk(self, request: Request) -> Response:
        rule, response = await self.context.inject("tiktok", "upload_chunk", _injected_api_error)
        if response is not None:
            return response
        publish = self.uploads.get(request.query_params.get("upload_id", ""))
        if publish is None or not secrets.compare_digest(
            publish.upload_token, request.query_params.get("upload_token", "")
        ):
            return api_error(404, "invalid_params", "Unknown upload_id or upload_token.")
        if self.context.now() > publish.upload_expires_at:
            return api_error(403, "upload_url_expired", "The upload_url has expired.")
        content_type = request.headers.get("content-type", "").split(";")[0].strip()
        if content_type not in UPLOAD_CONTENT_TYPES:
            return api_error(
                400,
                "invalid_file_upload",
                "Content-Type must be video/mp4, video/quicktime or video/webm.",
            )
        parsed = parse_content_range(request.headers.get("content-range"))
        if parsed is None or parsed[2] != publish.video_size:
            return api_error(
                400, "invalid_params", "Content-Range must be bytes {first}-{last}/{video_size}."
            )
        first, last, _ = parsed
        if publish.status != "PROCESSING_UPLOAD" or first != publish.received:
            return _range_not_satisfiable(publish)
        index = publish.chunks_received
        if (first, last) != publish.expected_chunk(index):
            return api_error(
                400,
                "invalid_file_upload",
                f"Chunk {index + 1} must be bytes {publish.expected_chunk(index)[0]}-"
                f"{publish.expected_chunk(index)[1]}.",
            )
        expected = last - first + 1
        if request.headers.get("content-length") != str(expected):
            return api_error(400, "invalid_file_upload", "Content-Length must match the range.")
        received = bytearray()
        async for piece in request.stream():
            received += piece
            if rule is not None and rule.fault == "drop" and len(received) >= expected // 2:
                log.info("sandbox.tiktok.upload_dropped", publish_id=publish.publish_id)
                raise DropConnection()
            if len(received) > expected:
                break
        if len(received) != expected:
            return api_error(400, "invalid_file_upload", "The body does not match the range.")
        publish.data += received
        publish.hasher.update(received)
        publish.received += expected
        publish.chunks_received += 1
        publish.content_type = content_type
        if publish.chunks_received < publish.total_chunk_count:
            return self._finish(rule, Response(status_code=206))
        await self._start_processing(publish)
        return self._finish(rule, Response(status_code=201))

    async def _start_processing(self, publish: Publish) -> None:
        rule, response = await self.context.inject("tiktok", "process", _injected_api_error)
        delay = self.context.processing_seconds
        if rule is not None and rule.fault == "slow_processing":
            delay = rule.delay_seconds
        if response is not None:
            publish.forced_fail_reason = "internal"
        publish.status = "PROCESSING_DOWNLOAD"
        publish.ready_at = self.context.now() + delay
        background(self._tasks, self._settle_later(publish, delay))

    async def _settle_later(self, publish: Publish, delay: float) -> None:
        await asyncio.sleep(delay)
        await self._settle(publish)

    async def _settle(self, publish: Publish) -> None:
        """Processing ends (once): the video is checked, then posted or delivered to the inbox."""
        if publish.status != "PROCESSING_DOWNLOAD" or publish.settling:
            return
        if publish.ready_at is None or self.context.now() < publish.ready_at:
            return
        publish.settling = True
        try:
            reason = publish.forced_fail_reason or await self._check_video(publish)
        finally:
            publish.settling = False
        if publish.status != "PROCESSING_DOWNLOAD":  # revoked meanwhile
            return
        publish.data = bytearray()
        if reason is not None:
            self._fail(publish, reason)
            return
        publish_type = (
            self.config.direct_publish_type if publish.mode == "direct" else "INBOX_SHARE"
        )
        if publish.mode == "inbox":
            publish.status = "SEND_TO_USER_INBOX"
            self._webhook(
                "post.publish.inbox_delivered",
                publish.open_id,
                {"publish_id": publish.publish_id, "publish_type": publish_type},
            )
            return
        publish.status = "PUBLISH_COMPLETE"
        publish.post_id = str(7400000000000000000 + self._next() * 7919)
        self.posts.append(
            Post(
                publish.post_id,
                publish.open_id,
                publish.title,
                publish.privacy_level or "",
                self.context.now(),
            )
        )
        log.info("sandbox.tiktok.published", publish_id=publish.publish_id, post=publish.post_id)
        content = {"publish_id": publish.publish_id, "publish_type": publish_type}
        self._webhook("post.publish.complete", publish.open_id, content)
        self._webhook(
            "post.publish.publicly_available",
            publish.open_id,
            {**content, "post_id": publish.post_id},
        )

    async def _check_video(self, publish: Publish) -> str | None:
        if not self.config.validate_media:
            return None
        from workers.media.ffmpeg import FfmpegNotFound, find_ffmpeg

        try:
            ffmpeg = find_ffmpeg(self.settings.ffmpeg_path)
        except FfmpegNotFound:
            log.warning("sandbox.tiktok.no_ffmpeg", publish_id=publish.publish_id)
            return None
        data = bytes(publish.data)
        max_duration = self.config.max_video_post_duration_sec
        return await asyncio.to_thread(_check_bytes, data, max_duration, ffmpeg)

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

    async def status_fetch(self, request: Request) -> Response:
        rule, token, response = await self._api_call(
            request, "status", ("video.publish", "video.upload")
        )
        if response is not None or token is None:
            return response or api_error(500, "internal_error", "no token")
        body = await self._json_body(request)
        publish = self.publishes.get(str((body or {}).get("publish_id", "")))
        if publish is None or publish.open_id != token.open_id:
            return api_error(400, "invalid_params", "publish_id is invalid.")
        await self._settle(publish)
        data: dict[str, Any] = {
            "status": publish.status,
            "uploaded_bytes": publish.received,
            "downloaded_bytes": publish.received if publish.status != "PROCESSING_UPLOAD" else 0,
            "publicaly_available_post_id": [publish.post_id] if publish.post_id else [],
        }
        if publish.fail_reason:
            data["fail_reason"] = publish.fail_reason
        return self._finish(rule, api_ok(data))

    async def video_query(self, request: Request) -> Response:
        rule, token, response = await self._api_call(request, "video_query", ("video.list",))
        if response is not None or token is None:
            return response or api_error(500, "internal_error", "no token")
        fields = [f for f in request.query_params.get("fields", "").split(",") if f]
        if not fields or not set(fields) <= VIDEO_FIELDS:
            return api_error(400, "invalid_params", f"fields must be among {sorted(VIDEO_FIELDS)}")
        body = await self._json_body(request) or {}
        filters = body.get("filters")
        ids = filters.get("video_ids") if isinstance(filters, dict) else None
        if not isinstance(ids, list) or not 1 <= len(ids) <= 20:
            return api_error(400, "invalid_params", "filters.video_ids must hold 1-20 ids.")
        now = self.context.now()
        videos = []
        for post in self.posts:
            if post.post_id in {str(i) for i in ids} and post.open_id == token.open_id:
                values: dict[str, Any] = {
                    "id": post.post_id,
                    "create_time": int(post.published_at),
                    "title": post.caption,
                    **metrics_for(post.post_id, now - post.published_at),
                }
                videos.append({f: values[f] for f in ["id", *fields] if f in values})
        return self._finish(rule, api_ok({"videos": videos, "cursor": 0, "has_more": False}))

    # --- control ------------------------------------------------------------------------------

    async def get_config(self) -> TikTokSandboxConfig:
        return self.config

    async def put_config(self, request: Request) -> Response:
        """Changes the knobs named in the body; the others keep their values."""
        changes = await request.json()
        if not isinstance(changes, dict):
            return JSONResponse({"detail": "a JSON object of knobs"}, status_code=422)
        try:
            config = TikTokSandboxConfig.model_validate({**self.config.model_dump(), **changes})
        except ValidationError as error:
            return JSONResponse({"detail": error.errors(include_url=False)}, status_code=422)
        self.config = config
        return JSONResponse(config.model_dump())

    async def control_revoke(self, request: Request) -> Response:
        body = await request.json()
        open_id = str(body.get("remote_account_id", ""))
        if open_id not in self.accounts:
            return JSONResponse({"detail": "unknown remote_account_id"}, status_code=404)
        self._deauthorize(open_id, reason=int(body.get("reason", 1)))  # 1: the user disconnected
        return JSONResponse({"revoked": open_id})

    async def control_upload(self, publish_id: str) -> Response:
        publish = self.publishes.get(publish_id)
        if publish is None:
            return JSONResponse({"detail": "unknown publish_id"}, status_code=404)
        return JSONResponse(
            {
                "publish_id": publish.publish_id,
                "mode": publish.mode,
                "status": publish.status,
                "video_size": publish.video_size,
                "chunk_size": publish.chunk_size,
                "total_chunk_count": publish.total_chunk_count,
                "uploaded_bytes": publish.received,
                "chunks_received": publish.chunks_received,
                "sha256": publish.hasher.copy().hexdigest(),
                "content_type": publish.content_type,
                "title": publish.title,
                "privacy_level": publish.privacy_level,
                "post_id": publish.post_id,
                "fail_reason": publish.fail_reason,
            }
        )


async def _form(request: Request) -> dict[str, str]:
    """A form-encoded body (parsed here: the sandbox does not need python-multipart)."""
    return dict(parse_qsl((await request.body()).decode("utf-8", "replace")))


def _check_bytes(data: bytes, max_duration: int, ffmpeg: str) -> str | None:
    with tempfile.TemporaryDirectory(prefix="tiktok-sandbox-") as folder:
        path = Path(folder) / "upload.bin"
        path.write_bytes(data)
        return check_video(path, max_duration, ffmpeg)


def _range_not_satisfiable(publish: Publish) -> Response:
    response = api_error(
        416,
        "invalid_params",
        f"Content-Range does not match the upload's progress ({publish.received} bytes in).",
    )
    response.headers["Content-Range"] = f"bytes */{publish.video_size}"
    return response


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
