"""Removing a filler through the API renders a shorter variant, for real through the render
task: the stretch cut out is gone from the file and the filler from its captions."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from backend.models import Asset, AssetTimeline
from backend.storage import get_storage
from tests.clips.test_edit_rerender import _run_renders
from tests.factories import create_clip
from tests.media.reader import probe
from tests.media.render_helpers import ffmpeg
from workers.media import render as render_module

WORDS = [("so", 0.6, 0.9), ("um", 1.2, 1.6), ("what", 1.9, 2.2), ("happened", 2.3, 2.9)]
REMOVED = (1.05, 1.75)  # halfway to "so" (ends 0.9) and to "what" (starts 1.9)


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
    """The dialogue lines of each ASS script the renders burned in (the real render runs)."""
    seen: list[str] = []
    real = render_module.write_ass

    def keeping(path, *args, **kwargs):
        real(path, *args, **kwargs)
        lines = Path(path).read_text().splitlines()
        seen.append("\n".join(line for line in lines if line.startswith("Dialogue:")))

    monkeypatch.setattr(render_module, "write_ass", keeping)
    return seen


async def test_removing_a_filler_renders_a_shorter_clip_without_it(
    client, session, editor, worker_sessions, settings, clip, scripts, tmp_path
):
    # YouTube: Shorts may be under 3 s, so the shorter clip still meets the platform's rules
    response = await client.post(
        f"/v1/clips/{clip.id}/variants",
        headers=editor.headers,
        json={"platform": "youtube", "captions": True},
    )
    assert response.status_code == 202, response.text
    [before] = await _run_renders(session, clip.id)
    assert before.state == "ready"
    assert before.duration_seconds == pytest.approx(3.0)
    [first_script] = scripts
    assert "UM" in first_script

    edit = await client.post(
        f"/v1/clips/{clip.id}/versions", headers=editor.headers, json={"remove_fillers": True}
    )
    assert edit.status_code == 201, edit.text
    assert edit.json()["removed"] == [pytest.approx(REMOVED)]
    [after] = await _run_renders(session, uuid.UUID(edit.json()["id"]))
    assert after.state == "ready", after.error
    assert after.checks["derived_from"] is None  # encoded again: the cut changes the file
    assert after.checks["violations"] == []
    span = REMOVED[1] - REMOVED[0]
    assert after.duration_seconds == pytest.approx(3.0 - span)
    storage = get_storage(settings)
    with storage.local_copy(after.storage_key) as video:
        facts = probe(video)
    assert facts.duration == pytest.approx(3.0 - span, abs=0.05)

    [_, second_script] = scripts
    assert "SO" in second_script
    assert "UM" not in second_script
    assert "WHAT" in second_script
