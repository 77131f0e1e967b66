"""The acceptance journey, in real processes: a new user uploads a video, connects a sandbox
account on each platform through the OAuth consent pages, approves the clip for all three and
sees each publication reach `published` with its remote id; the ledger holds every step."""

from __future__ import annotations

import pytest

from tests.conftest import TEST_REDIS_URL
from tests.e2e.processes import wait_for
from tests.e2e.publishing_stack import publishing_stack
from tests.e2e.test_worker_roundtrip import BROKERS
from tests.paths import TEST_MEDIA

SHARED = TEST_MEDIA


@pytest.mark.parametrize("broker", BROKERS)
def test_upload_connect_approve_publish_everywhere(scratch_database_url, tmp_path, broker):
    redis_url = TEST_REDIS_URL if broker == "redis" else None
    with publishing_stack(scratch_database_url, redis_url, tmp_path) as stack:
        api = stack.api
        with (SHARED / "his_girl_friday_dialogue.mp4").open("rb") as video:
            uploaded = api.post("/v1/upload", files={"file": ("friday.mp4", video, "video/mp4")})
        assert uploaded.status_code == 201, uploaded.text
        asset_id = uploaded.json()["id"]
        clips = wait_for(
            lambda: api.get(f"/v1/clips?asset_id={asset_id}").json()["items"], 120, "clips"
        )
        accounts = [
            stack.connect("instagram", "maria.reels"),
            stack.connect("tiktok", "maria_tok"),
            stack.connect("youtube", "MariaShorts"),
        ]
        listed = api.get("/v1/accounts").json()["items"]
        assert {a["platform"] for a in listed} == {"instagram", "tiktok", "youtube"}
        assert all(a["sandbox"] for a in listed)
        assert not any("token" in key for account in listed for key in account)

        def notices_live() -> bool:
            """Like YouTube's, the hub sends no notice for a video uploaded before it checked
            back that the subscription (asked for when the channel was connected) is wanted."""
            items = api.get("/v1/accounts").json()["items"]
            [notices] = [a["notifications"] for a in items if a["platform"] == "youtube"]
            return bool(notices and notices["state"] == "active" and notices["confirmed_at"])

        wait_for(notices_live, 120, "YouTube's upload notices to be live")
        assert not any(a["notifications"] for a in listed if a["platform"] != "youtube")

        caption = "Friday night dialogue #classic"
        ids = stack.publish(clips[0]["id"], accounts, caption)
        assert len(ids) == 3
        for publication_id in ids:
            done = stack.wait_state(publication_id, timeout=240)
            assert done["state"] == "published", done
            assert done["remote_post_id"], done
            assert done["sandbox"] is True
            assert done["progress"] == 100
            trail = stack.trail(publication_id)
            for step in (
                "publication.created",
                "publication.awaiting_approval",
                "publication.approved",
                "publication.uploading",
                "publication.published",
            ):
                assert step in trail, (step, trail)
            assert len(stack.posts(done["platform"], caption)) == 1

        # The platforms talk back: TikTok's signed webhooks and YouTube's WebSub notices (the
        # subscription was made when the channel was connected) reach their publications.
        def confirmed_by(platform: str) -> bool:
            [publication_id] = [i for i in ids if stack.publication(i)["platform"] == platform]
            events = api.get(f"/v1/ledger?publication_id={publication_id}").json()["items"]
            return any(event["payload"].get("source") == "webhook" for event in events)

        wait_for(lambda: confirmed_by("tiktok") and confirmed_by("youtube"), 60, "webhooks")
        assert api.get("/v1/ledger/verify").json()["intact"] is True
