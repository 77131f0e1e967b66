"""Every response carries the browser security headers; HTML pages run no foreign script."""

from __future__ import annotations

import base64
import hashlib
import re

from backend.docs_page import SWAGGER_CSS, SWAGGER_JS
from backend.media import service as media
from backend.security_headers import HTML_POLICY, OTHER_POLICY
from backend.storage import get_storage

ALWAYS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


def _assert_always(response) -> None:
    for name, value in ALWAYS.items():
        assert response.headers.get(name) == value, (name, response.headers)
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def _directives(policy: str) -> dict[str, str]:
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in policy.split(";")
        if part.strip()
    }


async def test_json_responses(client, editor):
    for response in (
        await client.get("/debug/health"),
        await client.get("/v1/workspaces/current", headers=editor.headers),
        await client.get("/no/such/route"),
        await client.post("/v1/auth/login", json={}),
    ):
        assert response.headers["content-type"].startswith("application/json")
        _assert_always(response)
        assert response.headers["content-security-policy"] == OTHER_POLICY


async def test_html_pages_run_no_script(client):
    # The OAuth callback's result page, here for a forged state.
    page = await client.get("/accounts/oauth/tiktok/callback?state=forged&code=x")
    assert page.headers["content-type"].startswith("text/html")
    assert page.status_code == 400
    _assert_always(page)
    policy = _directives(page.headers["content-security-policy"])
    assert page.headers["content-security-policy"] == HTML_POLICY
    assert policy["default-src"] == "'none'"
    assert "script-src" not in policy  # default-src 'none' covers scripts: none run
    assert policy["base-uri"] == "'none'"


async def test_sandbox_consent_pages(client, settings):
    # The sandbox's consent page is HTML served by the mounted emulator.
    assert settings.uses_sandbox
    response = await client.get(
        "/sandbox/tiktok/www/v2/auth/authorize/",
        params={"client_key": "wrong", "redirect_uri": "http://x/cb", "response_type": "code"},
    )
    assert response.headers["content-type"].startswith("text/html"), response.text
    _assert_always(response)
    assert response.headers["content-security-policy"] == HTML_POLICY


async def test_media_responses(client, settings):
    get_storage(settings).save_bytes("tests/headers/clip.mp4", b"\0" * 64)
    video = await client.get(media.url(settings, "tests/headers/clip.mp4"))
    assert video.status_code == 200
    _assert_always(video)
    assert _directives(video.headers["content-security-policy"])["media-src"] == "'self'"
    # A link to an HTML file (a stolen key, a bug) still cannot run script in our origin.
    get_storage(settings).save_bytes("tests/headers/page.html", b"<script>alert(1)</script>")
    page = await client.get(media.url(settings, "tests/headers/page.html"))
    assert page.status_code == 200
    _assert_always(page)
    assert "script-src" not in _directives(page.headers["content-security-policy"])


async def test_docs_page_allows_exactly_swagger_ui(client):
    response = await client.get("/docs")
    assert response.status_code == 200
    _assert_always(response)
    policy = _directives(response.headers["content-security-policy"])
    inline = re.findall(r"<script>(.*?)</script>", response.text, re.DOTALL)
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert policy["script-src"].split() == [SWAGGER_JS, f"'sha256-{digest}'"]
    assert f'<script src="{SWAGGER_JS}">' in response.text
    assert SWAGGER_CSS in policy["style-src"]
    assert SWAGGER_CSS in response.text
    assert policy["connect-src"] == "'self'"  # the schema and "Try it out" calls
    assert (await client.get("/openapi.json")).status_code == 200
    assert (await client.get("/redoc")).status_code == 404


async def test_errors_from_the_server_itself_carry_them(client):
    response = await client.request("PUT", "/debug/health")
    assert response.status_code == 405
    _assert_always(response)
