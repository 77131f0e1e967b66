"""One ``PlatformCase`` per platform: what the shared scenarios need to know to drive it.

The scenarios themselves (``test_publishing_scenarios.py``, ``test_webhook_scenarios.py``) never
name a platform; a new platform joins them by adding its case here.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path

from backend.config import Settings, get_settings
from backend.platforms import registry
from backend.platforms.base import (
    Credentials,
    MediaFile,
    Platform,
    PostSpec,
    Publisher,
    TokenGrant,
)
from backend.platforms.signatures import websub_sign
from tests.factories import POST_CHOICES
from tests.platforms import instagram_helpers, tiktok_helpers, youtube_helpers
from tests.platforms.conftest import Sandbox
from tests.platforms.consent import pkce_pair
from tests.webhooks import helpers as webhooks

# The query the consent page redirects back with: code (and code_verifier where PKCE is used),
# or error when ``allow`` is False.
Consent = Callable[[Sandbox, str, bool], Awaitable[dict[str, str]]]


@dataclass(frozen=True)
class PlatformCase:
    name: Platform
    consent: Consent
    media: Callable[[], MediaFile]
    # The sandbox's fault operation behind each step the scenarios break ("open": the call that
    # opens the upload, where "begin" makes more than one).
    operations: dict[str, str]
    # The body of a new event about the account ``remote_id`` that changes no publication.
    delivery: Callable[[str], bytes]
    malformed: tuple[bytes, ...]
    # The body saying that (account, upload id, post id) went live, or None where the platform
    # sends no such notice (Instagram: publishing is polled).
    completion: Callable[[str, str, str], bytes] | None
    # The headers that sign ``body`` as the platform does, and the signature's header.
    sign: Callable[[bytes], dict[str, str]]
    signature_header: str
    # Signatures of the platform's own kinds of wrong (besides those every platform refuses).
    odd_signatures: Callable[[bytes], list[dict[str, str]]]
    # Whether the platform checks a subscription with a GET to the webhook URL.
    checks_subscription: bool
    # The platform's reason when processing finds that a file is not a video it can read.
    unreadable: str
    prepare: Callable[[Sandbox], None] = lambda sandbox: None
    # Credentials the publishing scenarios use, when not those of the consent flow: Instagram's
    # uploads are a Facebook Login feature (with Instagram Login it fetches a link itself,
    # tested on its own in test_instagram_logins.py).
    uploading_credentials: Callable[[Sandbox, str], Credentials] | None = None
    # Whether status tells how much of an upload arrived (Instagram's offset query is
    # undocumented, so the client never asks: an unacknowledged upload is sent again whole).
    reports_upload_progress: bool = True

    def __str__(self) -> str:
        return self.name

    def file(self, sandbox: Sandbox, path: Path | None = None) -> MediaFile:
        """The test video (or ``path``) as the engine hands it to this platform's publisher."""
        media = self.media()
        if path is not None:
            media = replace(media, path=path, size_bytes=path.stat().st_size)
        return media

    def post(self, caption: str) -> PostSpec:
        """A post with the choices the platform asks of the user (TikTok, YouTube)."""
        return PostSpec(caption=caption, options=dict(POST_CHOICES.get(self.name, {})))

    def publisher(self, settings: Settings) -> Publisher:
        return registry.plugin(self.name).publisher(settings)

    async def connect(self, sandbox: Sandbox, username: str) -> TokenGrant:
        query = await self.consent(sandbox, username, True)
        oauth = registry.plugin(self.name).oauth(sandbox.settings)
        return await oauth.exchange_code(
            code=query["code"],
            redirect_uri=registry.redirect_uri(sandbox.settings, self.name),
            code_verifier=query.get("code_verifier"),
        )

    async def credentials(self, sandbox: Sandbox, username: str = "creator") -> Credentials:
        if self.uploading_credentials is not None:
            return self.uploading_credentials(sandbox, username)
        grant = await self.connect(sandbox, username)
        oauth = registry.plugin(self.name).oauth(sandbox.settings)
        account = await oauth.fetch_account(grant.access_token)
        return Credentials(access_token=grant.access_token, remote_account_id=account.remote_id)


async def _instagram_consent(sandbox: Sandbox, username: str, allow: bool) -> dict[str, str]:
    return await instagram_helpers.consent(sandbox, username, allow=allow)


async def _tiktok_consent(sandbox: Sandbox, username: str, allow: bool) -> dict[str, str]:
    return await tiktok_helpers.consent(sandbox, username, decision="allow" if allow else "deny")


async def _youtube_consent(sandbox: Sandbox, username: str, allow: bool) -> dict[str, str]:
    verifier, challenge = pkce_pair()
    decision = "allow" if allow else "deny"
    query = await youtube_helpers.consent(
        sandbox, username, decision=decision, code_challenge=challenge
    )
    return {**query, "code_verifier": verifier}


def _instagram_delivery(remote_id: str) -> bytes:
    return webhooks.instagram_body(remote_id, text=secrets.token_hex(4))


def _tiktok_delivery(remote_id: str) -> bytes:
    data = {"n": secrets.token_hex(4)}
    return webhooks.tiktok_body("video.comment.created", data, openid=remote_id)


def _youtube_delivery(remote_id: str) -> bytes:
    return webhooks.youtube_body(secrets.token_hex(5), remote_id)


def _tiktok_completion(remote_id: str, upload_id: str, post_id: str) -> bytes:
    data = {"publish_id": upload_id, "post_id": post_id}
    return webhooks.tiktok_body("post.publish.publicly_available", data, openid=remote_id)


def _youtube_completion(remote_id: str, upload_id: str, post_id: str) -> bytes:
    return webhooks.youtube_body(post_id, remote_id)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&lol3;</title></entry></feed>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&secret;</title></entry></feed>"""


def _instagram_odd_signatures(body: bytes) -> list[dict[str, str]]:
    secret = get_settings().instagram_app_secret.get_secret_value()
    # The legacy sha1 header, right for the body, is not enough.
    return [{"X-Hub-Signature-256": "garbage"}, {"X-Hub-Signature": websub_sign(body, secret)}]


def _no_tiktok_webhooks(sandbox: Sandbox) -> None:
    """Nothing listens for webhooks at public_base_url in these tests."""
    tiktok_helpers.sandbox_config(sandbox, webhooks_enabled=False)


INSTAGRAM = PlatformCase(
    name="instagram",
    consent=_instagram_consent,
    media=lambda: instagram_helpers.video_file(instagram_helpers.FRIDAY),
    uploading_credentials=instagram_helpers.facebook_login,
    reports_upload_progress=False,
    operations={
        "begin": "create_container",
        "open": "create_container",
        "upload": "upload",
        "status": "container_status",
        "fetch_account": "me",
        "metrics": "insights",
    },
    delivery=_instagram_delivery,
    malformed=(
        b"{broken",
        b"\xff\xfe\x00garbage",
        b'{"object": "instagram"}',
        b'{"object": "instagram", "entry": [{"id": "1", "time": 1, "changes": [{"value": 1}]}]}',
        b'{"object": "instagram", "entry": [{"time": 1, "changes": []}]}',
        b'{"object": "instagram", "entry": "no"}',
        b"[1, 2]",
        b"[" * 100_000,
    ),
    completion=None,
    sign=webhooks.instagram_headers,
    signature_header="X-Hub-Signature-256",
    odd_signatures=_instagram_odd_signatures,
    unreadable="2207026",
    checks_subscription=True,
)
TIKTOK = PlatformCase(
    name="tiktok",
    consent=_tiktok_consent,
    media=tiktok_helpers.media_file,
    operations={
        "begin": "creator_info",
        "open": "init",
        "upload": "upload_chunk",
        "status": "status",
        "fetch_account": "user_info",
        "metrics": "video_query",
    },
    delivery=_tiktok_delivery,
    malformed=(
        b'{"event": "post.publish.complete", ',
        b"[]",
        webhooks.tiktok_body("post.publish.complete", {}, content="{not json"),
        webhooks.tiktok_body("post.publish.complete", {"publish_id": "x"}, client_key="another"),
        webhooks.tiktok_body("post.publish.complete", {"publish_id": "x"}, create_time="today"),
        webhooks.tiktok_body("post.publish.complete", {}),
        webhooks.tiktok_body("post.publish.complete", {"publish_id": {"nested": 1}}),
    ),
    completion=_tiktok_completion,
    sign=webhooks.tiktok_headers,
    signature_header="Tiktok-Signature",
    odd_signatures=lambda body: [{"Tiktok-Signature": "t=abc,s=def"}],
    unreadable="file_format_check_failed",
    checks_subscription=False,
    prepare=_no_tiktok_webhooks,
)
YOUTUBE = PlatformCase(
    name="youtube",
    consent=_youtube_consent,
    media=youtube_helpers.media_file,
    operations={
        "begin": "upload_init",
        "open": "upload_init",
        "upload": "upload_chunk",
        "status": "upload_status",
        "fetch_account": "channels_list",
        "metrics": "videos_list",
    },
    delivery=_youtube_delivery,
    malformed=(
        b"<feed><entry>",
        b"not xml at all",
        b"",
        BILLION_LAUGHS,
        XXE,
        b'<!doctype feed><feed xmlns="http://www.w3.org/2005/Atom"/>',
        '<?xml version="1.0" encoding="UTF-16"?><feed/>'.encode("utf-16"),
        b'<?xml version="1.0" encoding="ISO-8859-1"?><feed xmlns="http://www.w3.org/2005/Atom"/>',
        b"<rss><channel/></rss>",
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>no id</title></entry></feed>',
        b'<feed xmlns="http://www.w3.org/2005/Atom" '
        b'xmlns:at="http://purl.org/atompub/tombstones/1.0">'
        b'<at:deleted-entry ref="tag:other"/></feed>',
    ),
    completion=_youtube_completion,
    sign=webhooks.youtube_headers,
    signature_header="X-Hub-Signature",
    odd_signatures=lambda body: [{"X-Hub-Signature": "sha256=" + "0" * 64}],
    unreadable="invalidFile",
    checks_subscription=True,
)
CASES = (INSTAGRAM, TIKTOK, YOUTUBE)


def forged_signatures(case: PlatformCase, body: bytes) -> list[dict[str, str]]:
    """What a forger could send with ``body``: a real signature of other bytes, a signature with
    one digit changed, an empty header, no header."""
    header = case.signature_header
    valid = case.sign(body)[header]
    changed = valid[:-1] + ("1" if valid[-1] == "0" else "0")
    return [
        {header: case.sign(body + b" ")[header]},
        {header: changed},
        {header: ""},
        {},
        *case.odd_signatures(body),
    ]
