"""Instagram Login in the emulator: accounts (a username always maps to the same id), single-use
authorization codes, short-lived and 60-day tokens, refresh, and users removing the app.

Tokens of Facebook Login for Business (``EAA...``, for graph.facebook.com) are issued by a control
route only: their consent flow is Facebook's, which the sandbox does not emulate. Each token
works on its own login's host alone, as Meta's do."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sandbox.instagram.config import SandboxConfig
from sandbox.instagram.errors import (
    GraphFault,
    OAuthFault,
    invalid_token,
    no_such_object,
)

SCOPES = frozenset(
    {
        "instagram_business_basic",
        "instagram_business_content_publish",
        "instagram_business_manage_insights",
        "instagram_business_manage_comments",
        "instagram_business_manage_messages",
    }
)
BASIC = "instagram_business_basic"
PUBLISH = "instagram_business_content_publish"
INSIGHTS = "instagram_business_manage_insights"
# Facebook Login for Business names the same permissions differently.
FACEBOOK_SCOPES = frozenset(
    {"instagram_basic", "instagram_content_publish", "instagram_manage_insights",
     "pages_show_list", "pages_read_engagement", "business_management"}
)  # fmt: skip
FACEBOOK_EQUIVALENT = {
    BASIC: "instagram_basic",
    PUBLISH: "instagram_content_publish",
    INSIGHTS: "instagram_manage_insights",
}

USERNAME = re.compile(r"^[A-Za-z0-9._]{1,30}$")


@dataclass
class Account:
    id: str
    username: str
    name: str


@dataclass
class Token:
    value: str
    account_id: str
    long_lived: bool
    scopes: frozenset[str]
    issued_at: float
    expires_at: float
    revoked: bool = False
    login: str = "instagram"  # or "facebook": Facebook Login for Business


@dataclass
class Code:
    value: str
    account_id: str
    scopes: frozenset[str]
    redirect_uri: str
    issued_at: float
    used: bool = False


def _digits(text: str, count: int) -> str:
    return str(int(hashlib.sha256(text.encode()).hexdigest(), 16) % 10**count).zfill(count)


class AccountBook:
    def __init__(self, app_id: str, app_secret: str, redirect_uri: str) -> None:
        self.app_id = app_id
        self.app_secret = app_secret
        self.redirect_uri = redirect_uri
        self.config = SandboxConfig()
        self.accounts: dict[str, Account] = {}
        self.codes: dict[str, Code] = {}
        self.tokens: dict[str, Token] = {}

    def account_for(self, username: str) -> Account:
        """The same username always maps to the same id, across sandbox restarts too."""
        account_id = "1784" + _digits(username.lower(), 13)
        if account_id not in self.accounts:
            name = username.replace("_", " ").replace(".", " ").strip().title() or username
            self.accounts[account_id] = Account(account_id, username, name)
        return self.accounts[account_id]

    def issue_code(self, account: Account, scopes: frozenset[str], now: float) -> str:
        value = "AQ" + secrets.token_urlsafe(32)
        self.codes[value] = Code(value, account.id, scopes, self.redirect_uri, now)
        return value

    def _issue_token(
        self, account_id: str, scopes: frozenset[str], long: bool, now: float
    ) -> Token:
        lifetime = self.config.long_token_seconds if long else self.config.short_token_seconds
        token = Token(
            value="IGAA" + secrets.token_urlsafe(40),
            account_id=account_id,
            long_lived=long,
            scopes=scopes,
            issued_at=now,
            expires_at=now + lifetime,
        )
        self.tokens[token.value] = token
        return token

    def issue_facebook_token(self, account: Account, now: float) -> Token:
        """What Facebook Login for Business ends with: a long-lived user token (about 60 days)
        carrying the Facebook names of the permissions."""
        token = Token(
            value="EAA" + secrets.token_urlsafe(40),
            account_id=account.id,
            long_lived=True,
            scopes=FACEBOOK_SCOPES,
            issued_at=now,
            expires_at=now + self.config.long_token_seconds,
            login="facebook",
        )
        self.tokens[token.value] = token
        return token

    def redeem_code(self, form: dict[str, str], now: float) -> Token:
        if form.get("client_id") != self.app_id:
            raise OAuthFault("Invalid platform app")
        if form.get("client_secret") != self.app_secret:
            raise OAuthFault("Error validating client secret.")
        if form.get("grant_type") != "authorization_code":
            raise OAuthFault("Unsupported grant_type: expected authorization_code")
        if form.get("redirect_uri") != self.redirect_uri:
            raise OAuthFault(
                "Error validating verification code. Please make sure your "
                "redirect_uri is identical to the one you used in the OAuth dialog "
                "request"
            )
        code = self.codes.get(form.get("code", ""))
        if code is None or code.used:
            raise OAuthFault("This authorization code has been used")
        if now > code.issued_at + self.config.code_ttl_seconds:
            raise OAuthFault("This authorization code has expired")
        code.used = True
        return self._issue_token(code.account_id, code.scopes, False, now)

    def authenticate(
        self, value: str | None, now: float, scope: str | None = None, login: str = "instagram"
    ) -> Token:
        """``login``: the host's (graph.instagram.com takes Instagram Login tokens only,
        graph.facebook.com Facebook Login tokens only)."""
        if not value:
            raise GraphFault(104, "An access token is required to request this resource.")
        token = self.tokens.get(value)
        if token is None or token.login != login:
            raise invalid_token()
        if token.revoked:
            raise GraphFault(
                190,
                "Error validating access token: The user has not authorized application "
                f"{self.app_id}.",
                458,
            )
        if now >= token.expires_at:
            moment = datetime.fromtimestamp(token.expires_at, UTC).strftime("%A, %d-%b-%y %H:%M")
            raise GraphFault(
                190, f"Error validating access token: Session has expired on {moment} UTC.", 463
            )
        wanted = FACEBOOK_EQUIVALENT.get(scope) if login == "facebook" and scope else scope
        if wanted is not None and wanted not in token.scopes:
            raise GraphFault(10, "(#10) Application does not have permission for this action")
        return token

    def exchange(self, params: dict[str, str], token_value: str | None, now: float) -> Token:
        if params.get("grant_type") != "ig_exchange_token":
            raise GraphFault(100, "Unsupported grant_type: expected ig_exchange_token")
        if params.get("client_secret") != self.app_secret:
            raise GraphFault(100, "Error validating client secret.")
        token = self.authenticate(token_value, now)
        if token.long_lived:
            raise GraphFault(100, "The access token is already a long-lived token")
        return self._issue_token(token.account_id, token.scopes, True, now)

    def refresh(self, params: dict[str, str], token_value: str | None, now: float) -> Token:
        if params.get("grant_type") != "ig_refresh_token":
            raise GraphFault(100, "Unsupported grant_type: expected ig_refresh_token")
        token = self.authenticate(token_value, now)
        if not token.long_lived:
            raise GraphFault(100, "Only long-lived access tokens can be refreshed")
        if now - token.issued_at < self.config.refresh_min_age_seconds:
            raise GraphFault(100, "The access token must be at least 24 hours old to be refreshed")
        if self.config.refresh_invalidates_previous:
            token.revoked = True
        return self._issue_token(token.account_id, token.scopes, True, now)

    def revoke_account(self, account_id: str) -> int:
        """The user removed the app: every token of the account stops working."""
        revoked = 0
        for token in self.tokens.values():
            if token.account_id == account_id and not token.revoked:
                token.revoked = True
                revoked += 1
        return revoked

    def owner(self, token: Token, node: str, verb: str) -> Account:
        if node not in ("me", token.account_id):
            raise no_such_object(node, verb)
        return self.accounts[token.account_id]
