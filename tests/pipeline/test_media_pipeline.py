"""The media pipeline through the API and the real task bodies: upload → process → clips →
variant rendered to the platform rules → playable through its signed link."""

from __future__ import annotations

import shutil
import uuid

from sqlalchemy import select

from backend.models import Asset, Job, LedgerEvent
from tests.paths import TEST_MEDIA
from tests.pipeline.jobs import jobs_of as _jobs
from tests.pipeline.jobs import run_job as _run
from tests.pipeline.jobs import upload as _upload

SHARED = TEST_MEDIA


async def test_upload_to_playable_variant(client, session, editor, worker_sessions, tmp_path):
    asset = await _upload(client, editor.headers, SHARED / "his_girl_friday_dialogue.mp4")
    [process] = await _jobs(session, asset["id"], "media.process")
    assert await _run(session, str(process.id)) == "succeeded"

    detail = (await client.get(f"/v1/assets/{asset['id']}", headers=editor.headers)).json()
    assert detail["state"] == "ready"
    assert abs(detail["duration_seconds"] - 6.17) < 0.1
    timeline = await client.get(f"/v1/assets/{asset['id']}/timeline", headers=editor.headers)
    assert timeline.status_code == 200
    assert timeline.json()["data"]["shots"] == []
    assert timeline.json()["data"]["loudness"]

    clips = (
        await client.get(
            f"/v1/clips?asset_id={asset['id']}&include_total=true", headers=editor.headers
        )
    ).json()
    assert clips["total"] == 1  # shorter than the minimum: one clip of the whole source
    clip = clips["items"][0]
    assert 5.0 < clip["duration_seconds"] <= 6.2
    breakdown = (await client.get(f"/v1/clips/{clip['id']}", headers=editor.headers)).json()
    assert set(breakdown["breakdown"]) == {"instagram", "tiktok", "youtube"}
    assert "hook" in breakdown["breakdown"]["instagram"]

    [render_job] = await _jobs(session, asset["id"], "media.render_variant")
    assert await _run(session, str(render_job.id)) == "succeeded"
    [variant] = (
        await client.get(f"/v1/clips/{clip['id']}/variants", headers=editor.headers)
    ).json()["items"]
    assert variant["state"] == "ready", variant
    assert variant["checks"]["passed"] is True, variant["checks"]
    assert (variant["width"], variant["height"]) == (1080, 1920)

    whole = await client.get(variant["video_url"])
    assert whole.status_code == 200
    assert whole.headers["content-type"] == "video/mp4"
    part = await client.get(variant["video_url"], headers={"Range": "bytes=0-99"})
    assert part.status_code == 206
    assert part.headers["content-range"].startswith("bytes 0-99/")
    assert len(part.content) == 100
    assert (await client.get(variant["cover_url"])).headers["content-type"] == "image/jpeg"

    types = (
        (
            await session.execute(
                select(LedgerEvent.type).where(LedgerEvent.asset_id == uuid.UUID(asset["id"]))
            )
        )
        .scalars()
        .all()
    )
    for expected in (
        "asset.uploaded",
        "asset.probed",
        "asset.analyzed",
        "clips.found",
        "variant.requested",
        "variant.rendered",
        "job.succeeded",
    ):
        assert expected in types
    # Every state the asset and its variant went through is in the ledger, in order.
    moves = (
        await session.execute(
            select(LedgerEvent.type, LedgerEvent.payload)
            .where(LedgerEvent.asset_id == uuid.UUID(asset["id"]))
            .order_by(LedgerEvent.seq)
        )
    ).all()
    states = [
        (kind.split(".")[0], p["state"])
        for kind, p in moves
        if kind.split(".")[0] in ("asset", "variant") and "state" in p
    ]
    assert states == [
        ("asset", "uploaded"),
        ("asset", "probing"),
        ("asset", "analyzing"),
        ("asset", "ready"),
        ("variant", "pending"),
        ("variant", "rendering"),
        ("variant", "ready"),
    ]


async def test_a_corrupt_upload_fails_its_job_not_the_worker(
    client, session, editor, worker_sessions, tmp_path
):
    corrupt = tmp_path / "holiday.mp4"
    corrupt.write_bytes(b"\x00\x00\x00\x18ftypisom" + bytes(range(256)) * 64)
    asset = await _upload(client, editor.headers, corrupt)
    [process] = await _jobs(session, asset["id"], "media.process")
    assert await _run(session, str(process.id)) == "failed"
    row = await session.get(Asset, uuid.UUID(asset["id"]), populate_existing=True)
    assert row.state == "rejected"
    assert row.rejection_reason
    job = await session.get(Job, process.id, populate_existing=True)
    assert job.state == "failed"
    assert job.error == row.rejection_reason
    # The same worker process carries on with the next upload.
    good = tmp_path / "good.mp4"
    shutil.copy(SHARED / "grid_swwp2s_talking_head.mpg", tmp_path / "grid.mpg")
    asset2 = await _upload(client, editor.headers, tmp_path / "grid.mpg")
    [process2] = await _jobs(session, asset2["id"], "media.process")
    assert await _run(session, str(process2.id)) == "succeeded"
    assert good.parent.exists()


async def test_rerunning_analysis_over_the_api(client, session, editor, worker_sessions):
    asset = await _upload(client, editor.headers, SHARED / "grid_swwp2s_talking_head.mpg")
    missing = await client.post("/v1/jobs", headers=editor.headers, json={"type": "media.analyze"})
    assert missing.status_code == 422
    other = await client.post(
        "/v1/jobs",
        headers=editor.headers,
        json={"type": "media.analyze", "asset_id": str(uuid.uuid4())},
    )
    assert other.status_code == 404
    render = await client.post(
        "/v1/jobs", headers=editor.headers, json={"type": "media.render_variant"}
    )
    assert render.status_code == 422
    started = await client.post(
        "/v1/jobs", headers=editor.headers, json={"type": "media.analyze", "asset_id": asset["id"]}
    )
    assert started.status_code == 202
    assert await _run(session, started.json()["id"]) == "succeeded"
    clips = (
        await client.get(
            f"/v1/clips?asset_id={asset['id']}&include_total=true", headers=editor.headers
        )
    ).json()
    assert clips["total"] == 1
    assert await _jobs(session, asset["id"], "media.render_variant") == []


async def test_a_source_ffmpeg_cannot_render_fails_its_variant(
    client, session, editor, worker_sessions
):
    from backend.config import get_settings
    from backend.storage import get_storage

    asset = await _upload(client, editor.headers, SHARED / "his_girl_friday_dialogue.mp4")
    [process] = await _jobs(session, asset["id"], "media.process")
    assert await _run(session, str(process.id)) == "succeeded"
    # The stored source goes bad after analysis (a damaged disk, a bad copy).
    row = await session.get(Asset, uuid.UUID(asset["id"]), populate_existing=True)
    get_storage(get_settings()).path_for(row.storage_key).write_bytes(b"not a video" * 1000)

    [render_job] = await _jobs(session, asset["id"], "media.render_variant")
    assert await _run(session, str(render_job.id)) == "failed"
    clips = (
        await client.get(
            f"/v1/clips?asset_id={asset['id']}&include_total=true", headers=editor.headers
        )
    ).json()
    variants = await client.get(
        f"/v1/clips/{clips['items'][0]['id']}/variants", headers=editor.headers
    )
    [variant] = variants.json()["items"]
    assert variant["state"] == "failed", variant
    assert variant["error"]


async def test_an_unexpected_render_error_fails_its_variant_too(
    client, session, editor, worker_sessions, monkeypatch
):
    from backend.storage.local import LocalStorage

    asset = await _upload(client, editor.headers, SHARED / "his_girl_friday_dialogue.mp4")
    [process] = await _jobs(session, asset["id"], "media.process")
    assert await _run(session, str(process.id)) == "succeeded"

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the disk refused the rendered file")

    monkeypatch.setattr(LocalStorage, "save_file", refuse)
    [render_job] = await _jobs(session, asset["id"], "media.render_variant")
    assert await _run(session, str(render_job.id)) == "failed"
    clips = (
        await client.get(
            f"/v1/clips?asset_id={asset['id']}&include_total=true", headers=editor.headers
        )
    ).json()
    variants = await client.get(
        f"/v1/clips/{clips['items'][0]['id']}/variants", headers=editor.headers
    )
    [variant] = variants.json()["items"]
    assert variant["state"] == "failed", variant
    assert "the disk refused the rendered file" in variant["error"]
    failed = await session.scalar(
        select(LedgerEvent).where(
            LedgerEvent.type == "variant.failed", LedgerEvent.job_id == render_job.id
        )
    )
    assert failed.payload["previous"] == "rendering"
    assert "the disk refused the rendered file" in failed.payload["reason"]
