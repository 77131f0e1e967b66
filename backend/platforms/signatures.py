"""HMAC signatures of webhook bodies, as each platform computes them (the sandbox signs with these,
the webhook endpoints verify with them). Always over the raw bytes, compared in constant time."""

from __future__ import annotations

import hmac
from collections.abc import Mapping

from backend.platforms.base import SignatureInvalid, SignatureStale


def _hex(secret: str, message: bytes, algorithm: str) -> str:
    return hmac.new(secret.encode(), message, algorithm).hexdigest()


def _matches(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.encode())


def _header(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name) or headers.get(name.lower())
    if not value:
        raise SignatureInvalid(f"the {name} header is missing")
    return value.strip()


def _verify(headers: Mapping[str, str], name: str, expected: str) -> None:
    if not _matches(expected, _header(headers, name)):
        raise SignatureInvalid(f"{name} does not match the body")


# Meta (Instagram): X-Hub-Signature-256: sha256=<hex HMAC-SHA256(raw body, app secret)>
def meta_sign(body: bytes, app_secret: str) -> str:
    return "sha256=" + _hex(app_secret, body, "sha256")


def meta_verify(headers: Mapping[str, str], body: bytes, app_secret: str) -> None:
    _verify(headers, "X-Hub-Signature-256", meta_sign(body, app_secret))


# TikTok: Tiktok-Signature: t=<unix>,s=<hex HMAC-SHA256("{t}.{raw body}", client secret)>
def tiktok_sign(body: bytes, client_secret: str, timestamp: int) -> str:
    return f"t={timestamp},s={_hex(client_secret, f'{timestamp}.'.encode() + body, 'sha256')}"


def tiktok_verify(
    headers: Mapping[str, str], body: bytes, client_secret: str, *, now: float, max_age: float
) -> int:
    """Returns the signed timestamp. A stale one is refused even when the HMAC is right."""
    parts = dict(
        item.split("=", 1)
        for item in _header(headers, "Tiktok-Signature").split(",")
        if "=" in item
    )
    timestamp_text, given = parts.get("t", ""), parts.get("s", "")
    # isdecimal() alone admits digits like "²" that int() refuses; and a unix time has 10.
    well_formed = timestamp_text.isascii() and timestamp_text.isdecimal()
    if not well_formed or len(timestamp_text) > 12 or not given:
        raise SignatureInvalid("Tiktok-Signature must look like t=<unix seconds>,s=<hex>")
    timestamp = int(timestamp_text)
    expected = tiktok_sign(body, client_secret, timestamp).split(",s=", 1)[1]
    if not _matches(expected, given):
        raise SignatureInvalid("Tiktok-Signature does not match the body")
    if abs(now - timestamp) > max_age:
        raise SignatureStale(f"Tiktok-Signature is {int(now - timestamp)} s old")
    return timestamp


# YouTube's WebSub hub: X-Hub-Signature: sha1=<hex HMAC-SHA1(raw body, hub.secret)>
def websub_sign(body: bytes, secret: str) -> str:
    return "sha1=" + _hex(secret, body, "sha1")


def websub_verify(headers: Mapping[str, str], body: bytes, secret: str) -> None:
    _verify(headers, "X-Hub-Signature", websub_sign(body, secret))
