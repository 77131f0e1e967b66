"""One vertical master per clip: a second platform's variant whose render would be the same is a
copy of the first one's stored files, checked against its own platform's rules; a platform whose
render differs is encoded."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select, update

from backend.clips import rendering
from backend.models import Asset, Clip, Job, PlatformRule, Variant
from backend.storage import get_storage
from tests.factories import create_clip
from tests.media.render_helpers import ffmpeg
from workers.tasks import base
from workers.tasks import render as render_task


class _Celery:
    request = SimpleNamespace(retries=0)

    def retry(self, exc: Exception, countdown: float) -> Exception:
        return exc


async def _request_and_run(client, session, editor, clip_id: uuid.UUID, platform: str) -> dict:
    url = f"/v1/clips/{clip_id}/variants"
    response = await client.post(url, headers=editor.headers, json={"platform": platform})
    assert response.status_code == 202, response.text
    variant_id = response.json()["id"]
    [job] = (
        await session.execute(
            select(Job).where(
                Job.clip_id == clip_id, Job.params["variant_id"].as_string() == variant_id
            )
        )
    ).scalars()
    body = render_task.render_variant.__wrapped_body__  # type: ignore[attr-defined]
    assert await base._run_job(_Celery(), body, job.id) == "succeeded"
    variant = await session.get(Variant, uuid.UUID(variant_id), populate_existing=True)
    assert variant is not None
    return {
        "variant": variant,
        "result": (await session.get(Job, job.id, populate_existing=True)).result,
    }


async def _approve(session, platform: str, **changes: object) -> None:
    """A newer approved version of ``platform``'s rules with ``changes``."""
    current = (
        (
            await session.execute(
                select(PlatformRule)
                .where(PlatformRule.platform == platform, PlatformRule.approved_at.is_not(None))
                .order_by(PlatformRule.version.desc())
            )
        )
        .scalars()
        .first()
    )
    newest = await session.scalar(
        select(func.max(PlatformRule.version)).where(PlatformRule.platform == platform)
    )
    rules = {**current.rules, **changes}
    session.add(
        PlatformRule(
            platform=platform, version=newest + 1, rules=rules, approved_at=datetime.now(UTC)
        )
    )
    await session.commit()


@pytest.fixture
async def clip(session, editor, settings, tmp_path: Path):
    """A 3 s clip of a small generated video kept in the configured storage."""
    source = tmp_path / "source.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=4", "-f", "lavfi", "-i",
           "sine=f=440:d=4", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
           "-c:a", "aac", "-y", str(source))  # fmt: skip
    row = await create_clip(session, editor.workspace, start_seconds=0.5, end_seconds=3.5)
    asset = await session.get(Asset, row.asset_id)
    asset.storage_key = f"assets/{asset.id}/source.mp4"
    get_storage(settings).save_file(asset.storage_key, source)
    await session.commit()
    return row


@pytest.fixture
def encodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The platforms an encode ran for (the real render still runs)."""
    seen: list[str] = []
    real = render_task.render_clip

    def counting(*args, **kwargs):
        seen.append(kwargs["rules"]["label"])
        return real(*args, **kwargs)

    monkeypatch.setattr(render_task, "render_clip", counting)
    return seen


async def test_a_second_platform_copies_the_master_and_is_checked_for_itself(
    client, session, editor, worker_sessions, settings, clip, encodes
):
    first = await _request_and_run(client, session, editor, clip.id, "instagram")
    master = first["variant"]
    assert master.state == "ready"
    assert master.checks["passed"] is True
    assert master.checks["platform"] == "instagram"
    assert master.checks["master"]["duration"] == 3.0
    assert encodes == ["Instagram Reels"]

    # TikTok asks for the same encode; here its newest rules also cap the size far below this
    # file, so its own check must fail where Instagram's passed.
    await _approve(session, "tiktok", max_size_bytes=1000)
    second = await _request_and_run(client, session, editor, clip.id, "tiktok")
    copy = second["variant"]
    assert encodes == ["Instagram Reels"]  # no second encode
    assert second["result"]["derived_from"] == str(master.id)
    assert copy.state == "ready"
    assert copy.checks["derived_from"] == str(master.id)
    assert copy.checks["platform"] == "tiktok"
    assert copy.checks["passed"] is False
    assert copy.checks["violations"] == [f"file is {copy.size_bytes} bytes, over 1000"]
    assert (copy.width, copy.height, copy.duration_seconds) == (1080, 1920, 3.0)
    storage = get_storage(settings)
    for ours, theirs in (("storage_key", "storage_key"), ("cover_key", "cover_key"),
                         ("preview_key", "preview_key")):  # fmt: skip
        assert getattr(copy, ours) != getattr(master, theirs)
        assert str(copy.id) in getattr(copy, ours)
        copied = storage.read_bytes(getattr(copy, ours))
        assert copied == storage.read_bytes(getattr(master, theirs))
    # The master's own record is untouched.
    await session.refresh(master)
    assert master.checks["passed"] is True


async def test_a_platform_whose_render_differs_is_encoded(
    client, session, editor, worker_sessions, clip, encodes
):
    await _request_and_run(client, session, editor, clip.id, "instagram")
    await _approve(session, "youtube", max_duration_seconds=2)  # a shorter cap: another file
    youtube = (await _request_and_run(client, session, editor, clip.id, "youtube"))["variant"]
    assert encodes == ["Instagram Reels", "YouTube Shorts"]
    assert youtube.checks["derived_from"] is None
    assert youtube.duration_seconds == 2.0
    assert youtube.checks["passed"] is True


async def test_a_render_that_lands_after_its_clip_moved_goes_round_again(
    client, session, editor, worker_sessions, session_factory, clip, monkeypatch
):
    """Speech recognition moved the clip's start while the render ran (media.transcribe leaves
    a rendering variant alone): what landed is the old range, so the variant is queued again
    and the next render has the new one."""
    real_save = rendering.save_files

    async def speech_moves_the_clip(*args, **kwargs):
        async with session_factory() as other:
            await other.execute(update(Clip).where(Clip.id == clip.id).values(start_seconds=1.0))
            await other.commit()
        return await real_save(*args, **kwargs)

    monkeypatch.setattr(rendering, "save_files", speech_moves_the_clip)
    first = await _request_and_run(client, session, editor, clip.id, "instagram")
    assert first["variant"].state == "pending"
    renders = select(Job).where(Job.clip_id == clip.id, Job.type == "media.render_variant")
    jobs = (await session.execute(renders.order_by(Job.created_at))).scalars().all()
    assert [job.state for job in jobs] == ["succeeded", "pending"]

    monkeypatch.setattr(rendering, "save_files", real_save)
    body = render_task.render_variant.__wrapped_body__  # type: ignore[attr-defined]
    assert await base._run_job(_Celery(), body, jobs[1].id) == "succeeded"
    variant = await session.get(Variant, first["variant"].id, populate_existing=True)
    assert variant is not None
    assert variant.state == "ready"
    assert variant.checks["master"]["range"] == [1.0, 3.5]
