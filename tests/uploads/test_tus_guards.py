"""What tus uploads refuse: wrong protocol version, too large, wrong kind, bad headers, other
workspaces, expired uploads, concurrent writers."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from backend.db import create_engine, create_session_factory
from backend.models import Upload
from backend.uploads import repository, service
from core.clock import utcnow
from tests.conftest import IS_POSTGRES
from tests.factories import auth_headers, create_member, create_workspace
from tests.uploads.helpers import (
    CHUNK,
    TUS,
    create_upload,
    ledger_events,
    partial_path,
    patch,
)


async def test_requests_without_tus_resumable_get_412(client, editor):
    location = (await create_upload(client, editor.headers, 100)).headers["Location"]
    for method, url, extra in [
        ("POST", "/v1/uploads/tus", {"Upload-Length": "100"}),
        ("HEAD", location, {}),
        ("PATCH", location, {"Upload-Offset": "0", "Content-Type": CHUNK["Content-Type"]}),
        ("DELETE", location, {}),
    ]:
        response = await client.request(method, url, headers={**editor.headers, **extra})
        assert response.status_code == 412, method
        assert response.headers["Tus-Version"] == "1.0.0"
        assert response.headers["Tus-Resumable"] == "1.0.0"
    wrong = await client.head(location, headers={**editor.headers, "Tus-Resumable": "0.2.2"})
    assert wrong.status_code == 412


async def test_credentials_and_fields_are_judged_before_the_tus_version(client, editor):
    location = (await create_upload(client, editor.headers, 100)).headers["Location"]
    no_credentials = {"X-Workspace-Id": editor.headers["X-Workspace-Id"]}
    for method, url in [("POST", "/v1/uploads/tus"), ("HEAD", location), ("DELETE", location)]:
        response = await client.request(method, url, headers=no_credentials)
        assert response.status_code == 401, method
        assert response.headers["Tus-Resumable"] == "1.0.0"
    bad_id = await client.head("/v1/uploads/tus/not-a-uuid", headers=editor.headers)
    assert bad_id.status_code == 422
    no_length = await client.post("/v1/uploads/tus", headers=editor.headers)
    assert no_length.status_code == 422


async def test_too_large_is_refused_and_recorded(client, session, settings, editor):
    response = await create_upload(client, editor.headers, settings.max_upload_bytes + 1, "big.mp4")
    assert response.status_code == 413
    assert response.json()["error"] == "upload_too_large"
    assert response.headers["Tus-Resumable"] == "1.0.0"
    [event] = await ledger_events(session, "upload.rejected")
    assert event.payload == {
        "reason": "too_large",
        "display_name": "big.mp4",
        "size_bytes": settings.max_upload_bytes + 1,
    }
    assert (await session.execute(select(Upload))).scalars().all() == []


async def test_disallowed_container_is_refused(client, session, editor):
    for name in ("notes.txt", "movie.mp4.exe", "no-extension"):
        response = await create_upload(client, editor.headers, 100, name)
        assert response.status_code == 415, name
        assert response.json()["error"] == "container_not_allowed"
    nameless = await client.post(
        "/v1/uploads/tus", headers={**editor.headers, **TUS, "Upload-Length": "100"}
    )
    assert nameless.status_code == 415
    reasons = [e.payload["reason"] for e in await ledger_events(session, "upload.rejected")]
    assert reasons == ["container_not_allowed"] * 4


async def test_bad_requests(client, editor):
    location = (await create_upload(client, editor.headers, 100)).headers["Location"]
    plain = await client.patch(
        location, content=b"x", headers={**editor.headers, **TUS, "Upload-Offset": "0"}
    )
    assert plain.status_code == 415
    assert plain.json()["error"] == "unsupported_media_type"
    past_the_end = await patch(client, editor.headers, location, 0, b"x" * 101)
    assert past_the_end.status_code == 413
    assert past_the_end.json()["error"] == "chunk_exceeds_length"
    head = await client.head(location, headers={**editor.headers, **TUS})
    assert head.headers["Upload-Offset"] == "0"
    no_length = await client.post("/v1/uploads/tus", headers={**editor.headers, **TUS})
    assert no_length.status_code == 422
    assert no_length.headers["Tus-Resumable"] == "1.0.0"
    bad_metadata = await client.post(
        "/v1/uploads/tus",
        headers={**editor.headers, **TUS, "Upload-Length": "1", "Upload-Metadata": "filename %%"},
    )
    assert bad_metadata.status_code == 422
    missing = await client.head(
        f"/v1/uploads/tus/{uuid.uuid4()}", headers={**editor.headers, **TUS}
    )
    assert missing.status_code == 404


async def test_uploads_are_private_to_their_workspace(client, session, editor):
    location = (await create_upload(client, editor.headers, 100)).headers["Location"]
    other = await create_workspace(session)
    stranger = await create_member(session, other, "admin")
    viewer = await create_member(session, editor.workspace, "viewer")
    await session.commit()
    outsider = await auth_headers(client, stranger, other)
    assert (await client.head(location, headers={**outsider, **TUS})).status_code == 404
    assert (await patch(client, outsider, location, 0, b"x")).status_code == 404
    assert (await client.delete(location, headers={**outsider, **TUS})).status_code == 404
    watcher = await auth_headers(client, viewer, editor.workspace)
    assert (await create_upload(client, watcher, 100)).status_code == 403
    assert (await patch(client, watcher, location, 0, b"x")).status_code == 403
    unauthenticated = await client.head(location, headers={**TUS})
    assert unauthenticated.status_code in (401, 422)
    assert unauthenticated.headers["Tus-Resumable"] == "1.0.0"


async def test_expired_upload_is_gone_and_pruned(client, session, settings, editor):
    location = (await create_upload(client, editor.headers, 100)).headers["Location"]
    await patch(client, editor.headers, location, 0, b"x" * 10)
    upload = await session.get(Upload, uuid.UUID(location.rsplit("/", 1)[-1]))
    upload.expires_at = utcnow()
    await session.commit()
    assert (await client.head(location, headers={**editor.headers, **TUS})).status_code == 410
    assert (await patch(client, editor.headers, location, 10, b"x")).status_code == 410
    assert partial_path(settings, location).exists()
    assert await service.prune_expired(session, settings) == 1
    assert not partial_path(settings, location).exists()
    assert (await client.head(location, headers={**editor.headers, **TUS})).status_code == 404


# SQLite's write lock already serialises writers; the row lock is PostgreSQL's own.
if IS_POSTGRES:

    async def test_a_second_writer_is_refused_while_a_chunk_is_being_written(
        scratch_database_url, settings
    ):
        engine = create_engine(scratch_database_url, settings)
        factory = create_session_factory(engine)
        try:
            async with factory() as setup:
                workspace = await create_workspace(setup)
                upload = Upload(
                    workspace_id=workspace.id,
                    display_name="a.mp4",
                    length_bytes=10,
                    expires_at=utcnow(),
                )
                setup.add(upload)
                await setup.commit()
            async with factory() as first, factory() as second:
                assert (
                    await repository.lock_in_workspace(first, workspace.id, upload.id) is not None
                )
                with pytest.raises(repository.UploadLocked):
                    await repository.lock_in_workspace(second, workspace.id, upload.id)
        finally:
            await engine.dispose()
