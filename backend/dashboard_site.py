"""The dashboard, served at / by the API from its static export (one origin: no CORS, no Node
process at run time).

Routes match first; only a GET or HEAD that no route answers reaches the dashboard, so the API
answers its own 404s and 405s as before. `/videos` is `videos.html` in the export; a path the
dashboard does not have gets its 404 page when a browser asks for a page (Accept: text/html),
and the API's JSON 404 otherwise. Each HTML page gets a Content-Security-Policy naming
the hashes of its own inline scripts, so no other script can run. Without a build (`make
dashboard` needs Node.js), / says in words how to get one.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import FastAPI
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from backend.docs_page import script_hashes

# Paths the API owns: an unknown one is the API's 404, never a dashboard page.
API_PATHS = ("/v1/", "/v1", "/webhooks/", "/media/", "/sandbox", "/debug/", "/accounts/oauth/",
             "/docs", "/openapi.json")  # fmt: skip
IMMUTABLE = "public, max-age=31536000, immutable"

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stakazo</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}
code{background:#f1f5f9;padding:.1rem .3rem;border-radius:.2rem}</style></head>
<body><h1>Stakazo is running, but its dashboard is not built</h1>
<p>The dashboard needs <strong>Node.js 20 or newer</strong> (with npm) once, to build it.
Install Node.js from <a href="https://nodejs.org/">nodejs.org</a> or your package manager,
then stop Stakazo and run <code>make run</code> again: it builds the dashboard before starting.
You can also build it on its own with <code>make dashboard</code>.</p>
<p>The API works without it: its reference is at <a href="/docs">/docs</a>.</p>
</body></html>"""


@lru_cache(maxsize=256)
def _page_policy(page: Path, modified: float) -> str:
    hashes = " ".join(script_hashes(page.read_text(encoding="utf-8")))
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src 'self' {hashes}",
            # React writes style attributes into the pre-rendered pages.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "media-src 'self' blob:",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def _html(page: Path, status: int = 200) -> Response:
    policy = _page_policy(page, page.stat().st_mtime)
    return FileResponse(
        page,
        status_code=status,
        media_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": policy, "Cache-Control": "no-cache"},
    )


def _find(root: Path, path: str) -> Path | None:
    relative = path.strip("/")
    candidates = [root / "index.html"] if not relative else [
        root / relative, root / f"{relative}.html", root / relative / "index.html",
    ]  # fmt: skip
    for candidate in candidates:
        resolved = candidate.resolve()
        # `..` in a path never leaves the export.
        if resolved.is_file() and resolved.is_relative_to(root):
            return resolved
    return None


def dashboard_response(root: Path, path: str, wants_html: bool = True) -> Response | None:
    """The file for this path, the dashboard's 404 page for a browser, or None (the API's 404)."""
    if not (root / "index.html").is_file():
        if path in ("", "/"):
            return HTMLResponse(NOT_BUILT)
        return HTMLResponse(NOT_BUILT, status_code=404) if wants_html else None
    found = _find(root.resolve(), path)
    if found is None:
        if not wants_html:
            return None
        missing = root / "404.html"
        return _html(missing, 404) if missing.is_file() else HTMLResponse("Not found", 404)
    if found.suffix == ".html":
        return _html(found)
    cache = IMMUTABLE if "/_next/static/" in found.as_posix() else "no-cache"
    return FileResponse(found, headers={"Cache-Control": cache})


def _wants_html(scope: Scope) -> bool:
    """A browser navigating asks for text/html; a program (`*/*`, JSON) gets the API's 404."""
    for name, value in scope.get("headers", ()):
        if name == b"accept":
            return b"text/html" in value
    return False


class DashboardFallback:
    """The router's not-found handler: the dashboard's files, its 404 page for browsers, and
    the API's JSON 404 for everything else."""

    def __init__(self, root: Path, not_found: ASGIApp) -> None:
        self.root = root
        self.not_found = not_found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "/")
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or path.startswith(API_PATHS)
        ):
            await self.not_found(scope, receive, send)
            return
        response = dashboard_response(self.root, path, _wants_html(scope))
        if response is None:
            await self.not_found(scope, receive, send)
            return
        await response(scope, receive, send)


def install_dashboard(app: FastAPI, root: Path) -> None:
    app.router.default = DashboardFallback(root, app.router.default)
