"""Signed media links forged with the secret still cannot serve HTML or reach outside storage."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import pytest

from backend.storage import get_storage


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _forge(settings, claims: dict) -> str:
    # Built here from the documented format (body.HMAC-SHA256("media:" + body)), not by the
    # signer under test: this is what anyone holding the secret could hand a browser.
    body = _b64(json.dumps(claims).encode())
    secret = settings.secret_key.get_secret_value().encode()
    mac = _b64(hmac.new(secret, b"media:" + body.encode(), hashlib.sha256).digest())
    return f"/media/{body}.{mac}"


async def test_a_link_cannot_choose_text_html(client, settings):
    get_storage(settings).save_bytes("tests/links/page.mp4", b"<html><script>alert(1)</script>")
    claims = {"k": "tests/links/page.mp4", "e": int(time.time()) + 600, "c": "text/html"}
    response = await client.get(_forge(settings, claims))
    assert response.status_code == 200
    assert response.headers["content-type"] == "video/mp4"
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("key", "served"),
    [
        ("tests/links/cover.jpg", "image/jpeg"),
        ("tests/links/notes.html", "application/octet-stream"),
        ("tests/links/noextension", "application/octet-stream"),
    ],
)
async def test_served_type_follows_the_stored_file(client, settings, key, served):
    get_storage(settings).save_bytes(key, b"<html></html>")
    response = await client.get(_forge(settings, {"k": key, "e": int(time.time()) + 600}))
    assert response.headers["content-type"] == served


@pytest.mark.parametrize(
    "key",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "//etc/passwd",
        "..%2F..%2F..%2Fetc%2Fpasswd",
        "%2e%2e/%2e%2e/etc/passwd",
        "C:\\Windows\\win.ini",
        ".hidden",
        "",
        "tests/../../secret",
        "tests/links/.hidden",
        "tests/links/white space.mp4",
        "tests\\links\\clip.mp4",
        "tests/links/nul\x00.mp4",
        "x" * 600,
        "tests/links/",
        "tests/links/never-written.mp4",
    ],
)
async def test_forged_link_to_an_invalid_key_is_a_clean_404(client, settings, key):
    response = await client.get(_forge(settings, {"k": key, "e": int(time.time()) + 600}))
    assert response.status_code == 404
    assert response.json()["error"] == "media_not_found"
    assert b"root:" not in response.content


@pytest.mark.parametrize("key", [["a list"], {"k": 1}, None, 12])
async def test_forged_link_with_a_non_text_key_is_refused(client, settings, key):
    response = await client.get(_forge(settings, {"k": key, "e": int(time.time()) + 600}))
    assert response.status_code in (403, 404)
    assert response.headers["content-type"] == "application/json"
