"""Reels from connection to metrics, through the real client and the sandbox over HTTP."""

from __future__ import annotations

import httpx
import pytest

from backend.platforms.base import (
    MediaRejected,
    PermanentError,
    PostSpec,
    QuotaExceeded,
    RetryableError,
)
from tests.platforms.conftest import Sandbox
from tests.platforms.instagram_helpers import (
    FRIDAY,
    GRID_MPEG_PS,
    SINTEL,
    configure,
    connected,
    container,
    facebook_login,
    hosted,
    padded_video,
    posts,
    publish_reel,
    publisher,
    sha256,
    video_file,
    wait_for_phase,
)


async def test_a_reel_goes_from_upload_to_published_with_growing_metrics(sandbox: Sandbox) -> None:
    _, credentials = await connected(sandbox, "maria.creates")
    media = hosted(sandbox, SINTEL)
    pub = publisher(sandbox)
    post = PostSpec(caption="Sintel, fast cuts #animation", cover_offset_ms=1500)

    # Instagram Login: Instagram fetches the video from our signed link; nothing to upload.
    ticket = await pub.begin(credentials, media, post)
    assert ticket.extra["source"] == "video_url"
    state = await pub.status(credentials, ticket)
    assert state.phase in ("processing", "ready")
    assert (await wait_for_phase(pub, credentials, ticket, ["ready"])).uploaded_bytes == (
        media.size_bytes
    )
    held = container(sandbox, ticket.remote_id)
    assert (held["source"], held["sha256"]) == ("video_url", sha256(SINTEL))
    assert held["thumb_offset_ms"] == 1500

    published = await pub.publish(credentials, ticket, post)
    assert published.phase == "published"
    assert published.remote_post_id
    assert published.url
    assert "/instagram/www/reel/" in published.url
    assert posts(sandbox) == [
        {
            "remote_post_id": published.remote_post_id,
            "account_id": credentials.remote_account_id,
            "caption": post.caption,
        }
    ]
    # Asking again afterwards tells the same story, from the platform's records.
    again = await pub.status(credentials, ticket)
    assert (again.phase, again.remote_post_id) == ("published", published.remote_post_id)

    first = await pub.metrics(credentials, published.remote_post_id)
    sandbox.advance_clock(3 * 3600)
    later = await pub.metrics(credentials, published.remote_post_id)
    assert first.views is not None
    assert later.views is not None
    assert later.views > first.views
    assert later.likes is not None
    assert later.likes <= later.views
    assert later.comments is not None
    assert later.shares is not None
    assert later.watch_time_seconds is not None
    assert later.watch_time_seconds > 0
    assert await pub.metrics(credentials, published.remote_post_id) == later  # deterministic


async def test_two_accounts_publish_side_by_side(sandbox: Sandbox) -> None:
    _, maria = await connected(sandbox, "maria.creates")
    _, jon = await connected(sandbox, "jon_films")
    assert maria.remote_account_id != jon.remote_account_id
    _, maria_again = await connected(sandbox, "maria.creates")
    assert maria_again.remote_account_id == maria.remote_account_id

    first = await publish_reel(sandbox, maria, hosted(sandbox, FRIDAY), PostSpec(caption="one"))
    second = await publish_reel(sandbox, jon, hosted(sandbox, FRIDAY), PostSpec(caption="two"))
    owners = {p["remote_post_id"]: p["account_id"] for p in posts(sandbox)}
    assert owners == {
        first.remote_post_id: maria.remote_account_id,
        second.remote_post_id: jon.remote_account_id,
    }


async def test_the_publishing_limit_is_reported_and_enforced(sandbox: Sandbox) -> None:
    configure(sandbox, quota_total=1)
    _, credentials = await connected(sandbox, "maria.creates")
    pub = publisher(sandbox)
    quota = await pub.quota(credentials)
    assert quota is not None
    assert (quota.used, quota.limit, quota.exhausted) == (0, 1, False)

    await publish_reel(sandbox, credentials, hosted(sandbox, FRIDAY), PostSpec(caption="first"))
    quota = await pub.quota(credentials)
    assert quota is not None
    assert quota.exhausted

    with pytest.raises(QuotaExceeded) as refused:
        await publish_reel(
            sandbox, credentials, hosted(sandbox, FRIDAY), PostSpec(caption="second")
        )
    assert "2207042" in refused.value.reason
    assert "limit" in refused.value.user_message

    sandbox.advance_clock(24 * 3600 + 1)  # the rolling window lets the first post go
    quota = await pub.quota(credentials)
    assert quota is not None
    assert not quota.exhausted


async def test_a_file_that_is_not_mp4_fails_processing_and_cannot_be_published(
    sandbox: Sandbox,
) -> None:
    _, credentials = await connected(sandbox, "maria.creates")
    pub = publisher(sandbox)
    media = hosted(sandbox, video_file(GRID_MPEG_PS))
    post = PostSpec(caption="mpeg-ps")
    ticket = await pub.begin(credentials, media, post)

    state = await wait_for_phase(pub, credentials, ticket, ["failed"])
    assert state.reason is not None
    assert "2207026" in state.reason
    assert state.retryable is False
    with pytest.raises(MediaRejected) as refused:
        await pub.publish(credentials, ticket, post)
    assert "format" in refused.value.user_message
    assert posts(sandbox) == []


async def test_a_video_too_short_or_a_cover_outside_it_fails(sandbox: Sandbox) -> None:
    configure(sandbox, min_duration_seconds=8)
    _, credentials = await connected(sandbox, "maria.creates")
    pub = publisher(sandbox)
    short = hosted(sandbox, FRIDAY)  # 6.2 s
    ticket = await pub.begin(credentials, short, PostSpec(caption="short"))
    state = await wait_for_phase(pub, credentials, ticket, ["failed", "ready"])
    assert state.phase == "failed"
    assert state.reason
    assert "2207026" in state.reason

    long = hosted(sandbox, SINTEL)  # 10 s
    ticket = await pub.begin(credentials, long, PostSpec(caption="cover", cover_offset_ms=12_000))
    state = await wait_for_phase(pub, credentials, ticket, ["failed", "ready"])
    assert state.phase == "failed"
    assert state.reason
    assert "2207057" in state.reason


async def test_a_file_over_the_size_limit_is_refused_at_upload(sandbox: Sandbox, tmp_path) -> None:
    configure(sandbox, max_video_bytes=1_500_000)
    credentials = facebook_login(sandbox, "maria.creates")  # resumable upload
    pub = publisher(sandbox)
    media = padded_video(SINTEL, tmp_path / "big.mp4", 2_000_000)
    ticket = await pub.begin(credentials, media, PostSpec(caption="big"))
    with pytest.raises(MediaRejected) as refused:
        await pub.upload(credentials, ticket, media, offset=0)
    assert "FileTooLarge" in refused.value.reason
    assert "too large" in refused.value.user_message


async def test_a_caption_over_instagram_limits_is_refused_before_any_upload(
    sandbox: Sandbox,
) -> None:
    _, credentials = await connected(sandbox, "maria.creates")
    pub = publisher(sandbox)
    for caption, subcode in [("x" * 2201, "2207010"), (" ".join(["@a"] * 21), "2207040")]:
        with pytest.raises(PermanentError) as refused:
            await pub.begin(credentials, hosted(sandbox, FRIDAY), PostSpec(caption=caption))
        assert not isinstance(refused.value, RetryableError | MediaRejected)
        assert subcode in refused.value.reason


def test_the_sandbox_config_refuses_unknown_knobs(sandbox: Sandbox) -> None:
    assert configure(sandbox, quota_total=3)["quota_total"] == 3
    answer = httpx.put(
        f"{sandbox.url}/instagram/_sandbox/config", json={"quota_totl": 3}, timeout=10
    )
    assert answer.status_code == 422
