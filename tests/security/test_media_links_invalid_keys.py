"""Validly signed links (the key leaked, or the default was never changed) naming storage keys
that try to leave the media folder: refused with a 4xx, never a 5xx, never the file."""

from __future__ import annotations

import pytest

from backend.media import service
from tests.security.support import assert_json_error, assert_refused_without_5xx

TRAVERSALS = [
    "../../../../etc/passwd",
    "/etc/passwd",
    "//etc/passwd",
    "variants/../../../etc/passwd",
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "%2e%2e/%2e%2e/etc/passwd",
    "variants/..\\..\\etc\\passwd",
    "C:\\Windows\\win.ini",
    "variants/\x00/video.mp4",
    ".hidden",
    "variants/",
    "",
    "a" * 600,
]


@pytest.mark.parametrize("key", TRAVERSALS)
async def test_a_signed_link_to_a_key_outside_the_media_folder_is_refused(client, settings, key):
    response = await client.get(service.url(settings, key, "video/mp4"))
    assert_refused_without_5xx(response)
    assert response.status_code in (403, 404), response.text
    assert_json_error(response, (403, 404))
    assert b"root:" not in response.content
