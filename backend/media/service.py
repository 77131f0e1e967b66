"""Signing media links. A link names one storage key and an expiry, sealed with HMAC-SHA256 over
the app's secret, so it can be handed to a browser without exposing any other file."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass

from backend.config import Settings
from backend.errors import AppError


class LinkInvalid(AppError):
    status_code = 403
    code = "link_invalid"
    default_message = "This media link is not valid."


class LinkExpired(AppError):
    status_code = 410
    code = "link_expired"
    default_message = "This media link has expired. Ask the API for a fresh one."


@dataclass(frozen=True)
class MediaLink:
    key: str
    expires_at: int
    content_type: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(settings: Settings, body: str) -> str:
    secret = settings.secret_key.get_secret_value().encode()
    return _b64(hmac.new(secret, b"media:" + body.encode(), hashlib.sha256).digest())


def sign(settings: Settings, key: str, content_type: str, now: float | None = None) -> str:
    expires = int((now or time.time()) + settings.media_url_ttl_seconds)
    body = _b64(json.dumps({"k": key, "e": expires, "c": content_type}).encode())
    return f"{body}.{_mac(settings, body)}"


def url(settings: Settings, key: str | None, content_type: str) -> str | None:
    return None if key is None else f"/media/{sign(settings, key, content_type)}"


def verify(settings: Settings, token: str, now: float | None = None) -> MediaLink:
    body, _, mac = token.partition(".")
    if not body or not mac or not hmac.compare_digest(mac, _mac(settings, body)):
        raise LinkInvalid()
    try:
        claims = json.loads(_unb64(body))
        link = MediaLink(str(claims["k"]), int(claims["e"]), str(claims["c"]))
    except (ValueError, KeyError, TypeError) as error:
        raise LinkInvalid() from error
    if link.expires_at < (now or time.time()):
        raise LinkExpired()
    return link
