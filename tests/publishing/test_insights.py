"""Per-post numbers come back from the platforms into publication_metrics, as a time series."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from backend.publishing import service
from workers.publishing import insights


async def test_published_posts_get_a_reading_per_collection(world):
    publication_ids = {}
    for platform in ("instagram", "tiktok", "youtube"):
        account = await world.connect(platform, f"{platform}_numbers")
        publication_ids[platform] = await world.approve(account, f"counted on {platform}")
        assert await world.run_until_final(publication_ids[platform]) == ["published"]

    assert await insights.collect(world.sessions, world.sandbox.settings) == 3
    world.sandbox.advance_clock(6 * 3600)
    assert await insights.collect(world.sessions, world.sandbox.settings) == 3

    for platform, publication_id in publication_ids.items():
        response = await world.api.get(
            f"/v1/publications/{publication_id}/metrics", headers=world.headers
        )
        first, second = response.json()["items"]
        assert first["views"] is not None, platform
        assert second["views"] >= first["views"], platform
        assert second["captured_at"] > first["captured_at"]


async def test_youtube_scheduled_release_uploads_now_as_private(world):
    account = await world.connect("youtube", "planner")
    release = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    publication_id = await world.approve(account, "premieres later", publish_at=release.isoformat())
    assert (await world.publication(publication_id))["state"] == "queued"

    # Uploaded and processed, yet private until its time: scheduled, not published.
    assert await world.run_until_final(publication_id) == ["deferred"]
    done = await world.publication(publication_id)
    assert (done["state"], done["remote_detail"]) == ("scheduled", "scheduled")
    assert datetime.fromisoformat(done["next_attempt_at"]) == release
    video = world.sandbox.platform_control(
        "youtube", "GET", f"/videos/{done['remote_post_id']}"
    ).json()
    assert video["privacy"] == "private"
    assert datetime.fromisoformat(video["publish_at"]) == release
    cancel = await world.api.post(
        f"/v1/publications/{publication_id}/cancel", headers=world.headers
    )
    assert cancel.status_code == 409  # it is on YouTube already: only deleting it there helps

    # Its time comes: the dispatcher sends it back, and YouTube's answer makes it published.
    world.sandbox.advance_clock(2 * 86400 + 60)
    await world.due_now(publication_id)
    assert await service.dispatch_due(world.session) == 1
    await world.session.commit()
    assert await world.run(publication_id) == "published"
    out = await world.publication(publication_id)
    assert (out["state"], out["remote_post_id"]) == ("published", done["remote_post_id"])
    assert "publication.release_scheduled" in await world.trail(publication_id)
