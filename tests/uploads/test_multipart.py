"""Small files in one multipart request: streamed to disk, same checks, same asset rules."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from backend.models import Asset, Job, LedgerEvent
from tests.factories import auth_headers, create_member
from tests.uploads.helpers import build_client, tus_upload, video_bytes


async def _rejections(session) -> list[dict]:
    result = await session.execute(
        select(LedgerEvent.payload)
        .where(LedgerEvent.type == "upload.rejected")
        .order_by(LedgerEvent.seq)
    )
    return list(result.scalars().all())


def _partials(settings) -> set:
    return set((settings.media_dir / "incoming").glob("*.part"))


async def test_upload_creates_an_asset_and_a_job(client, session, settings, editor):
    data = video_bytes(120_000, seed=100)
    partials_before = _partials(settings)
    response = await client.post(
        "/v1/upload",
        headers=editor.headers,
        files={"file": ("Keynote 2024 — Día 1.mov", data, "video/quicktime")},
        data={"note": "ignored"},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["deduplicated"] is False
    assert body["display_name"] == "Keynote 2024 — Día 1.mov"
    assert body["size_bytes"] == len(data)
    assert body["state"] == "uploaded"
    asset = await session.get(Asset, uuid.UUID(body["id"]), populate_existing=True)
    assert asset.storage_key == f"assets/{asset.id}/source.mov"
    assert (settings.media_dir / asset.storage_key).read_bytes() == data
    jobs = (await session.execute(select(Job).where(Job.asset_id == asset.id))).scalars().all()
    assert [job.type for job in jobs] == ["media.process"]
    assert _partials(settings) == partials_before


async def test_same_file_again_returns_the_existing_asset(client, editor):
    data = video_bytes(10_000, seed=101)
    via_tus = await tus_upload(client, editor.headers, data, "first.mp4")
    again = await client.post(
        "/v1/upload", headers=editor.headers, files={"file": ("second.mp4", data, "video/mp4")}
    )
    assert again.status_code == 200
    assert again.json()["deduplicated"] is True
    assert again.json()["id"] == str(via_tus)
    assert again.json()["display_name"] == "first.mp4"


async def test_disallowed_container_is_refused_and_recorded(client, session, editor):
    response = await client.post(
        "/v1/upload",
        headers=editor.headers,
        files={"file": ("script.sh", b"#!/bin/sh", "text/x-sh")},
    )
    assert response.status_code == 415
    assert response.json()["error"] == "container_not_allowed"
    assert await _rejections(session) == [
        {"reason": "container_not_allowed", "display_name": "script.sh", "size_bytes": None}
    ]


async def test_too_large_is_refused_while_streaming(session, session_factory, settings, editor):
    small = settings.model_copy(update={"max_upload_bytes": 50_000})
    partials_before = _partials(settings)
    async with build_client(small, session_factory) as client:
        response = await client.post(
            "/v1/upload",
            headers=editor.headers,
            files={"file": ("big.mp4", video_bytes(50_001, seed=102), "video/mp4")},
        )
        assert response.status_code == 413
        assert response.json()["error"] == "upload_too_large"

        async def body():  # no Content-Length: only the stream itself can tell
            yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="x.mp4"\r\n\r\n'
            for _ in range(10):
                yield b"\0" * 10_000
            yield b"\r\n--b--\r\n"

        chunked = await client.post(
            "/v1/upload",
            headers={**editor.headers, "Content-Type": "multipart/form-data; boundary=b"},
            content=body(),
        )
        assert chunked.status_code == 413
    assert [r["reason"] for r in await _rejections(session)] == ["too_large", "too_large"]
    assert _partials(settings) == partials_before


async def test_empty_file_is_refused_and_recorded(client, session, settings, editor):
    partials_before = _partials(settings)
    response = await client.post(
        "/v1/upload", headers=editor.headers, files={"file": ("empty.mp4", b"", "video/mp4")}
    )
    assert response.status_code == 422
    assert response.json()["error"] == "empty_file"
    assert "empty" in response.json()["detail"]
    assert await _rejections(session) == [
        {"reason": "empty", "display_name": "empty.mp4", "size_bytes": 0}
    ]
    assert (await session.execute(select(Asset))).scalars().all() == []
    assert _partials(settings) == partials_before


async def test_nameless_or_extensionless_files_are_refused(client, editor):
    for filename in ("", ".mp4", "no-extension", "\x01\x02"):
        response = await client.post(
            "/v1/upload", headers=editor.headers, files={"file": (filename, b"abc", "video/mp4")}
        )
        assert response.status_code in (415, 422), (filename, response.text)
        assert response.json()["error"] in ("container_not_allowed", "invalid_request")


async def test_malformed_forms(client, editor):
    url_encoded = await client.post("/v1/upload", headers=editor.headers, data={"file": "a"})
    assert url_encoded.status_code == 415
    other_field = await client.post(
        "/v1/upload", headers=editor.headers, files={"video": ("a.mp4", b"x", "video/mp4")}
    )
    assert other_field.status_code == 422
    assert "field named 'file'" in other_field.json()["detail"]
    json_body = await client.post("/v1/upload", headers=editor.headers, json={"file": "x"})
    assert json_body.status_code == 415
    truncated = await client.post(
        "/v1/upload",
        headers={**editor.headers, "Content-Type": "multipart/form-data; boundary=b"},
        content=b'--b\r\nContent-Disposition: form-data; name="file"; filename="x.mp4"\r\n\r\nabc',
    )
    assert truncated.status_code == 422
    assert truncated.json()["error"] == "invalid_request"


async def test_rfc5987_file_names_and_unusual_boundaries(client, editor):
    data = video_bytes(70_000, seed=103)
    boundary = "----a-boundary-with-dashes'()+_,-./:=?"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nhello\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f"filename=\"fallback.mp4\"; filename*=UTF-8''%E2%82%AC%20rates.webm\r\n"
            f"Content-Type: video/webm\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = await client.post(
        "/v1/upload",
        headers={**editor.headers, "Content-Type": f'multipart/form-data; boundary="{boundary}"'},
        content=body,
    )
    assert response.status_code == 201, response.text
    assert response.json()["display_name"] == "€ rates.webm"
    assert response.json()["size_bytes"] == len(data)


async def test_viewer_cannot_upload(client, session, editor):
    viewer = await create_member(session, editor.workspace, "viewer")
    await session.commit()
    headers = await auth_headers(client, viewer, editor.workspace)
    response = await client.post(
        "/v1/upload", headers=headers, files={"file": ("a.mp4", b"abc", "video/mp4")}
    )
    assert response.status_code == 403
