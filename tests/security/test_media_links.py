"""Forged media links: a bad or foreign signature, an expired link, a link edited to serve
another file or another content type. Each is a 4xx with the JSON error shape, never a 5xx, and
never served as HTML."""

from __future__ import annotations

import base64
import json
import time
import uuid

import pytest

from backend.config import Settings
from backend.media import service
from tests.security.support import assert_json_error, assert_refused_without_5xx
from tests.security.test_tokens import PLACEHOLDER_KEY

CONTENT = b"\0\0\0\x18ftypmp42" + bytes(range(256)) * 8


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _claims(token: str) -> dict:
    body = token.split(".")[0]
    return dict(json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))))


def _rebody(token: str, **changes: object) -> str:
    """The same signature over edited claims."""
    return f"{_b64(json.dumps({**_claims(token), **changes}).encode())}.{token.split('.')[1]}"


def _with_key(settings: Settings, key: str) -> Settings:
    return settings.model_copy(update={"secret_key": type(settings.secret_key)(key)})


@pytest.fixture
def stored(settings) -> tuple[str, str]:
    """A real file in media storage, and a second one the links below must never reach."""
    key = f"variants/{uuid.uuid4()}/tiktok/video.mp4"
    other = f"variants/{uuid.uuid4()}/tiktok/video.mp4"
    for name, data in ((key, CONTENT), (other, b"<html>other file</html>")):
        path = settings.media_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return key, other


async def test_a_genuine_link_plays(client, settings, stored):
    key, _ = stored
    response = await client.get(service.url(settings, key))
    assert response.status_code == 200
    assert response.headers["content-type"] == "video/mp4"
    assert response.content == CONTENT


async def test_forged_links_are_refused(client, settings, stored):
    key, other = stored
    genuine = service.sign(settings, key)
    body, mac = genuine.split(".")
    forged = {
        "signature altered": f"{body}.{mac[:-2]}{'AA' if mac[-2:] != 'AA' else 'BB'}",
        "signature removed": f"{body}.",
        "no signature part": body,
        "only a signature": f".{mac}",
        "signed with another key": service.sign(
            _with_key(settings, "an-attacker-key-of-perfectly-fine-length"), key
        ),
        "signed with the published placeholder key": service.sign(
            _with_key(settings, PLACEHOLDER_KEY), other
        ),
        "edited to name another file": _rebody(genuine, k=other),
        "edited to force text/html": _rebody(genuine, c="text/html"),
        "edited to force an SVG": _rebody(genuine, c="image/svg+xml"),
        "edited to live forever": _rebody(genuine, e=2**40),
        "signature of another link": f"{service.sign(settings, other).split('.')[0]}.{mac}",
        "garbage": "not-a-link",
        "dots": "...",
        "very long": "A" * 4000 + "." + mac,
        "not base64": f"%%%%.{mac}",
    }
    for name, token in forged.items():
        response = await client.get(f"/media/{token}")
        assert_refused_without_5xx(response)
        assert response.status_code == 403, (name, response.text)
        assert assert_json_error(response, 403)["error"] == "link_invalid", name
        assert b"other file" not in response.content


async def test_an_expired_link_is_gone(client, settings, stored):
    key, _ = stored
    expired = service.sign(settings, key, now=time.time() - 7 * 86400)
    response = await client.get(f"/media/{expired}")
    assert assert_json_error(response, 410)["error"] == "link_expired"


@pytest.mark.parametrize(
    "range_header",
    ["bytes=999999999-", "bytes=-0", "bytes=5-1", "bytes=0-1,4-5", "items=0-1", "bytes=--1"],
)
async def test_odd_ranges_never_make_a_server_error(client, settings, stored, range_header):
    key, _ = stored
    response = await client.get(service.url(settings, key), headers={"Range": range_header})
    assert response.status_code in (200, 206, 416), response.text
    if response.status_code == 416:
        assert_json_error(response, 416)
    else:
        assert response.headers["content-type"] == "video/mp4"


async def test_a_link_to_a_file_that_is_gone_is_not_found(client, settings):
    missing = service.url(settings, f"variants/{uuid.uuid4()}/tiktok/video.mp4")
    assert_json_error(await client.get(missing), 404)
