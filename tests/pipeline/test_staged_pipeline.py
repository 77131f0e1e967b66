"""Clips before speech: media.process finds and queues the clips' renders from the picture and
the sound alone, then queues media.transcribe, which refines the same clips with the words."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from backend.assets import refine
from backend.jobs import subjects
from backend.models import Asset, Clip, Job, LedgerEvent
from tests.paths import TEST_MEDIA
from tests.pipeline.jobs import jobs_of, run_job, upload

GRID = TEST_MEDIA / "grid_swwp2s_talking_head.mpg"
FRIDAY = TEST_MEDIA / "his_girl_friday_dialogue.mp4"


async def _created_order(session, asset_id: str) -> list[str]:
    rows = await session.execute(
        select(LedgerEvent.payload)
        .where(LedgerEvent.asset_id == uuid.UUID(asset_id), LedgerEvent.type == "job.created")
        .order_by(LedgerEvent.seq)
    )
    return [payload["job_type"] for payload in rows.scalars()]


async def _processed(client, session, editor, path) -> tuple[dict, Clip]:
    asset = await upload(client, editor.headers, path)
    [process] = await jobs_of(session, asset["id"], "media.process")
    assert await run_job(session, str(process.id)) == "succeeded"
    [clip] = (
        (await session.execute(select(Clip).where(Clip.asset_id == uuid.UUID(asset["id"]))))
        .scalars()
        .all()
    )
    return asset, clip


async def test_clips_come_first_and_speech_refines_them(client, session, editor, worker_sessions):
    asset, clip = await _processed(client, session, editor, GRID)
    detail = (await client.get(f"/v1/assets/{asset['id']}", headers=editor.headers)).json()
    assert (detail["state"], detail["transcript_status"]) == ("ready", "pending")
    timeline = (
        await client.get(f"/v1/assets/{asset['id']}/timeline", headers=editor.headers)
    ).json()["data"]
    assert timeline["words"] is None
    assert timeline["pauses"]
    # The whole sentence, before any word is known (set starts 0.49, soon ends 2.21).
    assert clip.start_seconds <= 0.49
    assert clip.end_seconds >= 2.21
    # The render is queued before speech recognition, so speech never holds a clip back.
    assert await _created_order(session, asset["id"]) == [
        "media.process",
        "media.render_variant",
        "media.transcribe",
    ]

    [transcription] = await jobs_of(session, asset["id"], "media.transcribe")
    assert await run_job(session, str(transcription.id)) == "succeeded"
    row = await session.get(Asset, uuid.UUID(asset["id"]), populate_existing=True)
    assert row.transcript_status == "available"
    refined = await session.get(Clip, clip.id, populate_existing=True)
    assert refined is not None  # the same clip, refined in place
    words = (await client.get(f"/v1/assets/{asset['id']}/timeline", headers=editor.headers)).json()[
        "data"
    ]["words"]
    assert words
    assert refined.transcript
    for word in words:
        for edge in (refined.start_seconds, refined.end_seconds):
            assert not word["start"] + 0.02 < edge < word["end"] - 0.02, (edge, word)
    job = await session.get(Job, transcription.id, populate_existing=True)
    moved = job.result["clips_moved"]
    renders = await jobs_of(session, asset["id"], "media.render_variant")
    assert len(renders) == 1 + moved  # rendered again only if its edges moved


async def test_refining_renders_again_only_what_no_longer_matches(
    client, session, editor, worker_sessions
):
    asset, clip = await _processed(client, session, editor, FRIDAY)
    [plain_job] = await jobs_of(session, asset["id"], "media.render_variant")
    assert await run_job(session, str(plain_job.id)) == "succeeded"
    captioned = await client.post(
        f"/v1/clips/{clip.id}/variants",
        headers=editor.headers,
        json={"platform": "tiktok", "captions": True},
    )
    assert captioned.status_code in (200, 201, 202), captioned.text
    [caption_job] = [
        j
        for j in await jobs_of(session, asset["id"], "media.render_variant")
        if j.id != plain_job.id
    ]
    assert await run_job(session, str(caption_job.id)) == "succeeded"
    [transcription] = await jobs_of(session, asset["id"], "media.transcribe")
    loaded_asset, stored, clips = await refine.load_for_refining(session, transcription)
    same = {
        "start": clip.start_seconds,
        "end": clip.end_seconds,
        "score": 0.9,
        "scores": {"tiktok": 0.9},
        "features": clip.features,
    }

    async def refine_with(row: dict) -> refine.Refined:
        outcome = await refine.record_refined(
            session,
            loaded_asset,
            transcription,
            timeline={**stored.data, "words": [{"text": "Hildy", "start": 0.1, "end": 0.6}]},
            transcript_status="available",
            transcript_reason=None,
            refined=[(clips[0], row)],
            weights_version=clip.weights_version,
        )
        await session.commit()
        return outcome

    # Same edges: only the variant that shows the words is rendered again.
    outcome = await refine_with(same)
    assert (outcome.moved, outcome.rendered_again) == (0, 1)
    renders = await jobs_of(session, asset["id"], "media.render_variant")
    assert len(renders) == 3
    refreshed = await session.get(Clip, clip.id, populate_existing=True)
    assert refreshed.score == 0.9
    assert refreshed.transcript == "Hildy"
    variants = (await client.get(f"/v1/clips/{clip.id}/variants", headers=editor.headers)).json()[
        "items"
    ]
    states = {(v["captions"]): v["state"] for v in variants}
    assert states == {False: "ready", True: "pending"}

    # An edge moved: the plain variant goes again; the captioned one is already on its way.
    outcome = await refine_with({**same, "end": clip.end_seconds - 0.5})
    assert (outcome.moved, outcome.rendered_again) == (1, 1)
    assert len(await jobs_of(session, asset["id"], "media.render_variant")) == 4


async def test_a_failed_transcription_leaves_the_clips_standing(
    client, session, editor, worker_sessions
):
    asset, clip = await _processed(client, session, editor, GRID)
    [transcription] = await jobs_of(session, asset["id"], "media.transcribe")
    await subjects.fail_with(session, transcription, "the engine crashed")
    await session.commit()
    row = await session.get(Asset, uuid.UUID(asset["id"]), populate_existing=True)
    assert row.state == "ready"
    assert row.transcript_status == "unavailable"
    assert "the engine crashed" in (row.transcript_reason or "")
    assert await session.get(Clip, clip.id, populate_existing=True) is not None
