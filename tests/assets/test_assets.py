"""Assets over HTTP: listing, details, timelines, deletion with files, workspace isolation."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from backend.models import Asset, AssetTimeline, Clip, Job, LedgerEvent, Upload, Variant
from backend.storage import get_storage
from tests.factories import auth_headers, create_member, create_workspace
from tests.uploads.helpers import tus_upload, video_bytes


async def _upload(client, headers, name: str, seed: int) -> dict:
    response = await client.post(
        "/v1/upload", headers=headers, files={"file": (name, video_bytes(4000, seed), "video/mp4")}
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_list_newest_first_with_filters_and_pages(client, session, editor):
    created = [await _upload(client, editor.headers, f"v{i}.mp4", 200 + i) for i in range(3)]
    row = await session.get(Asset, uuid.UUID(created[0]["id"]))
    row.state = "ready"
    await session.commit()

    page = (await client.get("/v1/assets?include_total=true", headers=editor.headers)).json()
    assert page["total"] == 3
    assert [a["id"] for a in page["items"]] == [a["id"] for a in reversed(created)]
    ready = (await client.get("/v1/assets?state=ready", headers=editor.headers)).json()
    assert [a["id"] for a in ready["items"]] == [created[0]["id"]]
    first = (await client.get("/v1/assets?limit=1", headers=editor.headers)).json()
    assert [a["id"] for a in first["items"]] == [created[2]["id"]]
    second = (
        await client.get(
            f"/v1/assets?limit=1&include_total=true&cursor={first['next_cursor']}",
            headers=editor.headers,
        )
    ).json()
    assert (second["total"], [a["id"] for a in second["items"]]) == (3, [created[1]["id"]])
    bad = await client.get("/v1/assets?state=unknown", headers=editor.headers)
    assert bad.status_code == 422
    assert (await client.get("/v1/assets?limit=0", headers=editor.headers)).status_code == 422


async def test_detail_shows_processing_results(client, session, editor):
    asset = await _upload(client, editor.headers, "talk.mp4", 210)
    assert asset["media_info"] is None
    assert asset["transcript_status"] == "pending"
    row = await session.get(Asset, uuid.UUID(asset["id"]))
    row.state, row.rejection_reason = "rejected", "no video stream"
    row.media_info, row.duration_seconds = {"streams": [{"codec": "aac"}]}, 6.17
    row.transcript_status, row.transcript_reason = "skipped", "no speech engine"
    await session.commit()
    detail = (await client.get(f"/v1/assets/{asset['id']}", headers=editor.headers)).json()
    assert detail["state"] == "rejected"
    assert detail["rejection_reason"] == "no video stream"
    assert detail["media_info"] == {"streams": [{"codec": "aac"}]}
    assert detail["duration_seconds"] == 6.17
    assert (detail["transcript_status"], detail["transcript_reason"]) == (
        "skipped",
        "no speech engine",
    )
    assert "storage_key" not in detail
    missing = await client.get(f"/v1/assets/{uuid.uuid4()}", headers=editor.headers)
    assert (missing.status_code, missing.json()["error"]) == (404, "asset_not_found")


async def test_source_url_streams_the_uploaded_file(client, editor):
    body = video_bytes(4000, 215)
    response = await client.post(
        "/v1/upload", headers=editor.headers, files={"file": ("play.mp4", body, "video/mp4")}
    )
    uploaded = response.json()
    detail = (await client.get(f"/v1/assets/{uploaded['id']}", headers=editor.headers)).json()
    listed = (await client.get("/v1/assets", headers=editor.headers)).json()["items"]
    assert uploaded["source_url"].startswith("/media/")
    assert detail["source_url"].startswith("/media/")
    assert listed[0]["source_url"].startswith("/media/")
    # The link is its own authorisation (a <video> tag sends no bearer token) and seeks.
    whole = await client.get(detail["source_url"])
    assert (whole.status_code, whole.headers["content-type"]) == (200, "video/mp4")
    assert whole.content == body
    part = await client.get(detail["source_url"], headers={"Range": "bytes=10-19"})
    assert (part.status_code, part.content) == (206, body[10:20])
    link = detail["source_url"]
    forged = link[:-3] + ("BBB" if link.endswith("AAA") else "AAA")
    assert (await client.get(forged)).status_code == 403


async def test_timeline_is_404_until_analysed(client, session, editor):
    asset = await _upload(client, editor.headers, "talk.mp4", 220)
    url = f"/v1/assets/{asset['id']}/timeline"
    early = await client.get(url, headers=editor.headers)
    assert early.status_code == 404
    assert early.json()["error"] == "timeline_not_ready"
    assert "not been analysed yet" in early.json()["detail"]
    session.add(
        AssetTimeline(asset_id=uuid.UUID(asset["id"]), data={"shots": [[0.0, 6.17]], "words": []})
    )
    await session.commit()
    ready = await client.get(url, headers=editor.headers)
    assert ready.status_code == 200
    assert ready.json()["data"] == {"shots": [[0.0, 6.17]], "words": []}
    assert ready.json()["asset_id"] == asset["id"]


async def test_delete_removes_rows_and_files(client, session, settings, editor):
    asset_id = await tus_upload(client, editor.headers, video_bytes(9000, seed=230), "a.mp4")
    storage = get_storage(settings)
    asset = await session.get(Asset, asset_id, populate_existing=True)
    storage.save_bytes(f"assets/{asset_id}/frames/0001.jpg", b"jpeg")
    clip = Clip(
        workspace_id=editor.workspace.id, asset_id=asset_id, start_seconds=0, end_seconds=5, rank=1
    )
    session.add(clip)
    await session.flush()
    variant_key = f"clips/{clip.id}/tiktok.mp4"
    storage.save_bytes(variant_key, b"mp4")
    session.add(
        Variant(
            workspace_id=editor.workspace.id,
            clip_id=clip.id,
            platform="tiktok",
            storage_key=variant_key,
            cover_key=f"clips/{clip.id}/gone.jpg",
        )
    )
    session.add(AssetTimeline(asset_id=asset_id, data={}))
    await session.commit()
    source = settings.media_dir / asset.storage_key
    assert source.exists()

    response = await client.delete(f"/v1/assets/{asset_id}", headers=editor.headers)
    assert response.status_code == 204
    assert not source.exists()
    assert not (settings.media_dir / f"assets/{asset_id}").exists()
    assert not storage.exists(variant_key)
    assert (await client.get(f"/v1/assets/{asset_id}", headers=editor.headers)).status_code == 404
    for model, column in ((Clip, Clip.asset_id), (Job, Job.asset_id)):
        rows = (await session.execute(select(model).where(column == asset_id))).scalars().all()
        assert rows == []
    variants = (await session.execute(select(Variant).where(Variant.clip_id == clip.id))).all()
    assert variants == []
    upload = await session.execute(select(Upload).execution_options(populate_existing=True))
    assert [u.asset_id for u in upload.scalars().all()] == [None]
    events = (
        (await session.execute(select(LedgerEvent).where(LedgerEvent.type == "asset.deleted")))
        .scalars()
        .all()
    )
    assert [(e.asset_id, e.actor_id) for e in events] == [(asset_id, editor.user.id)]
    assert events[0].payload["display_name"] == "a.mp4"
    again = await client.delete(f"/v1/assets/{asset_id}", headers=editor.headers)
    assert again.status_code == 404


async def test_other_workspaces_see_nothing(client, session, editor):
    asset = await _upload(client, editor.headers, "private.mp4", 240)
    other = await create_workspace(session)
    stranger = await create_member(session, other, "admin")
    await session.commit()
    headers = await auth_headers(client, stranger, other)
    assert (await client.get("/v1/assets?include_total=true", headers=headers)).json() == {
        "items": [],
        "total": 0,
        "next_cursor": None,
    }
    for method, suffix in (("GET", ""), ("GET", "/timeline"), ("DELETE", "")):
        response = await client.request(
            method, f"/v1/assets/{asset['id']}{suffix}", headers=headers
        )
        assert response.status_code == 404, (method, suffix)
    assert await session.get(Asset, uuid.UUID(asset["id"]), populate_existing=True) is not None


async def test_viewer_reads_but_cannot_delete(client, session, settings, editor):
    asset = await _upload(client, editor.headers, "keep.mp4", 250)
    viewer = await create_member(session, editor.workspace, "viewer")
    await session.commit()
    headers = await auth_headers(client, viewer, editor.workspace)
    assert (await client.get(f"/v1/assets/{asset['id']}", headers=headers)).status_code == 200
    response = await client.delete(f"/v1/assets/{asset['id']}", headers=headers)
    assert response.status_code == 403
    assert "assets:write" in response.json()["detail"]
    row = await session.get(Asset, uuid.UUID(asset["id"]), populate_existing=True)
    assert (settings.media_dir / row.storage_key).exists()


async def test_tags_and_name_are_edited_and_recorded(client, session, editor):
    asset = await _upload(client, editor.headers, "launch.mp4", 260)
    url = f"/v1/assets/{asset['id']}"
    body = {"tags": [" Launch ", "spring", "launch"], "display_name": "Spring launch"}
    edited = await client.patch(url, json=body, headers=editor.headers)
    assert edited.status_code == 200, edited.text
    assert (edited.json()["tags"], edited.json()["display_name"]) == (
        ["launch", "spring"],
        "Spring launch",
    )
    assert (await client.get(url, headers=editor.headers)).json()["tags"] == ["launch", "spring"]
    again = await client.patch(url, json={"tags": ["launch", "spring"]}, headers=editor.headers)
    assert again.status_code == 200
    events = (
        await session.scalars(select(LedgerEvent).where(LedgerEvent.type == "asset.updated"))
    ).all()
    assert [event.payload for event in events] == [
        {"display_name": "Spring launch", "tags": ["launch", "spring"]}
    ]


async def test_tags_that_are_too_many_or_empty_are_refused(client, editor):
    asset = await _upload(client, editor.headers, "tags.mp4", 270)
    url = f"/v1/assets/{asset['id']}"
    for tags in ([f"t{n}" for n in range(21)], [" "], ["x" * 41]):
        refused = await client.patch(url, json={"tags": tags}, headers=editor.headers)
        assert refused.status_code == 422, tags


async def test_a_viewer_cannot_tag(client, session, editor):
    asset = await _upload(client, editor.headers, "view.mp4", 280)
    viewer = await create_member(session, editor.workspace, "viewer")
    await session.commit()
    headers = await auth_headers(client, viewer, editor.workspace)
    refused = await client.patch(f"/v1/assets/{asset['id']}", json={"tags": ["a"]}, headers=headers)
    assert refused.status_code == 403
