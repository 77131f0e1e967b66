"""Resumable uploads over the tus 1.0 protocol, through the real app and real files."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import select

from backend.models import Asset, Job, Upload
from tests.broker import drain
from tests.uploads.helpers import (
    CHUNK,
    TUS,
    checksum,
    create_upload,
    ledger_events,
    metadata,
    partial_path,
    patch,
    tus_upload,
    video_bytes,
)


async def test_discovery_needs_no_authentication(client, settings):
    response = await client.options("/v1/uploads/tus")
    assert response.status_code == 204
    assert response.headers["Tus-Resumable"] == "1.0.0"
    assert response.headers["Tus-Version"] == "1.0.0"
    assert response.headers["Tus-Extension"] == "creation,termination,checksum"
    assert response.headers["Tus-Max-Size"] == str(settings.max_upload_bytes)
    assert set(response.headers["Tus-Checksum-Algorithm"].split(",")) == {"sha1", "sha256", "md5"}


async def test_upload_in_three_chunks_becomes_an_asset_with_a_job(
    client, session, settings, editor
):
    drain("media")
    data = video_bytes(300_001)
    created = await create_upload(client, editor.headers, len(data), "Interview.MP4")
    assert created.status_code == 201, created.text
    assert created.headers["Tus-Resumable"] == "1.0.0"
    location = created.headers["Location"]
    assert re.fullmatch(r"/v1/uploads/tus/[0-9a-f-]{36}", location)
    assert created.json()["offset_bytes"] == 0
    assert partial_path(settings, location).exists()

    first = await patch(client, editor.headers, location, 0, data[:100_000])
    assert (first.status_code, first.headers["Upload-Offset"]) == (204, "100000")
    assert "Stakazo-Asset-Id" not in first.headers
    second = await patch(
        client,
        editor.headers,
        location,
        100_000,
        data[100_000:200_000],
        **{"Upload-Checksum": checksum("sha256", data[100_000:200_000])},
    )
    assert second.headers["Upload-Offset"] == "200000"
    last = await patch(
        client,
        editor.headers,
        location,
        200_000,
        data[200_000:],
        **{"Upload-Checksum": checksum("md5", data[200_000:])},
    )
    assert last.status_code == 204, last.text
    assert last.headers["Upload-Offset"] == str(len(data))
    asset_id = uuid.UUID(last.headers["Stakazo-Asset-Id"])

    asset = (await client.get(f"/v1/assets/{asset_id}", headers=editor.headers)).json()
    assert asset["state"] == "uploaded"
    assert asset["display_name"] == "Interview.MP4"
    assert asset["size_bytes"] == len(data)
    row = await session.get(Asset, asset_id, populate_existing=True)
    assert row.storage_key == f"assets/{asset_id}/source.mp4"
    assert (settings.media_dir / row.storage_key).read_bytes() == data
    assert not partial_path(settings, location).exists()

    jobs = (await session.execute(select(Job).where(Job.asset_id == asset_id))).scalars().all()
    assert [(j.type, j.state, j.created_by_id) for j in jobs] == [
        ("media.process", "pending", editor.user.id)
    ]
    assert [m["task"] for m in drain("media") if m["id"] == str(jobs[0].id)] == ["media.process"]
    [event] = [e for e in await ledger_events(session, "asset.uploaded") if e.asset_id == asset_id]
    assert (event.workspace_id, event.actor_id) == (editor.workspace.id, editor.user.id)
    assert event.payload == {
        "state": "uploaded",
        "previous": None,
        "display_name": "Interview.MP4",
        "size_bytes": len(data),
        "sha256": asset["sha256"],
        "deduplicated": False,
    }

    head = await client.head(location, headers={**editor.headers, **TUS})
    assert head.headers["Upload-Offset"] == str(len(data))
    assert head.headers["Stakazo-Asset-Id"] == str(asset_id)


async def test_resume_after_head(client, editor):
    data = video_bytes(50_000, seed=1)
    location = (await create_upload(client, editor.headers, len(data))).headers["Location"]
    await patch(client, editor.headers, location, 0, data[:20_000])
    # The connection dropped: the client does not know what arrived, so it asks.
    head = await client.head(location, headers={**editor.headers, **TUS})
    assert head.status_code == 200
    assert head.headers["Upload-Offset"] == "20000"
    assert head.headers["Upload-Length"] == "50000"
    assert head.headers["Cache-Control"] == "no-store"
    assert head.headers["Tus-Resumable"] == "1.0.0"
    assert head.headers["Upload-Metadata"] == metadata(filename="talk.mp4")
    rest = await patch(client, editor.headers, location, 20_000, data[20_000:])
    assert rest.status_code == 204
    assert "Stakazo-Asset-Id" in rest.headers


async def test_out_of_order_chunk_is_refused_with_the_current_offset(client, settings, editor):
    data = video_bytes(30_000, seed=2)
    location = (await create_upload(client, editor.headers, len(data))).headers["Location"]
    early = await patch(client, editor.headers, location, 10_000, data[10_000:20_000])
    assert early.status_code == 409
    assert early.headers["Upload-Offset"] == "0"
    assert early.headers["Tus-Resumable"] == "1.0.0"
    assert early.json()["error"] == "offset_mismatch"
    assert partial_path(settings, location).stat().st_size == 0


async def test_duplicate_chunk_is_refused_and_the_offset_is_unchanged(client, settings, editor):
    data = video_bytes(30_000, seed=3)
    location = (await create_upload(client, editor.headers, len(data))).headers["Location"]
    assert (await patch(client, editor.headers, location, 0, data[:10_000])).status_code == 204
    again = await patch(client, editor.headers, location, 0, data[:10_000])
    assert again.status_code == 409
    assert again.headers["Upload-Offset"] == "10000"
    head = await client.head(location, headers={**editor.headers, **TUS})
    assert head.headers["Upload-Offset"] == "10000"
    assert partial_path(settings, location).read_bytes() == data[:10_000]


async def test_checksum_mismatch_discards_the_chunk(client, session, settings, editor):
    data = video_bytes(20_000, seed=4)
    location = (await create_upload(client, editor.headers, len(data))).headers["Location"]
    corrupted = await patch(
        client,
        editor.headers,
        location,
        0,
        data[:10_000],
        **{"Upload-Checksum": checksum("sha1", b"something else")},
    )
    assert corrupted.status_code == 460
    assert corrupted.json()["error"] == "checksum_mismatch"
    head = await client.head(location, headers={**editor.headers, **TUS})
    assert head.headers["Upload-Offset"] == "0"
    assert partial_path(settings, location).stat().st_size == 0
    [event] = await ledger_events(session, "upload.rejected")
    assert event.payload["reason"] == "checksum_mismatch"
    assert event.actor_id == editor.user.id

    good = await patch(
        client,
        editor.headers,
        location,
        0,
        data[:10_000],
        **{"Upload-Checksum": checksum("sha1", data[:10_000])},
    )
    assert (good.status_code, good.headers["Upload-Offset"]) == (204, "10000")
    unknown = await patch(
        client,
        editor.headers,
        location,
        10_000,
        data[10_000:],
        **{"Upload-Checksum": "crc32 AAAAAA=="},
    )
    assert unknown.status_code == 400
    assert unknown.json()["error"] == "checksum_algorithm_unsupported"


async def test_termination_removes_the_partial_file(client, session, settings, editor):
    location = (await create_upload(client, editor.headers, 1000)).headers["Location"]
    await patch(client, editor.headers, location, 0, b"a" * 400)
    assert partial_path(settings, location).exists()
    deleted = await client.delete(location, headers={**editor.headers, **TUS})
    assert deleted.status_code == 204
    assert deleted.headers["Tus-Resumable"] == "1.0.0"
    assert not partial_path(settings, location).exists()
    assert (await client.head(location, headers={**editor.headers, **TUS})).status_code == 404
    assert (await patch(client, editor.headers, location, 400, b"b")).status_code == 404
    [event] = await ledger_events(session, "upload.terminated")
    assert event.payload["offset_bytes"] == 400


async def test_hostile_file_names_stay_display_names(client, session, settings, editor):
    names = {
        "../../../etc/cron.d/évil\x00name.mov": "évilname.mov",
        "C:\\Users\\me\\クリップ 🎬 final.MKV": "クリップ 🎬 final.MKV",
        "/abs/\u202eevil.webm": "evil.webm",
    }
    for seed, (sent, shown) in enumerate(names.items()):
        asset_id = await tus_upload(client, editor.headers, video_bytes(5000, seed=10 + seed), sent)
        asset = await session.get(Asset, asset_id, populate_existing=True)
        assert asset.display_name == shown
        extension = shown.rsplit(".", 1)[-1].lower()
        assert asset.storage_key == f"assets/{asset_id}/source.{extension}"
        stored = (settings.media_dir / asset.storage_key).resolve()
        assert stored.is_relative_to(settings.media_dir.resolve())
        assert stored.stat().st_size == 5000
    assert not (settings.media_dir / "etc").exists()
    assert not list(settings.media_dir.rglob("*évil*"))


async def test_same_file_twice_is_the_same_asset(client, session, settings, editor):
    data = video_bytes(40_000, seed=20)
    first = await tus_upload(client, editor.headers, data, "take-1.mp4")
    second = await tus_upload(client, editor.headers, data, "take-1-copy.mp4", chunks=2)
    assert first == second
    assets = (await session.execute(select(Asset).where(Asset.id == first))).scalars().all()
    assert len(assets) == 1
    jobs = (await session.execute(select(Job).where(Job.asset_id == first))).scalars().all()
    assert len(jobs) == 1
    events = [e for e in await ledger_events(session, "asset.uploaded") if e.asset_id == first]
    assert [e.payload["deduplicated"] for e in events] == [False, True]
    assert events[1].payload["display_name"] == "take-1-copy.mp4"
    uploads = (await session.execute(select(Upload))).scalars().all()
    assert {u.asset_id for u in uploads} == {first}
    assert list((settings.media_dir / "incoming").glob(f"{uploads[0].id}*")) == []


async def test_lost_partial_restarts_from_what_the_disk_holds(client, settings, editor):
    data = video_bytes(3000, seed=30)
    location = (await create_upload(client, editor.headers, len(data))).headers["Location"]
    await patch(client, editor.headers, location, 0, data[:2000])
    partial_path(settings, location).unlink()
    head = await client.head(location, headers={**editor.headers, **TUS})
    assert head.headers["Upload-Offset"] == "0"
    assert (await patch(client, editor.headers, location, 0, data)).status_code == 204


async def test_metadata_keys_are_kept(client, session, editor):
    headers = {
        **editor.headers,
        **TUS,
        "Upload-Length": "10",
        "Upload-Metadata": metadata(filename="a.mp4", filetype="video/mp4") + ",is_confidential",
    }
    created = await client.post("/v1/uploads/tus", headers=headers)
    assert created.status_code == 201
    upload = await session.get(Upload, uuid.UUID(created.json()["id"]), populate_existing=True)
    assert upload.upload_metadata == {
        "filename": "a.mp4",
        "filetype": "video/mp4",
        "is_confidential": "",
    }


async def test_a_streamed_chunk_without_content_length(client, session, settings, editor):
    data = video_bytes(3 * 1024 * 1024 + 5, seed=40)
    location = (await create_upload(client, editor.headers, len(data))).headers["Location"]

    async def pieces():
        for start in range(0, len(data), 64 * 1024):
            yield data[start : start + 64 * 1024]

    response = await client.patch(
        location, content=pieces(), headers={**editor.headers, **CHUNK, "Upload-Offset": "0"}
    )
    assert response.status_code == 204, response.text
    asset = await session.get(Asset, uuid.UUID(response.headers["Stakazo-Asset-Id"]))
    assert (settings.media_dir / asset.storage_key).read_bytes() == data
