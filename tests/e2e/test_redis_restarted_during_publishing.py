"""Redis restarted (SHUTDOWN NOSAVE, so every queued message is lost) while publications are in
flight, on PostgreSQL with a private Redis as the broker: every publication is still published,
exactly once. The publication rows are the outbox; the broker is only a doorbell."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import IS_POSTGRES, TEST_REDIS_URL
from tests.e2e.processes import private_redis
from tests.e2e.publishing_stack import PublishingStack, publishing_stack
from tests.publishing.support import make_compliant_video

PLATFORMS = ("instagram", "tiktok", "youtube")
SLOW = 600  # seconds Instagram "processes" the first upload, until the sandbox clock moves


def _published_exactly_once(stack: PublishingStack, publication_id: str, caption: str) -> None:
    done = stack.wait_state(publication_id, timeout=240)
    assert done["state"] == "published", done
    posts = stack.posts(done["platform"], caption)
    assert len(posts) == 1, (publication_id, posts)
    assert done["remote_post_id"] == posts[0]["remote_post_id"]


# Only where CI runs on PostgreSQL + Redis: the embedded default has no Redis to restart.
if IS_POSTGRES and TEST_REDIS_URL:

    def test_publications_in_flight_survive_a_redis_restart(scratch_database_url, tmp_path: Path):
        with (
            private_redis(tmp_path) as redis_server,
            publishing_stack(scratch_database_url, redis_server.url, tmp_path) as stack,
        ):
            video = make_compliant_video(tmp_path / "video" / "compliant.mp4")
            clip_id = stack.seed_clip(video)
            accounts = [stack.connect(platform, f"restart_{platform}") for platform in PLATFORMS]
            # The first batch's Instagram post sits in "processing" until the clock moves.
            stack.faults(
                {"platform": "instagram", "operation": "upload", "fault": "slow_processing",
                 "delay_seconds": SLOW, "times": 1}
            )  # fmt: skip
            batches = {"before the restart": stack.publish(clip_id, accounts, "before the restart")}
            [instagram_first] = [
                publication_id
                for publication_id in batches["before the restart"]
                if stack.publication(publication_id)["platform"] == "instagram"
            ]
            stack.wait_state(instagram_first, ("processing",), timeout=120)

            # The second batch is approved and its messages are queued when Redis goes away.
            batches["during the restart"] = stack.publish(clip_id, accounts, "during the restart")
            redis_server.shutdown()
            redis_server.start()
            stack.sandbox("POST", "/_control/clock", json={"advance_seconds": SLOW + 1})
            batches["after the restart"] = stack.publish(clip_id, accounts, "after the restart")

            for caption, publication_ids in batches.items():
                for publication_id in publication_ids:
                    _published_exactly_once(stack, publication_id, caption)
            assert stack.api.get("/v1/ledger/verify").json()["intact"] is True
