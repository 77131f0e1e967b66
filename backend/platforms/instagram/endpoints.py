"""Where the Instagram client sends its calls: Meta's hosts, or the sandbox's mirror of them.

Instagram Login spreads over three hosts, and the upload host is a fourth. The sandbox mirrors each
under a prefix of its own, keeping the real paths below it:

    www.instagram.com      -> {sandbox}/instagram/www       (the consent window)
    api.instagram.com      -> {sandbox}/instagram/api       (code -> short-lived token)
    graph.instagram.com    -> {sandbox}/instagram/graph     (tokens, publishing, insights)
    graph.facebook.com     -> {sandbox}/instagram/fbgraph   (the same API for Facebook Login)
    rupload.facebook.com   -> {sandbox}/instagram/rupload   (resumable upload; the container's
                                                             answer carries the full ``uri``)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from backend.config import Settings

# Instagram Login (graph.instagram.com tokens) or Facebook Login for Business (graph.facebook.com).
Login = Literal["instagram", "facebook"]

LIVE_WWW = "https://www.instagram.com"
LIVE_API = "https://api.instagram.com"
LIVE_GRAPH = "https://graph.instagram.com"
LIVE_FACEBOOK_GRAPH = "https://graph.facebook.com"
LIVE_RUPLOAD = "https://rupload.facebook.com"


@dataclass(frozen=True)
class Endpoints:
    www: str
    api: str
    graph: str
    facebook_graph: str
    rupload: str
    version: str
    sandbox: bool

    @property
    def authorize(self) -> str:
        return f"{self.www}/oauth/authorize"

    @property
    def access_token(self) -> str:
        """POST code -> short-lived token (api.instagram.com)."""
        return f"{self.api}/oauth/access_token"

    @property
    def exchange_token(self) -> str:
        """GET short-lived -> 60-day token (unversioned, on graph.instagram.com)."""
        return f"{self.graph}/access_token"

    @property
    def refresh_token(self) -> str:
        return f"{self.graph}/refresh_access_token"

    def node(self, *parts: str) -> str:
        """A versioned Graph path: ``node("123", "media")`` -> ``{graph}/v24.0/123/media``."""
        return "/".join((self.graph, self.version, *parts))

    def for_login(self, login: Login) -> Endpoints:
        """The same API on the host that accepts this login's tokens."""
        return self if login == "instagram" else replace(self, graph=self.facebook_graph)

    def accepts_upload_uri(self, uri: str) -> bool:
        """The upload ``uri`` comes from the platform's answer and receives our token, so in live
        mode it must point at Meta's upload host. The sandbox builds it from the request it was
        sent (it may sit behind a proxy), and its tokens are worthless elsewhere."""
        return self.sandbox or uri.startswith(self.rupload + "/")


# Facebook Login for Business grants these; Instagram Login grants ``instagram_business_*``.
FACEBOOK_LOGIN_SCOPES = frozenset({"instagram_basic", "instagram_content_publish"})


def login_of(scopes: tuple[str, ...]) -> Login:
    """Which login an account was connected with, by the permissions it granted. Stakazo's own
    connect flow is Instagram Login, so an account without scopes is one of those."""
    return "facebook" if FACEBOOK_LOGIN_SCOPES.intersection(scopes) else "instagram"


def endpoints_for(settings: Settings) -> Endpoints:
    if settings.uses_sandbox:
        base = f"{settings.effective_sandbox_url}/instagram"
        return Endpoints(
            www=f"{base}/www",
            api=f"{base}/api",
            graph=f"{base}/graph",
            facebook_graph=f"{base}/fbgraph",
            rupload=f"{base}/rupload",
            version=settings.instagram_api_version,
            sandbox=True,
        )
    return Endpoints(
        www=LIVE_WWW,
        api=LIVE_API,
        graph=LIVE_GRAPH,
        facebook_graph=LIVE_FACEBOOK_GRAPH,
        rupload=LIVE_RUPLOAD,
        version=settings.instagram_api_version,
        sandbox=False,
    )
