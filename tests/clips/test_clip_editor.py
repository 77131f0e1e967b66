"""The transcript editor: transcripts, new versions by words or dragged edges, word fixes,
split, merge, version history, re-rendered variants, caption presets and the workspace brand."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from backend.clips import edits
from backend.models import AssetTimeline, Clip, Job, LedgerEvent, Variant
from tests.factories import auth_headers, create_clip, create_member

WORDS = [
    ("before", 9.0, 9.9),  # outside the clip, just before it
    ("hello", 10.2, 10.6),
    ("world", 10.7, 11.2),
    ("this", 11.25, 11.5),
    ("is", 12.0, 12.3),
    ("a", 12.4, 12.5),
    ("test", 13.0, 13.6),
    ("of", 15.0, 15.4),
    ("the", 15.5, 15.8),
    ("editor", 16.0, 16.8),
    ("after", 20.5, 21.0),  # outside the clip, just after it
]
SHOTS = [5.0, 14.0, 18.2, 35.0]
PAUSES = [[12.5, 13.0], [40.0, 41.0]]


async def _clip(session, workspace, engine="whisper-tiny.en", **overrides) -> Clip:
    clip = await create_clip(session, workspace, start_seconds=10.0, end_seconds=20.0, **overrides)
    session.add(
        AssetTimeline(
            asset_id=clip.asset_id,
            data={
                "duration": 120.0,
                "shots": SHOTS,
                "pauses": PAUSES,
                "words": [{"text": t, "start": a, "end": b} for t, a, b in WORDS],
                "speech_engine": engine,
            },
        )
    )
    await session.commit()
    return clip


async def _edit(client, editor, clip_id, **body):
    return await client.post(f"/v1/clips/{clip_id}/versions", headers=editor.headers, json=body)


async def test_transcript_shows_the_clips_words_cuts_pauses_and_engine(client, session, editor):
    clip = await _clip(session, editor.workspace)
    body = (await client.get(f"/v1/clips/{clip.id}/transcript", headers=editor.headers)).json()
    assert [w["text"] for w in body["words"]] == [
        "hello", "world", "this", "is", "a", "test", "of", "the", "editor",
    ]  # fmt: skip
    assert [w["index"] for w in body["words"]] == list(range(9))
    assert body["words"][0] == {"index": 0, "text": "hello", "start": 10.2, "end": 10.6}
    assert (body["version"], body["start_seconds"], body["end_seconds"]) == (1, 10.0, 20.0)
    assert body["cuts"] == [5.0, 14.0, 18.2]  # 35.0 is past 10 s after the end
    assert body["pauses"] == [[12.5, 13.0]]
    assert (body["engine"], body["reliable"]) == ("whisper-tiny.en", False)
    assert "whisper-tiny.en" in body["reason"]


async def test_transcript_of_a_server_engine_is_reliable(client, session, editor):
    clip = await _clip(session, editor.workspace, engine="openai")
    body = (await client.get(f"/v1/clips/{clip.id}/transcript", headers=editor.headers)).json()
    assert (body["engine"], body["reliable"], body["reason"]) == ("openai", True, None)


async def test_trim_to_words_keeps_a_lead_in_that_never_overlaps_neighbours(
    client, session, editor
):
    clip = await _clip(session, editor.workspace)
    created = await _edit(client, editor, clip.id, first_word=1, last_word=5)
    assert created.status_code == 201, created.text
    new = created.json()
    # "world" starts at 10.7; 0.15 s of lead-in would reach into "hello" (ends 10.6).
    assert new["start_seconds"] == 10.6
    # "test" ends at 13.6: a full 0.15 s tail, nothing follows before 15.0.
    assert new["end_seconds"] == 13.75
    assert new["transcript"] == "world this is a test"
    assert (new["version"], new["parent_id"], new["latest"]) == (2, str(clip.id), True)
    transcript = (
        await client.get(f"/v1/clips/{new['id']}/transcript", headers=editor.headers)
    ).json()
    assert [w["text"] for w in transcript["words"]] == ["world", "this", "is", "a", "test"]


async def test_lead_in_is_full_when_there_is_room(client, session, editor):
    clip = await _clip(session, editor.workspace)
    new = (await _edit(client, editor, clip.id, first_word=6, last_word=8)).json()
    # "of" starts at 15.0, "test" ended at 13.6: the whole 0.15 s; "editor" ends at 16.8.
    assert (new["start_seconds"], new["end_seconds"]) == (14.85, 16.95)


async def test_dragged_edges_snap_out_of_words_and_onto_cuts(client, session, editor):
    clip = await _clip(session, editor.workspace)
    # 10.5 is inside "hello" (10.2-10.6), nearer its end; 18.0 is 0.2 s from the cut at 18.2.
    new = (await _edit(client, editor, clip.id, start_seconds=10.5, end_seconds=18.0)).json()
    assert (new["start_seconds"], new["end_seconds"]) == (10.6, 18.2)
    assert new["transcript"] == "world this is a test of the editor"


def test_snap_rules():
    words = [{"text": t, "start": a, "end": b} for t, a, b in WORDS]
    assert edits.snap(10.3, words, SHOTS) == 10.2  # nearer the word's start
    assert edits.snap(13.9, words, SHOTS) == 14.0  # a cut within 0.3 s
    assert edits.snap(14.5, words, SHOTS) == 14.5  # clear of words and cuts: left alone
    assert edits.snap(13.2, words, [13.3]) == 13.0  # a cut inside a word is no place to cut


async def test_word_fixes_are_stored_and_shown(client, session, editor):
    clip = await _clip(session, editor.workspace)
    created = await _edit(client, editor, clip.id, word_fixes=[{"index": 8, "text": "  Editor! "}])
    assert created.status_code == 201, created.text
    new = created.json()
    assert (new["start_seconds"], new["end_seconds"]) == (10.0, 20.0)
    assert new["transcript"].endswith("the Editor!")
    row = await session.get(Clip, uuid.UUID(new["id"]), populate_existing=True)
    assert row.words[-1] == {"text": "Editor!", "start": 16.0, "end": 16.8}
    assert len(row.words) == 9
    transcript = (
        await client.get(f"/v1/clips/{new['id']}/transcript", headers=editor.headers)
    ).json()
    assert transcript["words"][8]["text"] == "Editor!"
    # The fix survives a later trim that keeps the word.
    trimmed = (await _edit(client, editor, new["id"], first_word=6)).json()
    assert trimmed["transcript"] == "of the Editor!"


async def test_new_version_replaces_the_old_in_lists(client, session, editor):
    clip = await _clip(session, editor.workspace)
    new = (await _edit(client, editor, clip.id, caption_preset="karaoke")).json()
    assert new["caption_preset"] == "karaoke"
    listed = (await client.get("/v1/clips", headers=editor.headers)).json()
    assert [c["id"] for c in listed["items"]] == [new["id"]]
    everything = (await client.get("/v1/clips?all_versions=true", headers=editor.headers)).json()
    assert {c["id"] for c in everything["items"]} == {new["id"], str(clip.id)}
    old = (await client.get(f"/v1/clips/{clip.id}", headers=editor.headers)).json()
    assert (old["latest"], old["version"]) == (False, 1)
    history = (await client.get(f"/v1/clips/{clip.id}/versions", headers=editor.headers)).json()
    assert [(v["id"], v["version"], v["latest"]) for v in history["items"]] == [
        (new["id"], 2, True),
        (str(clip.id), 1, False),
    ]
    url = f"/v1/clips/{new['id']}/versions?limit=1"
    first = (await client.get(url, headers=editor.headers)).json()
    rest = (await client.get(f"{url}&cursor={first['next_cursor']}", headers=editor.headers)).json()
    assert [v["version"] for v in first["items"] + rest["items"]] == [2, 1]
    assert rest["next_cursor"] is None
    overview = (await client.get("/v1/overview", headers=editor.headers)).json()
    assert overview["clips"] == {"total": 1, "by_state": {"candidate": 1}}


async def test_editing_an_old_version_names_the_latest(client, session, editor):
    clip = await _clip(session, editor.workspace)
    new = (await _edit(client, editor, clip.id, first_word=1)).json()
    refused = await _edit(client, editor, clip.id, last_word=3)
    assert refused.status_code == 409
    assert refused.json()["error"] == "clip_not_latest"
    assert new["id"] in refused.json()["detail"]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({}, "nothing to change"),
        ({"caption_preset": None}, "nothing to change"),
        ({"end_seconds": 130.0}, "120.00 s long"),
        ({"first_word": 2, "last_word": 2}, "at least 1 s"),
        ({"first_word": 40}, "the transcript has 9 words"),
        ({"first_word": 5, "last_word": 1}, "first_word comes after last_word"),
        ({"word_fixes": [{"index": 99, "text": "x"}]}, "the transcript has 9 words"),
    ],
)
async def test_edits_refused_with_reasons(client, session, editor, body, says):
    clip = await _clip(session, editor.workspace)
    refused = await _edit(client, editor, clip.id, **body)
    assert refused.status_code == 422, refused.text
    assert says in refused.json()["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"caption_preset": "comic-sans"}, "caption_preset"),
        ({"word_fixes": [{"index": 0, "text": "two\nlines"}]}, "word_fixes"),
        ({"word_fixes": [{"index": 0, "text": "   "}]}, "word_fixes"),
        ({"start_seconds": 11.0, "first_word": 1}, "not both"),
    ],
)
async def test_invalid_edit_requests(client, session, editor, body, field):
    clip = await _clip(session, editor.workspace)
    refused = await _edit(client, editor, clip.id, **body)
    assert refused.status_code == 422
    assert field in refused.json()["detail"]


async def test_edit_is_in_the_ledger_with_actor_and_changes(client, session, editor):
    clip = await _clip(session, editor.workspace)
    new = (
        await _edit(
            client,
            editor,
            clip.id,
            first_word=1,
            word_fixes=[{"index": 2, "text": "This"}],
            caption_preset="lower-third",
        )
    ).json()
    event = (
        await session.execute(select(LedgerEvent).where(LedgerEvent.type == "clip.edited"))
    ).scalar_one()
    assert (event.actor_id, event.clip_id) == (editor.user.id, uuid.UUID(new["id"]))
    assert event.payload["from_clip"] == str(clip.id)
    assert event.payload["version"] == 2
    changes = event.payload["changes"]
    assert changes["edges"] == {"before": [10.0, 20.0], "after": [10.6, 20.0]}
    assert changes["words"] == [{"index": 2, "before": "this", "after": "This"}]
    assert changes["caption_preset"] == {"before": None, "after": "lower-third"}


async def test_variants_of_the_edited_clip_render_again_for_the_new_version(
    client, session, editor
):
    clip = await _clip(session, editor.workspace)
    untouched = await create_clip(session, editor.workspace)
    for owner in (clip, untouched):
        session.add(
            Variant(
                workspace_id=owner.workspace_id,
                clip_id=owner.id,
                platform="tiktok",
                captions=True,
                state="ready",
            )
        )
    await session.commit()
    new = (await _edit(client, editor, clip.id, first_word=1)).json()
    new_id = uuid.UUID(new["id"])
    variants = (
        (await session.execute(select(Variant).where(Variant.clip_id == new_id))).scalars().all()
    )
    assert [(v.platform, v.captions, v.state) for v in variants] == [("tiktok", True, "pending")]
    jobs = (await session.execute(select(Job))).scalars().all()
    assert [(j.type, j.clip_id) for j in jobs] == [("media.render_variant", new_id)]
    assert jobs[0].params == {"variant_id": str(variants[0].id)}


async def test_split_cuts_at_a_clean_point(client, session, editor):
    clip = await _clip(session, editor.workspace)
    url = f"/v1/clips/{clip.id}/split"
    too_short = await client.post(url, headers=editor.headers, json={"at_seconds": 10.5})
    assert too_short.status_code == 422
    assert "shorter than 1 s" in too_short.json()["detail"]
    # 14.1 lands on the shot cut at 14.0.
    created = await client.post(url, headers=editor.headers, json={"at_seconds": 14.1})
    assert created.status_code == 201, created.text
    first, second = created.json()["clips"]
    assert (first["start_seconds"], first["end_seconds"]) == (10.0, 14.0)
    assert (second["start_seconds"], second["end_seconds"]) == (14.0, 20.0)
    assert first["transcript"] == "hello world this is a test"
    assert second["transcript"] == "of the editor"
    assert {p["parent_id"] for p in (first, second)} == {str(clip.id)}
    assert {p["version"] for p in (first, second)} == {2}
    listed = (await client.get("/v1/clips?sort=start", headers=editor.headers)).json()
    assert [c["id"] for c in listed["items"]] == [first["id"], second["id"]]
    events = (
        (await session.execute(select(LedgerEvent).where(LedgerEvent.type == "clip.split")))
        .scalars()
        .all()
    )
    assert {e.clip_id for e in events} == {uuid.UUID(first["id"]), uuid.UUID(second["id"])}
    again = await client.post(url, headers=editor.headers, json={"at_seconds": 15.0})
    assert again.status_code == 409


async def test_merge_spans_two_neighbours(client, session, editor):
    clip = await _clip(session, editor.workspace)
    neighbour = Clip(
        workspace_id=clip.workspace_id,
        asset_id=clip.asset_id,
        start_seconds=21.5,
        end_seconds=30.0,
        rank=2,
        score=0.5,
    )
    far = Clip(
        workspace_id=clip.workspace_id,
        asset_id=clip.asset_id,
        start_seconds=60.0,
        end_seconds=70.0,
        rank=3,
        score=0.5,
    )
    session.add_all([neighbour, far])
    await session.commit()
    refused = await client.post(
        "/v1/clips/merge", headers=editor.headers, json={"clip_ids": [str(clip.id), str(far.id)]}
    )
    assert refused.status_code == 422
    assert "apart" in refused.json()["detail"]
    elsewhere = await create_clip(session, editor.workspace, start_seconds=20.5)
    await session.commit()
    other_asset = await client.post(
        "/v1/clips/merge",
        headers=editor.headers,
        json={"clip_ids": [str(clip.id), str(elsewhere.id)]},
    )
    assert other_asset.status_code == 422
    created = await client.post(
        "/v1/clips/merge",
        headers=editor.headers,
        json={"clip_ids": [str(neighbour.id), str(clip.id)]},
    )
    assert created.status_code == 201, created.text
    merged = created.json()
    assert (merged["start_seconds"], merged["end_seconds"]) == (10.0, 30.0)
    assert merged["transcript"].endswith("the editor after")  # the gap's word comes along
    assert (merged["version"], merged["parent_id"]) == (2, str(clip.id))
    for old in (clip, neighbour):
        await session.refresh(old)
        assert old.latest is False
    # The later clip's parent link is not the merged clip's, yet a 409 still names it.
    refused = await _edit(client, editor, neighbour.id, first_word=0)
    assert refused.status_code == 409
    assert merged["id"] in refused.json()["detail"]
    event = (
        await session.execute(select(LedgerEvent).where(LedgerEvent.type == "clip.merged"))
    ).scalar_one()
    assert event.payload["from_clips"] == [str(clip.id), str(neighbour.id)]
    assert event.actor_id == editor.user.id


async def test_a_viewer_cannot_edit(client, session, editor):
    clip = await _clip(session, editor.workspace)
    viewer = await create_member(session, editor.workspace, "viewer")
    await session.commit()
    headers = await auth_headers(client, viewer, editor.workspace)
    url = f"/v1/clips/{clip.id}"
    assert (await client.get(f"{url}/transcript", headers=headers)).status_code == 200
    assert (await client.get(f"{url}/versions", headers=headers)).status_code == 200
    for path, body in (
        ("/versions", {"first_word": 1}),
        ("/split", {"at_seconds": 14.0}),
    ):
        assert (await client.post(url + path, headers=headers, json=body)).status_code == 403
    merge = await client.post(
        "/v1/clips/merge", headers=headers, json={"clip_ids": [str(clip.id), str(clip.id)]}
    )
    assert merge.status_code == 403


async def test_presets_and_the_workspace_brand(client, session, editor):
    admin = await create_member(session, editor.workspace, "admin")
    await session.commit()
    headers = await auth_headers(client, admin, editor.workspace)
    presets = (await client.get("/v1/caption-presets", headers=editor.headers)).json()["items"]
    assert [p["name"] for p in presets] == [
        "bold-centred",
        "word-highlight",
        "karaoke",
        "lower-third",
    ]
    assert presets[2]["style"]["animation"] == "karaoke"
    assert (await client.get("/v1/caption-brand", headers=headers)).json() == {"brand": None}

    brand = {"base": "karaoke", "colour": "#ff0000", "font": "Liberation Sans"}
    # Changing the brand is a workspace setting: an editor may not.
    refused = await client.put("/v1/caption-brand", headers=editor.headers, json={"brand": brand})
    assert refused.status_code == 403
    saved = await client.put("/v1/caption-brand", headers=headers, json={"brand": brand})
    assert saved.status_code == 200, saved.text
    assert saved.json()["brand"]["colour"] == "#FF0000"
    presets = (await client.get("/v1/caption-presets", headers=editor.headers)).json()["items"]
    assert presets[-1]["name"] == "brand"
    assert (presets[-1]["style"]["colour"], presets[-1]["style"]["animation"]) == (
        "#FF0000",
        "karaoke",
    )
    event = (
        await session.execute(
            select(LedgerEvent).where(LedgerEvent.type == "workspace.caption_brand_changed")
        )
    ).scalar_one()
    assert event.actor_id == admin.id
    assert event.payload["to"]["colour"] == "#FF0000"

    for bad, says in (
        ({"font": "Comic Sans"}, "font cannot be"),
        ({"base": "neon"}, "base must be one of"),
        ({"glow": True}, "'glow' is not a caption style setting"),
    ):
        refused = await client.put("/v1/caption-brand", headers=headers, json={"brand": bad})
        assert refused.status_code == 422
        assert (refused.json()["error"], says in refused.json()["detail"]) == (
            "invalid_caption_brand",
            True,
        )
    cleared = await client.put("/v1/caption-brand", headers=headers, json={"brand": None})
    assert cleared.json() == {"brand": None}
    presets = (await client.get("/v1/caption-presets", headers=editor.headers)).json()["items"]
    assert "brand" not in [p["name"] for p in presets]


async def test_speech_refinement_leaves_edited_and_replaced_versions_alone(
    client, session, session_factory, editor
):
    from types import SimpleNamespace

    from backend.assets import refine

    clip = await _clip(session, editor.workspace)
    untouched = Clip(
        workspace_id=clip.workspace_id,
        asset_id=clip.asset_id,
        start_seconds=40.0,
        end_seconds=60.0,
        rank=2,
        score=0.5,
    )
    session.add(untouched)
    await session.commit()
    assert (await _edit(client, editor, clip.id, first_word=1)).status_code == 201
    async with session_factory() as worker_session:  # what the transcription task reads
        job = SimpleNamespace(asset_id=clip.asset_id)
        _, _, clips = await refine.load_for_refining(worker_session, job)
        assert [c.id for c in clips] == [untouched.id]
