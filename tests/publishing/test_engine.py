"""The publishing engine with the real clients against the sandbox over real HTTP: every fault
the platforms produce ends in exactly one post, or in a deferral or a clear failure."""

from __future__ import annotations

import shutil
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from backend.accounts.crypto import TokenCipher
from backend.models import LedgerEvent, PlatformAccount, Publication, Variant
from backend.platforms import registry
from backend.platforms.base import AuthError, TokenGrant, WebhookEvent
from backend.publishing.remote_events import apply_remote_event
from tests.paths import TEST_MEDIA
from tests.publishing.instagram import fetched_by_instagram, use_facebook_login

PLATFORMS = ["instagram", "tiktok", "youtube"]
BEGIN = {"instagram": "create_container", "tiktok": "init", "youtube": "upload_init"}
UPLOAD = {"instagram": "upload", "tiktok": "upload_chunk", "youtube": "upload_chunk"}
# The call after which the post is live: Instagram's publish; for the others, the last bytes.
GOES_LIVE = {"instagram": "media_publish", "tiktok": "upload_chunk", "youtube": "upload_chunk"}


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_an_approved_clip_is_published_once_with_every_step_recorded(world, platform):
    account = await world.connect(platform, f"{platform}_brand")
    caption = f"Launch day on {platform}"
    publication_id = await world.approve(account, caption)
    assert (await world.publication(publication_id))["state"] == "queued"

    assert await world.run_until_final(publication_id) == ["published"]
    done = await world.publication(publication_id)
    assert done["remote_post_id"]
    assert (done["progress"], done["sandbox"], done["error"]) == (100, True, None)
    assert len(world.posts(platform, caption)) == 1
    trail = await world.trail(publication_id)
    assert trail[:3] == [
        "publication.created",
        "publication.awaiting_approval",
        "publication.approved",
    ]
    assert "publication.uploading" in trail
    # With Instagram Login, Instagram fetches the file from our signed link: nothing to upload.
    assert ("publication.uploaded" in trail) == (platform != "instagram")
    assert trail[-1] == "publication.published"


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_a_connection_dropped_mid_upload_resumes_and_posts_once(world, platform):
    account = await world.connect(platform, "dropper")
    if platform == "instagram":
        await use_facebook_login(world, account)  # resumable upload; Instagram Login has none
    publication_id = await world.approve(account, "dropped once")
    world.sandbox.faults(
        {"platform": platform, "operation": UPLOAD[platform], "fault": "drop", "times": 1}
    )

    outcomes = await world.run_until_final(publication_id)
    assert outcomes == ["retrying", "published"]
    assert len(world.posts(platform, "dropped once")) == 1
    trail = await world.trail(publication_id)
    assert "publication.retrying" in trail
    assert "publication.reconciled" in trail


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_a_lost_response_after_the_post_went_live_never_posts_twice(world, platform):
    account = await world.connect(platform, "unlucky")
    publication_id = await world.approve(account, "answer lost")
    world.sandbox.faults(
        {
            "platform": platform,
            "operation": GOES_LIVE[platform],
            "fault": "lost_response",
            "times": 1,
        }
    )

    outcomes = await world.run_until_final(publication_id)
    assert outcomes[0] == "retrying"
    assert outcomes[-1] == "published"
    posts = world.posts(platform, "answer lost")
    assert len(posts) == 1
    assert (await world.publication(publication_id))["remote_post_id"] == posts[0]["remote_post_id"]


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_a_rate_limit_waits_as_long_as_the_platform_asks(world, platform):
    account = await world.connect(platform, "busy")
    publication_id = await world.approve(account, "slow down")
    world.sandbox.faults(
        {"platform": platform, "operation": BEGIN[platform], "fault": "rate_limit",
         "retry_after": 40, "times": 1}
    )  # fmt: skip

    assert await world.run(publication_id) == "retrying"
    waiting = await world.publication(publication_id)
    assert _when(waiting["next_attempt_at"]) >= datetime.now(UTC) + timedelta(seconds=38)
    assert waiting["attempts"] == 1
    assert await world.run(publication_id) == "skipped"  # not before its time
    assert (await world.run_until_final(publication_id))[-1] == "published"
    assert len(world.posts(platform, "slow down")) == 1


@pytest.mark.usefixtures("three_attempts")
@pytest.mark.parametrize("platform", PLATFORMS)
async def test_server_errors_are_retried_a_bounded_number_of_times(world, platform):
    account = await world.connect(platform, "doomed")
    publication_id = await world.approve(account, "never")
    world.sandbox.faults({"platform": platform, "operation": BEGIN[platform], "fault": "error"})

    outcomes = await world.run_until_final(publication_id, runs=10)
    assert outcomes == ["retrying"] * 2 + ["failed"]
    failed = await world.publication(publication_id)
    assert failed["attempts"] == 3
    assert "Gave up after 3 attempts" in failed["error"]
    assert world.posts(platform, "never") == []


async def test_a_status_query_that_fails_once_is_asked_again_within_the_run(world):
    account = await world.connect("tiktok", "hiccup")
    publication_id = await world.approve(account, "asked twice")
    world.sandbox.faults(
        {"platform": "tiktok", "operation": "status", "fault": "error", "times": 1}
    )

    assert await world.run_until_final(publication_id) == ["published"]
    assert "publication.retrying" not in await world.trail(publication_id)
    assert len(world.posts("tiktok", "asked twice")) == 1


@pytest.fixture
def three_attempts(world):
    world.sandbox.settings = world.sandbox.settings.model_copy(update={"publish_max_attempts": 3})


async def _tokens(world, account_id: str) -> TokenGrant:
    from backend.accounts.service import current_grant

    row = await world.session.get(PlatformAccount, uuid.UUID(account_id), populate_existing=True)
    return current_grant(row, TokenCipher(world.sandbox.settings))


async def test_an_expired_token_is_refreshed_and_the_rotated_refresh_token_kept(world):
    account = await world.connect("tiktok", "sleepy")
    before = await _tokens(world, account["id"])
    world.sandbox.advance_clock(3 * 3600)  # TikTok access tokens last 2 h
    publication_id = await world.approve(account, "after a long weekend")

    assert await world.run_until_final(publication_id) == ["published"]
    after = await _tokens(world, account["id"])
    assert after.access_token != before.access_token
    assert after.refresh_token != before.refresh_token
    refreshed = await world.session.scalars(
        select(LedgerEvent).where(LedgerEvent.type == "account.token_refreshed")
    )
    assert [e.payload["refresh_rotated"] for e in refreshed] == [True]
    # The previous refresh token stopped working when it was rotated.
    with pytest.raises(AuthError):
        await registry.plugin("tiktok").oauth(world.sandbox.settings).refresh(before)
    assert await registry.plugin("tiktok").oauth(world.sandbox.settings).refresh(after)


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_a_revoked_account_fails_the_publication_and_asks_for_reconnection(world, platform):
    account = await world.connect(platform, "leaver")
    world.sandbox.platform_control(
        platform, "POST", "/revoke", json={"remote_account_id": account["remote_id"]}
    )
    publication_id = await world.approve(account, "too late")

    assert await world.run_until_final(publication_id) == ["failed"]
    failed = await world.publication(publication_id)
    assert "Reconnect the account" in failed["error"]
    accounts = (await world.api.get("/v1/accounts", headers=world.headers)).json()["items"]
    assert [a["status"] for a in accounts] == ["needs_reauth"]
    alert = await world.session.scalar(
        select(LedgerEvent).where(LedgerEvent.type == "account.needs_reauth")
    )
    assert alert.payload["alert"]["kind"] == "account_needs_reauth"
    assert world.posts(platform, "too late") == []


async def test_a_video_breaking_the_rules_never_reaches_the_platform(world):
    account = await world.connect("tiktok", "careless")
    publication_id = await world.approve(account, "wrong shape")
    publication = await world.session.get(Publication, uuid.UUID(publication_id))
    row = await world.session.get(Variant, publication.variant_id)
    shutil.copyfile(
        TEST_MEDIA / "his_girl_friday_dialogue.mp4",
        world.sandbox.settings.media_dir / row.storage_key,
    )
    row.checks = {}
    await world.session.commit()

    assert await world.run_until_final(publication_id) == ["failed"]
    failed = await world.publication(publication_id)
    assert failed["error"].startswith("The video does not meet TikTok's rules, so it was not sent")
    assert "size is 640x480, expected 1080x1920" in failed["error"]
    assert failed["error_reason"] == "media_check_failed"
    assert "publication.uploading" not in await world.trail(publication_id)


async def test_a_worker_that_died_while_instagram_processed_is_taken_over(world):
    account = await world.connect("instagram", "phoenix")
    publication_id = await world.approve(account, "survivor")
    world.sandbox.faults(
        {"platform": "instagram", "operation": "create_container", "fault": "slow_processing",
         "delay_seconds": 600, "times": 1}
    )  # fmt: skip
    # The first worker opens the container, sees "processing", and is gone (its lease left
    # behind).
    assert await world.run(publication_id, publish_poll_budget_seconds=0.1) == "waiting"
    publication = await world.session.get(
        Publication, uuid.UUID(publication_id), populate_existing=True
    )
    assert publication.state == "processing"
    publication.lease_id = "the-dead-worker"
    publication.heartbeat_at = datetime.now(UTC) - timedelta(hours=1)
    publication.next_attempt_at = None
    await world.session.commit()
    # Instagram fetches the video in the background: its 600 s of processing start only then.
    await fetched_by_instagram(world, publication.remote_upload_id)
    world.sandbox.advance_clock(601)

    assert await world.run(publication_id) == "published"
    assert len(world.posts("instagram", "survivor")) == 1
    assert "publication.reconciled" in await world.trail(publication_id)


async def test_a_live_lease_keeps_a_second_run_out(world):
    account = await world.connect("youtube", "single")
    publication_id = await world.approve(account, "only one runner")
    publication = await world.session.get(Publication, uuid.UUID(publication_id))
    publication.lease_id, publication.heartbeat_at = "someone-else", datetime.now(UTC)
    await world.session.commit()
    assert await world.run(publication_id) == "skipped"
    assert world.posts("youtube", "only one runner") == []


async def test_a_youtube_notice_during_processing_finds_its_publication(world):
    """YouTube names the video when the last byte lands and its hub may say so at once, while the
    engine is still polling processing: the notice must find the publication by that id."""
    account = await world.connect("youtube", "quick_hub")
    publication_id = await world.approve(account, "noticed early")
    world.sandbox.faults(
        {"platform": "youtube", "operation": "process", "fault": "slow_processing",
         "delay_seconds": 600, "times": 1}
    )  # fmt: skip
    assert await world.run(publication_id, publish_poll_budget_seconds=0.1) == "waiting"
    processing = await world.publication(publication_id)
    assert processing["state"] == "processing"
    [post] = world.posts("youtube", "noticed early")
    assert processing["remote_post_id"] == post["remote_post_id"]

    notice = WebhookEvent(
        platform="youtube",
        kind="publish.completed",
        key="n-1",
        remote_post_id=post["remote_post_id"],
    )
    assert await apply_remote_event(world.session, notice) == 1
    await world.session.commit()
    assert "publication.published" in await world.trail(publication_id)
    world.sandbox.advance_clock(601)
    assert await world.run(publication_id) == "skipped"  # nothing left to do
    assert len(world.posts("youtube", "noticed early")) == 1
