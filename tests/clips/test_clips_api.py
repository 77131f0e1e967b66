"""Clips: filters, sorting, pages, review, variant requests, signed media links."""

from __future__ import annotations

import time
import uuid

from sqlalchemy import select

from backend.media import service as media
from backend.models import Asset, Clip, Job, LedgerEvent, Variant
from backend.storage import get_storage
from tests.factories import auth_headers, create_member, create_workspace


async def _asset(session, workspace_id) -> Asset:
    asset = Asset(
        workspace_id=workspace_id,
        display_name="talk.mp4",
        storage_key="assets/x/s.mp4",
        size_bytes=10,
        sha256=uuid.uuid4().hex * 2,
        state="ready",
    )
    session.add(asset)
    await session.flush()
    return asset


async def _clips(session, asset: Asset) -> list[Clip]:
    rows = [
        Clip(
            workspace_id=asset.workspace_id,
            asset_id=asset.id,
            start_seconds=10.0 * i,
            end_seconds=10.0 * i + 20,
            rank=i + 1,
            score=s["instagram"] if s["instagram"] > s["tiktok"] else s["tiktok"],
            scores=s,
            features={"hook": 0.5, "duration_fit": {"instagram": 1.0, "tiktok": 1.0}},
        )
        for i, s in enumerate(
            [
                {"instagram": 0.9, "tiktok": 0.2},
                {"instagram": 0.3, "tiktok": 0.8},
                {"instagram": 0.1, "tiktok": 0.1},
            ]
        )
    ]
    session.add_all(rows)
    await session.commit()
    return rows


async def test_filters_sorting_and_pages(client, session, editor):
    asset = await _asset(session, editor.workspace.id)
    await _clips(session, asset)
    best = (await client.get("/v1/clips", headers=editor.headers)).json()
    assert [c["score"] for c in best["items"]] == [0.9, 0.8, 0.1]
    tiktok = (
        await client.get("/v1/clips?platform=tiktok&min_score=0.5", headers=editor.headers)
    ).json()
    assert [c["scores"]["tiktok"] for c in tiktok["items"]] == [0.8]
    first = (await client.get("/v1/clips?sort=start&limit=1", headers=editor.headers)).json()
    by_start = (
        await client.get(
            f"/v1/clips?sort=start&limit=2&include_total=true&cursor={first['next_cursor']}",
            headers=editor.headers,
        )
    ).json()
    assert [c["start_seconds"] for c in by_start["items"]] == [10.0, 20.0]
    assert (by_start["total"], by_start["next_cursor"]) == (3, None)
    # A cursor belongs to its sort order: continuing it under another one is refused.
    other_order = await client.get(
        f"/v1/clips?sort=-start&cursor={first['next_cursor']}", headers=editor.headers
    )
    assert (other_order.status_code, other_order.json()["error"]) == (400, "invalid_cursor")
    other = (
        await client.get(
            f"/v1/clips?asset_id={uuid.uuid4()}&include_total=true", headers=editor.headers
        )
    ).json()
    assert other["total"] == 0


async def test_review_and_breakdown(client, session, editor):
    asset = await _asset(session, editor.workspace.id)
    first, *_ = await _clips(session, asset)
    detail = (await client.get(f"/v1/clips/{first.id}", headers=editor.headers)).json()
    assert detail["breakdown"]["instagram"]["hook"]["weight"] == 0.25
    assert detail["breakdown"]["instagram"]["hook"]["contribution"] == 0.125
    assert detail["duration_fit"] == {"instagram": 1.0, "tiktok": 1.0}
    approved = await client.patch(
        f"/v1/clips/{first.id}", headers=editor.headers, json={"status": "approved"}
    )
    assert approved.json()["status"] == "approved"
    listed = (await client.get("/v1/clips?status=approved", headers=editor.headers)).json()
    assert [c["id"] for c in listed["items"]] == [str(first.id)]


async def test_variant_requests_start_one_render_each(client, session, editor):
    asset = await _asset(session, editor.workspace.id)
    first, *_ = await _clips(session, asset)
    url = f"/v1/clips/{first.id}/variants"
    started = await client.post(url, headers=editor.headers, json={"platform": "tiktok"})
    assert started.status_code == 202
    assert started.json()["state"] == "pending"
    again = await client.post(url, headers=editor.headers, json={"platform": "tiktok"})
    assert again.status_code == 200
    jobs = (await session.execute(select(Job).where(Job.clip_id == first.id))).scalars().all()
    assert [j.type for j in jobs] == ["media.render_variant"]
    bad = await client.post(url, headers=editor.headers, json={"platform": "myspace"})
    assert bad.status_code == 422


async def test_other_workspaces_and_viewers(client, session, editor):
    asset = await _asset(session, editor.workspace.id)
    first, *_ = await _clips(session, asset)
    elsewhere = await create_workspace(session)
    outsider = await create_member(session, elsewhere, "admin")
    viewer = await create_member(session, editor.workspace, "viewer")
    await session.commit()
    outsider_headers = await auth_headers(client, outsider, elsewhere)
    assert (await client.get(f"/v1/clips/{first.id}", headers=outsider_headers)).status_code == 404
    viewer_headers = await auth_headers(client, viewer, editor.workspace)
    assert (await client.get(f"/v1/clips/{first.id}", headers=viewer_headers)).status_code == 200
    refused = await client.post(
        f"/v1/clips/{first.id}/variants", headers=viewer_headers, json={"platform": "tiktok"}
    )
    assert refused.status_code == 403


async def test_signed_links(client, settings):
    storage = get_storage(settings)
    storage.save_bytes("tests/links/clip.mp4", bytes(range(256)) * 4)
    link = media.url(settings, "tests/links/clip.mp4")
    whole = await client.get(link)
    assert (whole.status_code, len(whole.content)) == (200, 1024)
    assert whole.headers["accept-ranges"] == "bytes"
    tail = await client.get(link, headers={"Range": "bytes=-24"})
    assert (tail.status_code, tail.headers["content-range"]) == (206, "bytes 1000-1023/1024")
    assert tail.content == (bytes(range(256)) * 4)[1000:]
    outside = await client.get(link, headers={"Range": "bytes=5000-"})
    assert outside.status_code == 416
    assert outside.headers["content-range"] == "bytes */1024"
    token = link.rsplit("/", 1)[1]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert (await client.get(f"/media/{tampered}")).status_code == 403
    expired = media.sign(settings, "tests/links/clip.mp4", now=time.time() - 99999)
    assert (await client.get(f"/media/{expired}")).status_code == 410
    other_key = media.url(settings, "tests/links/missing.mp4")
    assert (await client.get(other_key)).status_code == 404


async def test_caption_edit_is_validated_and_recorded(client, session, editor):
    asset = await _asset(session, editor.workspace.id)
    first, *_ = await _clips(session, asset)
    url = f"/v1/clips/{first.id}"
    assert (await client.get(url, headers=editor.headers)).json()["caption"] == ""
    edited = await client.patch(
        url, headers=editor.headers, json={"caption": "  Hildy quits — again. #screwball  "}
    )
    assert edited.status_code == 200
    assert edited.json()["caption"] == "Hildy quits — again. #screwball"
    assert edited.json()["status"] == "candidate"
    assert (await client.get(url, headers=editor.headers)).json()["caption"] == (
        "Hildy quits — again. #screwball"
    )
    listed = (await client.get("/v1/clips", headers=editor.headers)).json()
    assert listed["items"][0]["caption"] == "Hildy quits — again. #screwball"
    # Instagram's 2,200 characters is the limit; longer is refused in words.
    assert (
        await client.patch(url, headers=editor.headers, json={"caption": "x" * 2200})
    ).status_code == 200
    too_long = await client.patch(url, headers=editor.headers, json={"caption": "x" * 2201})
    assert too_long.status_code == 422
    assert "caption" in too_long.json()["detail"]
    assert "2200 characters" in too_long.json()["detail"]
    empty = await client.patch(url, headers=editor.headers, json={})
    assert empty.status_code == 422
    assert "send a status, a caption, or both" in empty.json()["detail"]
    # Both at once; the same caption again records nothing new.
    both = await client.patch(
        url, headers=editor.headers, json={"caption": "x" * 2200, "status": "approved"}
    )
    assert both.json()["status"] == "approved"
    events = (
        (
            await session.execute(
                select(LedgerEvent)
                .where(LedgerEvent.clip_id == first.id)
                .order_by(LedgerEvent.chain_seq)
            )
        )
        .scalars()
        .all()
    )
    assert [e.type for e in events] == [
        "clip.caption_changed",
        "clip.caption_changed",
        "clip.status_changed",
    ]
    assert events[0].payload == {"from": "", "to": "Hildy quits — again. #screwball"}
    assert events[0].actor_id == editor.user.id


async def test_viewers_cannot_edit_captions(client, session, editor):
    asset = await _asset(session, editor.workspace.id)
    first, *_ = await _clips(session, asset)
    viewer = await create_member(session, editor.workspace, "viewer")
    await session.commit()
    viewer_headers = await auth_headers(client, viewer, editor.workspace)
    refused = await client.patch(
        f"/v1/clips/{first.id}", headers=viewer_headers, json={"caption": "mine"}
    )
    assert refused.status_code == 403


async def test_listed_clips_name_their_video_and_link_something_to_play(
    client, session, editor, settings
):
    asset = await _asset(session, editor.workspace.id)
    first, second, _ = await _clips(session, asset)
    session.add(
        Variant(
            workspace_id=asset.workspace_id,
            clip_id=second.id,
            platform="tiktok",
            state="ready",
            storage_key="variants/v/video.mp4",
            cover_key="variants/v/cover.jpg",
            preview_key="variants/v/preview.mp4",
        )
    )
    await session.commit()
    listed = (await client.get("/v1/clips", headers=editor.headers)).json()["items"]
    by_id = {c["id"]: c for c in listed}
    assert {c["asset_name"] for c in listed} == {"talk.mp4"}
    assert all(c["source_url"].startswith("/media/") for c in listed)
    assert by_id[str(first.id)]["preview_url"] is None
    assert by_id[str(second.id)]["preview_url"].startswith("/media/")
    assert by_id[str(second.id)]["cover_url"].startswith("/media/")
    detail = (await client.get(f"/v1/clips/{second.id}", headers=editor.headers)).json()
    assert detail["asset_name"] == "talk.mp4"
    # The links sign the variant's files (each link carries its own expiry).
    signed = media.verify(settings, detail["preview_url"].removeprefix("/media/"))
    assert signed.key == "variants/v/preview.mp4"
