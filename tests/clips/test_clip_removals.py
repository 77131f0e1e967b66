"""Removing filler words and long pauses: the pure range arithmetic (backend/clips/removals.py)
and the editor's API: new versions with stretches cut out, kept through trims, splits and
merges, shown on the clip and its transcript, recorded in the ledger."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from backend.clips import removals
from backend.models import AssetTimeline, Clip, LedgerEvent
from tests.factories import create_clip

WORDS = [
    ("so", 10.2, 10.6),
    ("um", 11.0, 11.3),
    ("what", 11.6, 12.0),
    ("happened", 12.1, 12.6),
    ("here", 15.0, 15.4),  # 2.4 s after "happened"
    ("uh,", 15.8, 16.0),
    ("okay", 16.2, 16.8),
    ("later", 21.0, 21.5),  # after the clip
]
UM = [10.8, 11.45]  # halfway to "so" (ends 10.6) and to "what" (starts 11.6)
UH = [15.6, 16.1]
PAUSE = [12.85, 14.75]  # the 2.4 s gap cut down to 0.5 s


def _words(*items: tuple[str, float, float]) -> list[dict[str, object]]:
    return [{"text": t, "start": a, "end": b} for t, a, b in items]


def test_fillers_are_compared_by_their_lowercase_letters():
    assert all(removals.is_filler(t) for t in ["um", "Umm,", "UH...", "Hmm?", "mhm", "er", "Erm"])
    assert not any(removals.is_filler(t) for t in ["umbrella", "a", "I'm", "ahead", "", "..."])


def test_a_filler_is_cut_halfway_to_its_neighbours_and_never_into_them():
    words = _words(*WORDS)
    ranges, texts = removals.filler_ranges(words, words, 10.0, 20.0)
    assert ranges == [pytest.approx(tuple(UM)), pytest.approx(tuple(UH))]
    assert texts == ["um", "uh,"]
    # a filler right against a word: the cut stops at that word's edge
    tight = _words(("so", 1.0, 1.5), ("uh", 1.5, 1.8), ("no", 2.0, 2.2))
    assert removals.filler_ranges(tight, tight, 0.0, 3.0)[0] == [
        pytest.approx((1.5, 1.9))
    ]  # fmt: skip
    # outside the clip: not this clip's to cut
    assert removals.filler_ranges(tight, tight, 1.9, 3.0) == ([], [])


def test_long_pauses_lose_their_middle():
    words = _words(("a", 1.0, 1.2), ("b", 1.5, 1.7), ("c", 3.7, 4.0), ("d", 9.0, 9.5))
    assert removals.pause_ranges(words, 0.0, 5.0, 0.5) == [pytest.approx((1.95, 3.45))]
    assert removals.pause_ranges(words, 0.0, 5.0, 2.0) == []


def test_ranges_merge_and_a_range_at_an_edge_moves_the_edge():
    assert removals.union([(1.0, 2.0), (5.0, 6.0)], [(1.5, 3.0), (3.0, 3.001)]) == [
        (1.0, 3.0), (5.0, 6.0),
    ]  # fmt: skip
    assert removals.fit(0.0, 10.0, [(-1.0, 0.5), (2.0, 3.0), (9.0, 12.0)]) == (
        0.5, 9.0, [(2.0, 3.0)],
    )  # fmt: skip
    assert removals.played(0.0, 10.0, [(2.0, 3.0), (4.0, 4.5)]) == 8.5


async def _clip(session, workspace, **overrides) -> Clip:
    clip = await create_clip(session, workspace, **{"start_seconds": 10.0, "end_seconds": 20.0,
                                                     **overrides})  # fmt: skip
    session.add(
        AssetTimeline(
            asset_id=clip.asset_id,
            data={"duration": 120.0, "shots": [], "pauses": [], "speech_engine": "openai",
                  "words": _words(*WORDS)},
        )
    )  # fmt: skip
    await session.commit()
    return clip


async def _edit(client, editor, clip_id, **body):
    return await client.post(f"/v1/clips/{clip_id}/versions", headers=editor.headers, json=body)


def _ranges(value):
    return [pytest.approx(r) for r in value]


async def test_remove_fillers_cuts_them_out_of_a_new_version(client, session, editor):
    clip = await _clip(session, editor.workspace)
    created = await _edit(client, editor, clip.id, remove_fillers=True)
    assert created.status_code == 201, created.text
    new = created.json()
    assert (new["start_seconds"], new["end_seconds"]) == (10.0, 20.0)
    assert new["removed"] == _ranges([UM, UH])
    assert new["duration_seconds"] == pytest.approx(10.0 - 0.65 - 0.5)
    assert new["transcript"] == "so what happened here okay"
    row = await session.get(Clip, uuid.UUID(new["id"]), populate_existing=True)
    assert [w["text"] for w in row.words] == ["so", "what", "happened", "here", "okay"]

    transcript = (
        await client.get(f"/v1/clips/{new['id']}/transcript", headers=editor.headers)
    ).json()
    assert [w["text"] for w in transcript["words"]] == ["so", "what", "happened", "here", "okay"]
    assert transcript["removed"] == _ranges([UM, UH])

    event = (
        await session.execute(select(LedgerEvent).where(LedgerEvent.type == "clip.edited"))
    ).scalar_one()
    changes = event.payload["changes"]
    assert changes["removed"]["before"] == []
    assert changes["removed"]["after"] == _ranges([UM, UH])
    assert changes["fillers"] == ["um", "uh,"]
    assert "edges" not in changes


async def test_fillers_and_pauses_together_and_again_on_top(client, session, editor):
    clip = await _clip(session, editor.workspace)
    first = (await _edit(client, editor, clip.id, remove_fillers=True)).json()
    created = await _edit(client, editor, first["id"], shorten_pauses_to=0.5)
    assert created.status_code == 201, created.text
    new = created.json()
    # the parent's cuts stay; the pauses around the fillers were already cut short enough
    assert new["removed"] == _ranges([UM, PAUSE, UH])
    assert new["duration_seconds"] == pytest.approx(10.0 - 0.65 - 1.9 - 0.5)
    assert new["version"] == 3

    again = await _edit(client, editor, new["id"], shorten_pauses_to=0.5, remove_fillers=True)
    assert again.status_code == 422
    assert "No filler words or long pauses to remove" in again.text
    # another change asked for as well: that one goes through
    preset = await _edit(client, editor, new["id"], remove_fillers=True, caption_preset="karaoke")
    assert preset.status_code == 201, preset.text
    assert preset.json()["removed"] == _ranges([UM, PAUSE, UH])


async def test_nothing_to_remove_is_a_readable_422(client, session, editor):
    clip = await _clip(session, editor.workspace, start_seconds=12.0, end_seconds=13.0)
    response = await _edit(client, editor, clip.id, remove_fillers=True, shorten_pauses_to=1.0)
    assert response.status_code == 422
    message = response.json()["detail"]
    assert "No filler words or long pauses to remove" in message
    assert "1.00 s" in message


@pytest.mark.parametrize("value", [0.05, 2.5])
async def test_shorten_pauses_to_is_bounded(client, session, editor, value):
    clip = await _clip(session, editor.workspace)
    assert (await _edit(client, editor, clip.id, shorten_pauses_to=value)).status_code == 422


async def test_a_trim_keeps_the_cuts_still_inside(client, session, editor):
    clip = await _clip(session, editor.workspace)
    cut = (await _edit(client, editor, clip.id, remove_fillers=True, shorten_pauses_to=0.5)).json()
    # a trim to "happened" (index 2 now that "um" is gone) keeps the cut before it only
    trimmed = (await _edit(client, editor, cut["id"], last_word=2)).json()
    assert trimmed["end_seconds"] == 12.75
    assert trimmed["removed"] == _ranges([UM])
    assert trimmed["transcript"] == "so what happened"


async def test_splits_and_merges_keep_what_is_still_inside(client, session, editor):
    clip = await _clip(session, editor.workspace)
    cut = (await _edit(client, editor, clip.id, remove_fillers=True, shorten_pauses_to=0.5)).json()
    assert cut["removed"] == _ranges([UM, PAUSE, UH])

    # a split inside the shortened pause: each part ends where the cut begins (or starts
    # where it ends), so no part starts or ends in a stretch that does not play
    response = await client.post(
        f"/v1/clips/{cut['id']}/split", headers=editor.headers, json={"at_seconds": 14.0}
    )
    assert response.status_code == 201, response.text
    left, right = response.json()["clips"]
    assert (left["start_seconds"], left["end_seconds"]) == (10.0, 12.85)
    assert left["removed"] == _ranges([UM])
    assert (right["start_seconds"], right["end_seconds"]) == (14.75, 20.0)
    assert right["removed"] == _ranges([UH])

    merged = await client.post(
        "/v1/clips/merge", headers=editor.headers, json={"clip_ids": [left["id"], right["id"]]}
    )
    assert merged.status_code == 201, merged.text
    body = merged.json()
    assert (body["start_seconds"], body["end_seconds"]) == (10.0, 20.0)
    assert body["removed"] == _ranges([UM, UH])  # the gap between the parts plays again
    assert body["transcript"] == "so what happened here okay"


async def test_the_played_duration_must_stay_a_second(client, session, editor):
    clip = await _clip(session, editor.workspace, start_seconds=10.5, end_seconds=11.8)
    # "um" and the quiet around it (0.65 s) leave 0.65 s of the 1.3 s clip
    response = await _edit(client, editor, clip.id, remove_fillers=True)
    assert response.status_code == 422
    assert "would last 0.65 s; a clip lasts at least 1 s" in response.json()["detail"]
