"""YouTube push notifications: WebSub deliveries from Google's hub, signed with
``X-Hub-Signature: sha1=…`` (the hub signs with sha1 only), carrying an Atom feed.

An ``<entry>`` announces an upload (or a title/description change) of ``<yt:videoId>`` on
``<yt:channelId>``; an ``<at:deleted-entry ref="yt:video:ID">`` says the video is gone.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from urllib.parse import parse_qs, urlsplit

from backend.config import Settings
from backend.platforms.base import MalformedWebhook, WebhookEvent
from backend.platforms.signatures import websub_verify

ATOM = "{http://www.w3.org/2005/Atom}"
YT = "{http://www.youtube.com/xml/schemas/2015}"
TOMBSTONES = "{http://purl.org/atompub/tombstones/1.0}"
KEY_LIMIT = 200  # webhook_deliveries.event_key

# "<!" may only open a comment or a CDATA section: DOCTYPE, ENTITY, ELEMENT and ATTLIST
# declarations (entity expansion bombs, external entities) are refused before any parsing.
_DECLARATION = re.compile(r"<!(?!--|\[CDATA\[)")
_ENCODING = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_CHANNEL_URI = re.compile(r"/channel/([A-Za-z0-9_-]+)/?$")
_CHANNEL_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
FEED_HOSTS = frozenset({"www.youtube.com", "youtube.com"})
FEED_PATH = "/xml/feeds/videos.xml"


def verify(headers: Mapping[str, str], body: bytes, settings: Settings, now: float) -> None:
    """Raises SignatureInvalid unless the hub signed the body with our ``hub.secret``. WebSub
    signs no timestamp, so ``now`` is unused: redeliveries are caught by the dedupe key."""
    websub_verify(headers, body, settings.youtube_websub_secret.get_secret_value())


def channel_of_topic(topic: str) -> str | None:
    """The channel id of a ``https://www.youtube.com/xml/feeds/videos.xml?channel_id=ID`` topic;
    None for any other URL."""
    try:
        url = urlsplit(topic)
        query = parse_qs(url.query, strict_parsing=True)
    except ValueError:
        return None
    if url.scheme not in ("http", "https") or url.hostname not in FEED_HOSTS:
        return None
    channel = query.get("channel_id", [])
    if url.path != FEED_PATH or set(query) != {"channel_id"} or len(channel) != 1:
        return None
    return channel[0] if _CHANNEL_ID.fullmatch(channel[0]) else None


def _refuse_declarations(body: bytes) -> None:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MalformedWebhook("the body is not UTF-8 text") from None
    # What is searched must be what the parser reads: no other declared encoding.
    declared = _ENCODING.match(text)
    if declared and declared.group(1).lower().replace("-", "") != "utf8":
        raise MalformedWebhook("only UTF-8 XML is accepted")
    if _DECLARATION.search(text):
        raise MalformedWebhook("XML with DOCTYPE or ENTITY declarations is refused")


def _key(*parts: str) -> str:
    key = ":".join(parts)
    return key if len(key) <= KEY_LIMIT else hashlib.sha256(key.encode()).hexdigest()


def _text(element: ET.Element, path: str) -> str | None:
    value = element.findtext(path)
    return value.strip() if value and value.strip() else None


def _upload(entry: ET.Element) -> WebhookEvent:
    video_id = _text(entry, f"{YT}videoId")
    if video_id is None:
        raise MalformedWebhook("an entry has no yt:videoId")
    updated = _text(entry, f"{ATOM}updated") or _text(entry, f"{ATOM}published") or ""
    return WebhookEvent(
        platform="youtube",
        kind="publish.completed",
        key=_key(video_id, updated),
        remote_account_id=_text(entry, f"{YT}channelId"),
        remote_post_id=video_id,
    )


def _deletion(entry: ET.Element) -> WebhookEvent:
    ref = entry.get("ref", "")
    if not ref.startswith("yt:video:") or not ref.removeprefix("yt:video:").strip():
        raise MalformedWebhook('a deleted-entry must have ref="yt:video:<id>"')
    video_id = ref.removeprefix("yt:video:").strip()
    channel = _CHANNEL_URI.search(_text(entry, f"{TOMBSTONES}by/{ATOM}uri") or "")
    return WebhookEvent(
        platform="youtube",
        kind="publish.removed",
        key=_key(video_id, "deleted", entry.get("when", "")),
        remote_account_id=channel.group(1) if channel else None,
        remote_post_id=video_id,
        reason="deleted on YouTube",
    )


def parse(body: bytes) -> list[WebhookEvent]:
    """An Atom ``<feed>`` → ``publish.completed`` per ``<entry>`` (remote_post_id = the video id,
    remote_account_id = the channel id) and ``publish.removed`` per ``<at:deleted-entry>``."""
    _refuse_declarations(body)
    try:
        root = ET.fromstring(body)  # noqa: S314 - declarations were refused above
    except (ET.ParseError, ValueError) as error:
        raise MalformedWebhook(f"the body is not well-formed XML: {error}") from None
    if root.tag != f"{ATOM}feed":
        raise MalformedWebhook("the body must be an Atom <feed>")
    return [_upload(entry) for entry in root.findall(f"{ATOM}entry")] + [
        _deletion(entry) for entry in root.findall(f"{TOMBSTONES}deleted-entry")
    ]
