"""The engine with Instagram as Meta documents it: the container polled at Instagram's pace, an
acknowledged upload never sent twice, the rendered cover sent, a young token not a broken one."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

from sqlalchemy import select

from backend.models import Publication, Variant
from backend.models.base import utcnow
from tests.publishing.instagram import use_facebook_login

JPEG = b"\xff\xd8\xff\xe0" + b"\1" * 4092


async def _publication(world, publication_id: str) -> Publication:
    row = await world.session.get(Publication, uuid.UUID(publication_id), populate_existing=True)
    assert row is not None
    return row


async def test_processing_is_polled_at_instagrams_pace(world):
    account = await world.connect("instagram", "patient")
    publication_id = await world.approve(account, "slow to process")
    world.sandbox.faults(
        {"platform": "instagram", "operation": "create_container", "fault": "slow_processing",
         "delay_seconds": 600}
    )  # fmt: skip

    before = utcnow()
    outcome = await world.run(
        publication_id, instagram_poll_interval_seconds=30, publish_poll_budget_seconds=5
    )

    # Not polled within the run (30 s > its 5 s budget): the next look is 30 s away.
    assert outcome == "waiting"
    row = await _publication(world, publication_id)
    assert row.state == "processing"
    assert row.next_attempt_at is not None
    assert row.next_attempt_at >= before + timedelta(seconds=30)


async def test_an_acknowledged_upload_is_not_sent_again(world):
    account = await world.connect("instagram", "once_only")
    await use_facebook_login(world, account)
    publication_id = await world.approve(account, "sent once")
    world.sandbox.faults(
        {"platform": "instagram", "operation": "upload", "fault": "slow_processing",
         "delay_seconds": 600}
    )  # fmt: skip
    fast = {"instagram_poll_interval_seconds": 0.1, "publish_poll_budget_seconds": 1}
    assert await world.run(publication_id, **fast) == "waiting"

    world.sandbox.advance_clock(601)
    await world.due_now(publication_id)
    assert await world.run(publication_id, **fast) == "published"
    trail = await world.trail(publication_id)
    assert trail.count("publication.uploaded") == 1
    assert len(world.posts("instagram", "sent once")) == 1


async def test_the_rendered_cover_is_sent_as_the_reels_cover(world):
    account = await world.connect("instagram", "covered")
    settings = world.sandbox.settings
    variant = (
        await world.session.execute(
            select(Variant).where(
                Variant.clip_id == uuid.UUID(world.clip_id), Variant.platform == "instagram"
            )
        )
    ).scalar_one()
    variant.cover_key = variant.storage_key.replace("video.mp4", "cover.jpg")
    (settings.media_dir / variant.cover_key).write_bytes(JPEG)
    await world.session.commit()
    publication_id = await world.approve(account, "with a cover")

    assert await world.run_until_final(publication_id) == ["published"]
    row = await _publication(world, publication_id)
    assert row.remote_upload_id is not None
    held = world.sandbox.platform_control(
        "instagram", "GET", f"/containers/{row.remote_upload_id}"
    ).json()
    assert held["cover_sha256"] == hashlib.sha256(JPEG).hexdigest()
    assert held["source"] == "video_url"


async def test_refreshing_a_token_younger_than_a_day_is_refused_but_keeps_the_account(world):
    account = await world.connect("instagram", "brand_new")
    answer = await world.api.post(f"/v1/accounts/{account['id']}/refresh", headers=world.headers)
    assert answer.status_code == 409, answer.text
    assert answer.json()["error"] == "token_refresh_too_early"
    listed = await world.api.get("/v1/accounts", headers=world.headers)
    (mine,) = [a for a in listed.json()["items"] if a["id"] == account["id"]]
    assert mine["status"] == "connected"
