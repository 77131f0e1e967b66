"""Per-post numbers come back from the platforms into publication_metrics, as a time series."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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

    assert await world.run_until_final(publication_id) == ["published"]
    done = await world.publication(publication_id)
    assert done["remote_detail"] == "scheduled"
    video = world.sandbox.platform_control(
        "youtube", "GET", f"/videos/{done['remote_post_id']}"
    ).json()
    assert video["privacy"] == "private"
    assert datetime.fromisoformat(video["publish_at"]) == release
