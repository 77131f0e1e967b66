"""An edited clip re-renders only what the edit changed, with its own words and preset: a variant
without captions is the parent's file again (copied, not encoded) after a preset change, the
captioned one is encoded with the new preset, and a fixed word is what the captions show."""

from __future__ import annotations

import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from backend.models import Asset, AssetTimeline, Job, Variant
from backend.storage import get_storage
from tests.factories import create_clip
from tests.media.render_helpers import ffmpeg
from workers.media import render as render_module
from workers.tasks import base
from workers.tasks import render as render_task

WORDS = [("so", 0.6, 0.9), ("what", 1.0, 1.3), ("happened", 1.4, 2.0), ("here?", 2.1, 2.6)]


class _Celery:
    request = SimpleNamespace(retries=0)

    def retry(self, exc: Exception, countdown: float) -> Exception:
        return exc


async def _run_renders(session, clip_id: uuid.UUID) -> list[Variant]:
    jobs = (
        (await session.execute(select(Job).where(Job.clip_id == clip_id, Job.state == "pending")))
        .scalars()
        .all()
    )
    body = render_task.render_variant.__wrapped_body__  # type: ignore[attr-defined]
    for job in jobs:
        assert await base._run_job(_Celery(), body, job.id) == "succeeded"
    found = await session.execute(
        select(Variant).where(Variant.clip_id == clip_id).execution_options(populate_existing=True)
    )
    return sorted(found.scalars().all(), key=lambda v: v.captions)


@pytest.fixture
async def clip(session, editor, settings, tmp_path: Path):
    source = tmp_path / "source.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=4", "-f", "lavfi", "-i",
           "sine=f=440:d=4", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
           "-c:a", "aac", "-y", str(source))  # fmt: skip
    row = await create_clip(session, editor.workspace, start_seconds=0.5, end_seconds=3.5)
    asset = await session.get(Asset, row.asset_id)
    asset.storage_key = f"assets/{asset.id}/source.mp4"
    get_storage(settings).save_file(asset.storage_key, source)
    session.add(
        AssetTimeline(
            asset_id=row.asset_id,
            data={"duration": 4.0, "shots": [], "pauses": [], "speech_engine": "openai",
                  "words": [{"text": t, "start": a, "end": b} for t, a, b in WORDS]},
        )
    )  # fmt: skip
    await session.commit()
    return row


@pytest.fixture
def scripts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ASS scripts the renders burned in (the real render still runs)."""
    seen: list[str] = []
    real = render_module.write_ass

    def keeping(path, *args, **kwargs):
        real(path, *args, **kwargs)
        seen.append(Path(path).read_text())

    monkeypatch.setattr(render_module, "write_ass", keeping)
    return seen


async def test_an_edit_renders_only_what_it_changed(
    client, session, editor, worker_sessions, settings, clip, scripts
):
    for captions in (False, True):
        response = await client.post(
            f"/v1/clips/{clip.id}/variants",
            headers=editor.headers,
            json={"platform": "tiktok", "captions": captions},
        )
        assert response.status_code == 202, response.text
    plain, captioned = await _run_renders(session, clip.id)
    assert (plain.state, captioned.state) == ("ready", "ready")
    [first_script] = scripts
    # the default preset: bold, upper case, a few words at a time, shared out evenly
    assert "}SO WHAT\n" in first_script
    assert "}HAPPENED HERE?\n" in first_script

    # A new preset and a fixed word: the plain variant is the same file again, copied.
    edit = await client.post(
        f"/v1/clips/{clip.id}/versions",
        headers=editor.headers,
        json={"caption_preset": "lower-third", "word_fixes": [{"index": 2, "text": "happens"}]},
    )
    assert edit.status_code == 201, edit.text
    new_id = uuid.UUID(edit.json()["id"])
    new_plain, new_captioned = await _run_renders(session, new_id)
    assert new_plain.checks["derived_from"] == str(plain.id)
    storage = get_storage(settings)
    assert storage.read_bytes(new_plain.storage_key) == storage.read_bytes(plain.storage_key)
    assert new_captioned.checks["derived_from"] is None  # encoded: its captions changed
    [_, second_script] = scripts
    assert "happens here?" in second_script
    assert "happened" not in second_script
    # lower third: regular weight, a box behind the rows, pinned on the bottom edge of the area
    # every platform keeps clear (Instagram's bottom and TikTok's right margins are the widest)
    style = next(line for line in second_script.splitlines() if line.startswith("Style:"))
    assert ",0,0,0,0,100,100,0,0,3," in style
    assert "\\an2\\pos(486,1344)" in second_script
