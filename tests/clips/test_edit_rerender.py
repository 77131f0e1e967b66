"""An edited clip re-renders only what the edit changed, with its own words and preset: a variant
without captions is the parent's file again (copied, not encoded) after a preset change, the
captioned one is encoded with the new preset, and a fixed word is what the captions show."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from backend.storage import get_storage
from tests.clips.render_support import clip_with_words, run_renders
from workers.media import render as render_module

WORDS = [("so", 0.6, 0.9), ("what", 1.0, 1.3), ("happened", 1.4, 2.0), ("here?", 2.1, 2.6)]


@pytest.fixture
async def clip(session, editor, settings, tmp_path: Path):
    return await clip_with_words(session, editor, settings, tmp_path, WORDS)


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
    plain, captioned = await run_renders(session, clip.id)
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
    new_plain, new_captioned = await run_renders(session, new_id)
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
