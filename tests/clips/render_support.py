"""What the tests of edited clips' renders share: a clip of a generated video with a transcript,
kept in the configured storage, and its pending renders run through the real render task."""

from __future__ import annotations

import uuid
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import select

from backend.models import Asset, AssetTimeline, Clip, Job, Variant
from backend.storage import get_storage
from tests.factories import create_clip
from tests.media.render_helpers import ffmpeg
from workers.tasks import base
from workers.tasks import render as render_task


class _Celery:
    request = SimpleNamespace(retries=0)

    def retry(self, exc: Exception, countdown: float) -> Exception:
        return exc


async def run_renders(session, clip_id: uuid.UUID) -> list[Variant]:
    """Run the clip's pending render jobs; its variants, those without captions first."""
    pending = select(Job).where(Job.clip_id == clip_id, Job.state == "pending")
    body = render_task.render_variant.__wrapped_body__  # type: ignore[attr-defined]
    for job in (await session.execute(pending)).scalars().all():
        assert await base._run_job(_Celery(), body, job.id) == "succeeded"
    found = await session.execute(
        select(Variant).where(Variant.clip_id == clip_id).execution_options(populate_existing=True)
    )
    return sorted(found.scalars().all(), key=lambda v: v.captions)


async def clip_with_words(
    session, editor, settings, folder: Path, words: list[tuple[str, float, float]]
) -> Clip:
    """A 3 s clip (0.5-3.5 s) of a 4 s generated video whose transcript is ``words``, heard by
    a server engine (so its captions are trusted)."""
    source = folder / "source.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=4", "-f", "lavfi", "-i",
           "sine=f=440:d=4", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
           "-c:a", "aac", "-y", str(source))  # fmt: skip
    row = await create_clip(session, editor.workspace, start_seconds=0.5, end_seconds=3.5)
    asset = await session.get(Asset, row.asset_id)
    assert asset is not None
    asset.storage_key = f"assets/{asset.id}/source.mp4"
    get_storage(settings).save_file(asset.storage_key, source)
    session.add(
        AssetTimeline(
            asset_id=row.asset_id,
            data={"duration": 4.0, "shots": [], "pauses": [], "speech_engine": "openai",
                  "words": [{"text": t, "start": a, "end": b} for t, a, b in words]},
        )
    )  # fmt: skip
    await session.commit()
    return row
