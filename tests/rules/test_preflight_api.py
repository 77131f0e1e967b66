"""The pre-flight check as people meet it: asked for from the dashboard, and refusing the
approval of a publication its platform would refuse; and the active version being what renders
and pre-flight read."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from backend.models import Variant
from backend.rules import repository as rules_repository
from backend.rules.document import full_rules
from backend.rules.preflight import MediaFacts, PostFacts, check, next_window_start
from tests.factories import (
    auth_headers,
    create_clip,
    create_member,
    create_platform_account,
    create_publication,
    create_workspace,
)


async def _setup(session, platform="instagram", caption="A clip worth watching", **fields):
    workspace = await create_workspace(session)
    admin = await create_member(session, workspace, "admin")
    viewer = await create_member(session, workspace, "viewer")
    account = await create_platform_account(session, workspace, platform)
    clip = await create_clip(session, workspace)
    variant = Variant(
        id=uuid.uuid4(), workspace_id=workspace.id, clip_id=clip.id, platform=platform,
        state="ready", storage_key=f"variants/{clip.id}/{platform}/video.mp4",
        width=1080, height=1920, duration_seconds=4.0, size_bytes=3_000_000, checks={},
    )  # fmt: skip
    session.add(variant)
    publication = await create_publication(
        session, account, clip, variant_id=variant.id, caption=caption, state="draft", **fields
    )
    await session.commit()
    return SimpleNamespace(
        admin=admin, viewer=viewer, workspace=workspace, publication=publication,
        account=account, clip=clip,
    )  # fmt: skip


async def test_a_viewer_sees_what_the_platform_would_refuse(client, session):
    world = await _setup(session, caption="#a " * 31 + "@b " * 21 + "x" * 2200)
    publication = world.publication
    headers = await auth_headers(client, world.viewer, world.workspace)
    response = await client.post(f"/v1/publications/{publication.id}/preflight", headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ok"] is False
    codes = [problem["code"] for problem in body["problems"]]
    assert codes == ["caption_too_long", "too_many_hashtags", "too_many_mentions"]
    assert body["problems"][1]["message"] == (
        "The caption has 31 hashtags; Instagram accepts at most 30."
    )
    assert all(problem["retry_at"] is None for problem in body["problems"])


async def test_a_publication_that_fits_passes_and_a_full_day_only_waits(client, session):
    world = await _setup(session, platform="tiktok")
    headers = await auth_headers(client, world.admin, world.workspace)
    url = f"/v1/publications/{world.publication.id}/preflight"
    assert (await client.post(url, headers=headers)).json() == {"ok": True, "problems": []}

    for _ in range(15):  # TikTok's documented cap, all published in the last hour
        await create_publication(
            session,
            world.account,
            world.clip,
            state="published",
            published_at=datetime.now(UTC) - timedelta(hours=1),
        )
    await session.commit()
    body = (await client.post(url, headers=headers)).json()
    assert body["ok"] is True
    [problem] = body["problems"]
    assert problem["code"] == "quota_used_up"
    assert problem["retry_at"] is not None


async def test_approval_of_a_publication_the_platform_would_refuse_is_a_conflict(client, session):
    world = await _setup(session, platform="youtube", caption="Look <here>", title="t" * 101)
    publication = world.publication
    headers = await auth_headers(client, world.admin, world.workspace)
    refused = await client.post(
        "/v1/confirm_publish", json={"publication_ids": [str(publication.id)]}, headers=headers
    )
    assert refused.status_code == 409, refused.text
    body = refused.json()
    assert body["error"] == "preflight_failed"
    assert body["detail"].startswith("Not approved: YouTube would refuse it.")
    assert "The title has 101 characters; YouTube accepts at most 100." in body["detail"]
    assert "YouTube does not accept < or > in the caption." in body["detail"]
    await session.refresh(publication)
    assert publication.state == "draft"


async def test_the_approved_version_is_what_render_and_preflight_read(client, session):
    world = await _setup(session, platform="tiktok")
    publication = world.publication
    headers = await auth_headers(client, world.admin, world.workspace)
    proposed = await client.post(
        "/v1/platform-rules",
        json={"platform": "tiktok", "rules": {"fps": 25, "max_duration_seconds": 3}, "note": "n"},
        headers=headers,
    )
    rule_id = proposed.json()["id"]
    url = f"/v1/publications/{publication.id}/preflight"
    assert (await client.post(url, headers=headers)).json()["ok"] is True  # only proposed
    approved = await client.post(f"/v1/platform-rules/{rule_id}/approve", json={}, headers=headers)
    assert approved.status_code == 200

    # Renders take the active version's rules as stored (backend/clips/rendering.py).
    active = await rules_repository.active_rules(session)
    assert (active["tiktok"].version, active["tiktok"].rules["fps"]) == (2, 25)
    body = (await client.post(url, headers=headers)).json()
    assert body["ok"] is False
    assert body["problems"][0]["message"] == (
        "The video is 4.0 s long; TikTok accepts at most 3 s."
    )


def test_posting_windows_open_on_their_weekday():
    rules = full_rules(
        "instagram",
        {"posting_windows": [{"weekday": 0, "start": "09:00", "end": "12:00"}]},
    )
    monday_ten = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    assert next_window_start(rules, monday_ten) == monday_ten
    monday_noon = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    assert next_window_start(rules, monday_noon) == datetime(2026, 12, 14, 9, 0, tzinfo=UTC)
    post = PostFacts(caption="hello", title="", at=monday_noon)
    [problem] = check("instagram", MediaFacts(), post, rules)
    assert (problem.code, problem.retry_at) == (
        "outside_posting_window",
        datetime(2026, 12, 14, 9, 0, tzinfo=UTC),
    )


def test_tiktok_counts_utf16_units_and_youtube_bytes():
    tiktok = full_rules("tiktok", {})
    emoji = PostFacts(caption="\U0001f600" * 1100, title="", at=datetime.now(UTC))
    assert check("tiktok", MediaFacts(), emoji, tiktok) == []
    longer = PostFacts(caption="\U0001f600" * 1101, title="", at=datetime.now(UTC))
    assert [p.code for p in check("tiktok", MediaFacts(), longer, tiktok)] == ["caption_too_long"]
    youtube = full_rules("youtube", {})
    accents = PostFacts(caption="é" * 2501, title="Title", at=datetime.now(UTC))
    [problem] = check("youtube", MediaFacts(), accents, youtube)
    assert problem.message == "The caption has 5,002 bytes; YouTube accepts at most 5,000."
