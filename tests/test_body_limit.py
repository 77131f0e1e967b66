"""Bodies past STAKAZO_MAX_JSON_BODY_BYTES are refused before they are buffered; uploads and
webhooks keep their own limits."""

from __future__ import annotations

import json

import pytest

from backend.app import create_app
from tests.factories import auth_headers, create_member, create_workspace
from tests.uploads.helpers import build_client, tus_upload, video_bytes

LIMIT = 4096


@pytest.fixture
async def limited(settings, session_factory):
    async with build_client(
        settings.model_copy(update={"max_json_body_bytes": LIMIT}), session_factory
    ) as client:
        yield client


@pytest.fixture
async def admin_headers(limited, session) -> dict[str, str]:
    workspace = await create_workspace(session)
    admin = await create_member(session, workspace, "admin")
    await session.commit()
    return await auth_headers(limited, admin, workspace)


async def _chunks(parts: list[bytes], sent: list[int]):
    for part in parts:
        sent.append(len(part))
        yield part


def _assert_too_large(response) -> None:
    assert response.status_code == 413, response.text
    assert response.json() == {
        "error": "body_too_large",
        "detail": f"The request body may be at most {LIMIT} bytes.",
    }
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-request-id"]


async def test_declared_oversize_is_refused_without_reading(limited):
    sent: list[int] = []
    response = await limited.post(
        "/v1/auth/login",
        content=_chunks([b"x" * 1024] * 8, sent),
        headers={"Content-Length": str(LIMIT + 1), "Content-Type": "application/json"},
    )
    _assert_too_large(response)
    assert sent == []  # not one byte was read


async def test_declared_oversize_never_reaches_the_app(settings):
    received: list[dict] = []

    async def receive():
        received.append({"type": "http.request"})
        return {"type": "http.request", "body": b"{}", "more_body": False}

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    app = create_app(settings.model_copy(update={"max_json_body_bytes": LIMIT}))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/auth/login",
        "raw_path": b"/v1/auth/login",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"test"), (b"content-length", b"300000000")],
        "client": ("127.0.0.1", 1),
        "server": ("test", 80),
    }
    await app(scope, receive, send)
    assert received == []
    assert sent[0]["status"] == 413
    assert json.loads(sent[1]["body"])["error"] == "body_too_large"


async def test_streamed_oversize_is_cut_off_at_the_limit(limited):
    sent: list[int] = []
    parts = [b" " * 1024] * 64  # no Content-Length: chunked, 64 KiB of JSON whitespace
    response = await limited.post(
        "/v1/auth/login",
        content=_chunks(parts, sent),
        headers={"Content-Type": "application/json"},
    )
    _assert_too_large(response)
    assert sum(sent) <= LIMIT + 1024  # stopped at the first chunk past the limit
    assert len(sent) < len(parts)


async def test_streamed_oversize_on_an_authenticated_route(limited, admin_headers):
    sent: list[int] = []
    name = b'{"name": "' + b"a" * 8000 + b'"}'
    response = await limited.patch(
        "/v1/workspaces/current",
        content=_chunks([name[i : i + 500] for i in range(0, len(name), 500)], sent),
        headers={**admin_headers, "Content-Type": "application/json"},
    )
    _assert_too_large(response)


async def test_bodies_under_the_limit_are_served(limited, admin_headers):
    response = await limited.patch(
        "/v1/workspaces/current", json={"name": "Renamed"}, headers=admin_headers
    )
    assert response.status_code == 200, response.text
    sent: list[int] = []
    chunked = await limited.patch(
        "/v1/workspaces/current",
        content=_chunks([b'{"name": ', b'"Again"}'], sent),
        headers={**admin_headers, "Content-Type": "application/json"},
    )
    assert chunked.status_code == 200, chunked.text
    assert chunked.json()["name"] == "Again"
    assert (await limited.get("/v1/workspaces/current", headers=admin_headers)).status_code == 200


async def test_invalid_content_length_is_a_json_400(limited):
    response = await limited.post(
        "/v1/auth/login", content=b"{}", headers={"Content-Length": "2, 2000"}
    )
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"


async def test_uploads_keep_their_own_limit(limited, editor):
    data = video_bytes(LIMIT * 10, seed=200)
    form = await limited.post(
        "/v1/upload", headers=editor.headers, files={"file": ("big.mp4", data, "video/mp4")}
    )
    assert form.status_code == 201, form.text
    assert form.json()["size_bytes"] == len(data)
    other = video_bytes(LIMIT * 10, seed=201)
    asset_id = await tus_upload(limited, editor.headers, other, "big-tus.mp4", chunks=2)
    assert asset_id is not None


async def test_webhooks_keep_their_own_limit(limited, settings):
    # Past the JSON limit but under the webhook limit: judged by the webhook's own rules (its
    # signature), not refused for its size.
    body = b'{"entry": []}' + b" " * (LIMIT * 2)
    assert len(body) < settings.webhook_max_body_bytes
    response = await limited.post(
        "/webhooks/instagram", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 401
    assert response.json()["error"] != "body_too_large"
