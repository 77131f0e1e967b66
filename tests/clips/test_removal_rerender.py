"""Removing a filler through the API renders a shorter variant, for real through the render
task: the stretch cut out is gone from the file and the filler from its captions."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from backend.storage import get_storage
from tests.clips.render_support import clip_with_words, run_renders
from tests.media.reader import probe
from workers.media import render as render_module

WORDS = [("so", 0.6, 0.9), ("um", 1.2, 1.6), ("what", 1.9, 2.2), ("happened", 2.3, 2.9)]
REMOVED = (1.05, 1.75)  # halfway to "so" (ends 0.9) and to "what" (starts 1.9)


@pytest.fixture
async def clip(session, editor, settings, tmp_path: Path):
    return await clip_with_words(session, editor, settings, tmp_path, WORDS)


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
    [before] = await run_renders(session, clip.id)
    assert before.state == "ready"
    assert before.duration_seconds == pytest.approx(3.0)
    [first_script] = scripts
    assert "UM" in first_script

    edit = await client.post(
        f"/v1/clips/{clip.id}/versions", headers=editor.headers, json={"remove_fillers": True}
    )
    assert edit.status_code == 201, edit.text
    assert edit.json()["removed"] == [pytest.approx(REMOVED)]
    [after] = await run_renders(session, uuid.UUID(edit.json()["id"]))
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
