"""A long video's first clip: found in the opening and rendered while the rest is analysed.

media.process analyses the opening first, saves its best clip and queues that clip's render at
once, then analyses the whole video and keeps the first clip among the clips of the whole."""

from __future__ import annotations

import itertools
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from backend.models import Clip, Job, LedgerEvent, Publication
from core.errors import RetryableError
from tests.factories import create_platform_account, create_publication
from tests.pipeline.jobs import jobs_of, run_job, upload
from workers.media.clips import OPENING_CLIPS_END_BY, OPENING_SECONDS
from workers.tasks import media as media_tasks

PATTERNS = ["testsrc2", "smptebars", "mandelbrot", "rgbtestsrc", "cellauto", "testsrc"]


@pytest.fixture(scope="module")
def long_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 s of small pictures in 20 s shots (hard cuts between patterns), a tone that changes
    with each shot and a second of silence at the start of every other one."""
    path = tmp_path_factory.mktemp("long") / "long.mp4"
    inputs, chains = [], []
    for n in range(10):
        picture = f"{PATTERNS[n % len(PATTERNS)]}=size=320x180:rate=15"
        tone = f"sine=frequency={220 + 40 * n}:sample_rate=48000"
        for source in (picture, tone):
            inputs += ["-f", "lavfi", "-t", "20", "-i", source]
        quiet = ",volume=0:enable='lt(t,1)'" if n % 2 else ""
        chains.append(f"[{2 * n}:v]format=yuv420p,setsar=1[v{n}];[{2 * n + 1}:a]anull{quiet}[a{n}]")
    pairs = "".join(f"[v{n}][a{n}]" for n in range(10))
    graph = ";".join(chains) + f";{pairs}concat=n=10:v=1:a=1[v][a]"
    subprocess.run(
        ["ffmpeg", "-v", "error", *inputs, "-filter_complex", graph, "-map", "[v]", "-map", "[a]",
         "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-y", str(path)],
        check=True, timeout=300,
    )  # fmt: skip
    return path


async def _ledger(session, asset_id: str) -> list[tuple[str, dict]]:
    rows = await session.execute(
        select(LedgerEvent.type, LedgerEvent.payload)
        .where(LedgerEvent.asset_id == uuid.UUID(asset_id))
        .order_by(LedgerEvent.seq)
    )
    return [(kind, payload) for kind, payload in rows.all()]


async def _clips(session, asset_id: str) -> list[Clip]:
    rows = await session.execute(
        select(Clip)
        .where(Clip.asset_id == uuid.UUID(asset_id))
        .order_by(Clip.rank)
        .execution_options(populate_existing=True)
    )
    return list(rows.scalars().all())


def _assert_one_render_each(clips: list[Clip], renders: list[Job]) -> None:
    assert sorted(str(job.clip_id) for job in renders) == sorted(str(clip.id) for clip in clips)


def _assert_apart(clips: list[Clip]) -> None:
    spans = sorted((clip.start_seconds, clip.end_seconds) for clip in clips)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start, spans
    assert [clip.rank for clip in clips] == list(range(1, len(clips) + 1))


async def test_the_first_clip_is_rendered_before_the_whole_video_is_analysed(
    client, session, editor, worker_sessions, long_video
):
    asset = await upload(client, editor.headers, long_video)
    [process] = await jobs_of(session, asset["id"], "media.process")
    assert await run_job(session, str(process.id)) == "succeeded"

    trail = await _ledger(session, asset["id"])
    kinds = [kind for kind, _ in trail]
    first_found = kinds.index("clips.first_found")
    first_id = trail[first_found][1]["clip_id"]
    assert trail[first_found][1]["end_seconds"] <= OPENING_CLIPS_END_BY
    # Its render was asked for before the analysis of the whole video was recorded.
    render_asked = next(
        n for n, (kind, payload) in enumerate(trail)
        if kind == "job.created" and payload["job_type"] == "media.render_variant"
    )  # fmt: skip
    assert first_found < render_asked < kinds.index("asset.analyzed")

    clips = await _clips(session, asset["id"])
    assert len(clips) > 1
    assert first_id in {str(clip.id) for clip in clips}  # the same row, kept
    _assert_apart(clips)
    renders = await jobs_of(session, asset["id"], "media.render_variant")
    _assert_one_render_each(clips, renders)
    first_render = min(renders, key=lambda job: job.created_at)
    assert str(first_render.clip_id) == first_id
    # And it renders for real, while the asset is ready with every other clip queued.
    assert await run_job(session, str(first_render.id)) == "succeeded"


async def test_a_retry_after_the_first_clip_keeps_it_and_its_render(
    client, session, editor, worker_sessions, long_video, monkeypatch
):
    analyse = media_tasks.analyze_picture_and_sound
    calls: list[float | None] = []

    def whole_video_fails_once(*args, **kwargs):
        calls.append(kwargs.get("until"))
        if kwargs.get("until") is None and calls.count(None) == 1:
            raise RetryableError("the disk went away for a moment")
        return analyse(*args, **kwargs)

    monkeypatch.setattr(media_tasks, "analyze_picture_and_sound", whole_video_fails_once)
    asset = await upload(client, editor.headers, long_video, name="retried.mp4")
    [process] = await jobs_of(session, asset["id"], "media.process")
    with pytest.raises(RetryableError):
        await run_job(session, str(process.id))
    [first] = await _clips(session, asset["id"])
    [first_render] = await jobs_of(session, asset["id"], "media.render_variant")

    assert await run_job(session, str(process.id)) == "succeeded"
    # The opening was not analysed again: the retry went straight to the whole video.
    assert calls == [OPENING_SECONDS, None, None]
    clips = await _clips(session, asset["id"])
    assert first.id in {clip.id for clip in clips}
    _assert_apart(clips)
    renders = await jobs_of(session, asset["id"], "media.render_variant")
    _assert_one_render_each(clips, renders)
    assert first_render.id in {job.id for job in renders}


async def test_analysing_again_finds_every_clip_anew(
    client, session, editor, worker_sessions, long_video
):
    asset = await upload(client, editor.headers, long_video, name="again.mp4")
    [process] = await jobs_of(session, asset["id"], "media.process")
    assert await run_job(session, str(process.id)) == "succeeded"
    before = {clip.id for clip in await _clips(session, asset["id"])}
    again = await client.post(
        "/v1/jobs", headers=editor.headers, json={"type": "media.analyze", "asset_id": asset["id"]}
    )
    assert again.status_code in (200, 201, 202), again.text
    [analysis] = await jobs_of(session, asset["id"], "media.analyze")
    assert await run_job(session, str(analysis.id)) == "succeeded"
    after = await _clips(session, asset["id"])
    assert after
    assert not before & {clip.id for clip in after}
    kinds = [kind for kind, _ in await _ledger(session, asset["id"])]
    assert kinds.count("clips.first_found") == 1  # the upload's, none from analysing again


async def test_analysing_again_keeps_the_clips_a_marketer_reviewed_or_published(
    client, session, editor, worker_sessions, long_video
):
    asset = await upload(client, editor.headers, long_video, name="in-use.mp4")
    [process] = await jobs_of(session, asset["id"], "media.process")
    assert await run_job(session, str(process.id)) == "succeeded"
    approved, published, *untouched = await _clips(session, asset["id"])
    changed = await client.patch(
        f"/v1/clips/{approved.id}", headers=editor.headers, json={"status": "approved"}
    )
    assert changed.status_code == 200, changed.text
    account = await create_platform_account(session, editor.workspace)
    publication = await create_publication(session, account, published, state="published")
    await session.commit()

    again = await client.post(
        "/v1/jobs", headers=editor.headers, json={"type": "media.analyze", "asset_id": asset["id"]}
    )
    assert again.status_code in (200, 201, 202), again.text
    [analysis] = await jobs_of(session, asset["id"], "media.analyze")
    assert await run_job(session, str(analysis.id)) == "succeeded"

    after = await _clips(session, asset["id"])
    by_id = {clip.id: clip for clip in after}
    assert by_id[approved.id].status == "approved"
    assert published.id in by_id
    assert await session.get(Publication, publication.id, populate_existing=True) is not None
    assert not {clip.id for clip in untouched} & set(by_id)
    _assert_apart(after)
