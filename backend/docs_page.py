"""The Swagger UI page at /docs, with a Content-Security-Policy that allows exactly what it loads.

Swagger UI comes from a CDN and starts with one inline script. The policy names the two CDN
files and the inline script's hash, so no other script can run on the page.
"""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

SWAGGER_JS = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"
SWAGGER_CSS = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css"
FAVICON = "https://fastapi.tiangolo.com/img/favicon.png"
# Every inline script, with or without attributes (`<script id="…">`); never one with a src.
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)(?:\s[^>]*)?>(.*?)</script>", re.DOTALL)


def script_hashes(page: str) -> list[str]:
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(page)
    ]


def swagger_page(openapi_url: str, title: str) -> HTMLResponse:
    response = get_swagger_ui_html(
        openapi_url=openapi_url,
        title=title,
        swagger_js_url=SWAGGER_JS,
        swagger_css_url=SWAGGER_CSS,
        swagger_favicon_url=FAVICON,
        oauth2_redirect_url=None,
    )
    page = bytes(response.body).decode()
    policy = "; ".join(
        (
            "default-src 'none'",
            f"script-src {SWAGGER_JS} {' '.join(script_hashes(page))}",
            # Swagger UI styles its widgets inline and draws icons from data: URLs.
            f"style-src {SWAGGER_CSS} 'unsafe-inline'",
            f"img-src 'self' data: {FAVICON}",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        )
    )
    response.headers["Content-Security-Policy"] = policy
    return response


def install_docs(app: FastAPI) -> None:
    """Serve /docs (the app must be built with ``docs_url=None, redoc_url=None``)."""

    @app.get("/docs", include_in_schema=False)
    async def docs(request: Request) -> HTMLResponse:
        root = str(request.scope.get("root_path", "")).rstrip("/")
        return swagger_page(root + str(app.openapi_url), f"{app.title} - docs")
