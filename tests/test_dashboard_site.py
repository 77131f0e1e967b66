"""The API serves the dashboard's static export at /: pages, assets, its 404 page, a CSP naming
each page's inline scripts; API paths and non-GET methods answer as the API; without a build, /
says how to get one."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from backend.app import create_app
from backend.config import Settings
from backend.dashboard_site import IMMUTABLE

CHUNK = "/_next/static/chunks/app-3f9a1c.js"
# Inline scripts as a Next.js static export writes them: the runtime's flight data pushes.
# Inline scripts as a Next.js static export writes them: the bundler's chunk list (with an id)
# and the runtime's flight data pushes.
SCRIPTS = [
    '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[]})',
    "(self.__next_f=self.__next_f||[]).push([0])",
    'self.__next_f.push([1,"videos"])',
]


def page(title: str, *scripts: str) -> str:
    inline = "".join(
        f'<script id="_R_">{script}</script>'
        if "TURBOPACK" in script
        else f"<script>{script}</script>"
        for script in scripts
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title}</title>'
        f'<script src="{CHUNK}" async=""></script></head>'
        f"<body><h1>{title}</h1>{inline}</body></html>"
    )


@pytest.fixture
def export(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    (out / "_next/static/chunks").mkdir(parents=True)
    (out / "index.html").write_text(page("Overview", SCRIPTS[0]))
    (out / "videos.html").write_text(page("Videos", *SCRIPTS))
    (out / "videos").mkdir()
    (out / "videos/detail.html").write_text(page("Video"))
    (out / "404.html").write_text(page("This page does not exist", SCRIPTS[0]))
    (out / ("." + CHUNK)).write_text("console.log('dashboard')")
    (out / "favicon.ico").write_bytes(b"\x00\x00\x01\x00")
    (tmp_path / "secret.txt").write_text("outside the export")
    return out


async def _client(
    settings: Settings, session_factory, root: Path
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings.model_copy(update={"dashboard_dir": root}), session_factory)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.fixture
async def site(settings, session_factory, export) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client(settings, session_factory, export):
        yield client


@pytest.fixture
async def unbuilt(settings, session_factory, tmp_path) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client(settings, session_factory, tmp_path / "nothing-here"):
        yield client


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and not any(name == "src" for name, _ in attrs):
            self._open = True
            self.inline.append("")

    def handle_endtag(self, tag: str) -> None:
        self._open = self._open and tag != "script"

    def handle_data(self, data: str) -> None:
        if self._open:
            self.inline[-1] += data


def _inline_scripts(html: str) -> list[str]:
    parser = _Scripts()
    parser.feed(html)
    return parser.inline


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def _script_src(policy: str) -> list[str]:
    directive = next(d.strip() for d in policy.split(";") if d.strip().startswith("script-src"))
    return directive.split()[1:]


async def test_root_is_the_overview_page(site):
    response = await site.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Overview</h1>" in response.text
    assert response.headers["cache-control"] == "no-cache"  # a new build shows at once


async def test_a_page_by_its_route_without_html(site):
    response = await site.get("/videos")
    assert response.status_code == 200
    assert "<h1>Videos</h1>" in response.text
    detail = await site.get("/videos/detail", params={"id": "0b6f7c1e"})
    assert detail.status_code == 200
    assert "<h1>Video</h1>" in detail.text
    head = await site.head("/videos")
    assert head.status_code == 200


async def test_build_assets_are_cached_for_ever(site):
    response = await site.get(CHUNK)
    assert response.status_code == 200
    assert response.text == "console.log('dashboard')"
    assert response.headers["cache-control"] == IMMUTABLE
    assert "javascript" in response.headers["content-type"]
    # Files outside _next/static keep their name across builds: they are revalidated.
    favicon = await site.get("/favicon.ico")
    assert (favicon.status_code, favicon.headers["cache-control"]) == (200, "no-cache")


BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


async def test_unknown_path_gets_the_dashboard_404_page(site):
    response = await site.get("/no/such/page", headers=BROWSER)
    assert response.status_code == 404
    assert "This page does not exist" in response.text
    assert response.headers["content-type"].startswith("text/html")


async def test_unknown_path_is_the_api_json_404_for_programs(site):
    for accept in ("*/*", "application/json"):
        response = await site.get("/no/such/page", headers={"Accept": accept})
        assert response.status_code == 404
        assert response.json()["error"] == "not_found"
    # Files of the export are served whatever the request accepts.
    assert (await site.get("/videos", headers={"Accept": "*/*"})).status_code == 200


async def test_api_paths_are_untouched(site):
    assert (await site.get("/debug/health")).status_code == 200
    unknown = await site.get("/v1/no-such-route")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"].startswith("application/json")
    assert unknown.json()["error"]
    assert (await site.get("/v1/auth/me")).status_code == 401
    assert (await site.get("/openapi.json")).json()["openapi"]


async def test_post_to_an_unknown_path_is_still_the_api_404(site):
    response = await site.post("/no/such/page", json={})
    assert response.status_code in (404, 405)
    assert response.headers["content-type"].startswith("application/json")
    assert "This page does not exist" not in response.text
    assert (
        (await site.post("/videos", json={})).headers["content-type"].startswith("application/json")
    )


async def test_each_page_policy_names_the_hashes_of_its_inline_scripts(site):
    for path, expected in (("/videos", SCRIPTS), ("/", SCRIPTS[:1]), ("/nope", SCRIPTS[:1])):
        response = await site.get(path, headers=BROWSER)
        inline = _inline_scripts(response.text)
        assert inline == expected
        sources = _script_src(response.headers["content-security-policy"])
        assert sources == ["'self'", *(_sha256(script) for script in inline)]
    # A script the page does not carry would not run.
    policy = (await site.get("/videos/detail")).headers["content-security-policy"]
    assert _script_src(policy) == ["'self'"]
    assert "frame-ancestors 'none'" in policy


async def test_path_traversal_never_leaves_the_export(site, export):
    assert (export.parent / "secret.txt").is_file()
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/videos/..%2f..%2fsecret.txt"):
        response = await site.get(path, headers=BROWSER)
        assert "outside the export" not in response.text
        assert response.status_code in (400, 404)


async def test_without_a_build_root_explains_how_to_get_one(unbuilt):
    response = await unbuilt.get("/")
    assert response.status_code == 200
    assert "dashboard is not built" in response.text
    assert "Node.js" in response.text
    assert "make run" in response.text
    other = await unbuilt.get("/videos", headers=BROWSER)
    assert other.status_code == 404
    assert "make dashboard" in other.text
    assert (await unbuilt.get("/videos")).json()["error"] == "not_found"
    assert (await unbuilt.get("/debug/health")).status_code == 200
