"""Signing media links. A link names one storage key and an expiry, sealed with HMAC-SHA256 over
the app's secret, so it can be handed to a browser without exposing any other file.

The link carries no content type: what is served is decided by the key's extension from a short
list of video and image types, so not even a link forged with the secret can make the API answer
with HTML or script.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from functools import lru_cache

from backend.config import Settings
from backend.errors import AppError, NotFound
from backend.storage import InvalidStorageKey, validate_key

# What the pipeline writes (sources, renders, covers); anything else is served as bytes.
MEDIA_TYPES = {
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "mov": "video/quicktime",
    "webm": "video/webm",
    "mkv": "video/x-matroska",
    "avi": "video/x-msvideo",
    "mpeg": "video/mpeg",
    "mpg": "video/mpeg",
    "ts": "video/mp2t",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}
FALLBACK_TYPE = "application/octet-stream"


class LinkInvalid(AppError):
    status_code = 403
    code = "link_invalid"
    default_message = "This media link is not valid."


class LinkExpired(AppError):
    status_code = 410
    code = "link_expired"
    default_message = "This media link has expired. Ask the API for a fresh one."


class MediaNotFound(NotFound):
    code = "media_not_found"
    default_message = "The file behind this link no longer exists."


@dataclass(frozen=True)
class MediaLink:
    key: str
    expires_at: int

    @property
    def content_type(self) -> str:
        return media_type(self.key)


def media_type(key: str) -> str:
    _, dot, extension = key.rpartition(".")
    return MEDIA_TYPES.get(extension.lower(), FALLBACK_TYPE) if dot else FALLBACK_TYPE


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(settings: Settings, body: str) -> str:
    return _mac_with(settings.secret_key.get_secret_value(), body)


def _mac_with(secret: str, body: str) -> str:
    return _b64(hmac.new(secret.encode(), b"media:" + body.encode(), hashlib.sha256).digest())


# Links expire on a whole minute: a link for a file is then the same for a minute, so a list of
# fifty clips reuses its signatures instead of computing them on every request, and a browser
# polling a page keeps its cached covers. A link lives between the TTL and a minute more.
EXPIRY_STEP_SECONDS = 60


def sign(settings: Settings, key: str, now: float | None = None) -> str:
    ends = (now or time.time()) + settings.media_url_ttl_seconds
    expires = -(-int(ends) // EXPIRY_STEP_SECONDS) * EXPIRY_STEP_SECONDS
    return _signed(settings.secret_key.get_secret_value(), key, expires)


@lru_cache(maxsize=8192)
def _signed(secret: str, key: str, expires: int) -> str:
    body = _b64(json.dumps({"k": validate_key(key), "e": expires}).encode())
    return f"{body}.{_mac_with(secret, body)}"


def url(settings: Settings, key: str | None) -> str | None:
    return None if key is None else f"/media/{sign(settings, key)}"


def public_url(settings: Settings, key: str | None) -> str | None:
    """The signed link as an absolute URL that a platform can fetch (Instagram's video_url)."""
    base = (settings.public_media_base_url or settings.public_base_url).rstrip("/")
    path = url(settings, key)
    return None if path is None else f"{base}{path}"


def verify(settings: Settings, token: str, now: float | None = None) -> MediaLink:
    body, _, mac = token.partition(".")
    if not body or not mac or not hmac.compare_digest(mac, _mac(settings, body)):
        raise LinkInvalid()
    try:
        claims = json.loads(_unb64(body))
        link = MediaLink(str(claims["k"]), int(claims["e"]))
    except (ValueError, KeyError, TypeError) as error:
        raise LinkInvalid() from error
    if link.expires_at < (now or time.time()):
        raise LinkExpired()
    try:
        validate_key(link.key)
    except InvalidStorageKey as error:
        # Only a link forged with the secret can get here; it names nothing we could serve.
        raise MediaNotFound() from error
    return link
