"""What the Instagram client tells the engine when things go wrong on the way: dropped and lost
answers, throttling, server errors, timeouts, processing that takes its time, expiry."""

from __future__ import annotations

import pytest

from backend.platforms.base import PostSpec, RetryableError
from tests.platforms.conftest import Sandbox
from tests.platforms.instagram_helpers import (
    FRIDAY,
    SINTEL,
    acknowledged,
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

FOUR_MB = 4 * 1024 * 1024


async def test_an_upload_cut_off_midway_is_sent_again_whole_without_asking_an_offset(
    sandbox: Sandbox, tmp_path
) -> None:
    # Even where the upload host would say how many bytes it holds, that query is undocumented:
    # the client does not ask it, and restarts from 0.
    configure(sandbox, upload_offset_query=True)
    credentials = facebook_login(sandbox, "maria.creates")
    media = padded_video(SINTEL, tmp_path / "reel.mp4", FOUR_MB)
    pub = publisher(sandbox, upload_chunk_bytes=256 * 1024)
    post = PostSpec(caption="restarted")
    ticket = await pub.begin(credentials, media, post)

    sandbox.faults({"platform": "instagram", "operation": "upload", "fault": "drop", "times": 1})
    with pytest.raises(RetryableError):
        await pub.upload(credentials, ticket, media, offset=0)
    assert 0 < container(sandbox, ticket.remote_id)["received_bytes"] < media.size_bytes

    state = await pub.status(credentials, ticket)
    assert (state.phase, state.uploaded_bytes) == ("uploading", 0)
    assert (await pub.upload(credentials, ticket, media, offset=0)).phase == "processing"
    ticket = acknowledged(ticket, media)
    await wait_for_phase(pub, credentials, ticket, ["ready"])
    held = container(sandbox, ticket.remote_id)
    assert (held["received_bytes"], held["sha256"]) == (media.size_bytes, sha256(media.path))
    assert (await pub.publish(credentials, ticket, post)).phase == "published"


async def test_an_upload_whose_answer_is_lost_is_sent_again_and_accepted(
    sandbox: Sandbox,
) -> None:
    credentials = facebook_login(sandbox, "maria.creates")
    media = video_file(SINTEL)
    pub = publisher(sandbox)
    ticket = await pub.begin(credentials, media, PostSpec(caption="lost upload"))
    sandbox.faults(
        {"platform": "instagram", "operation": "upload", "fault": "lost_response", "times": 1}
    )
    with pytest.raises(RetryableError):
        await pub.upload(credentials, ticket, media, offset=0)
    # Nothing acknowledged it: the whole file goes again, and the platform takes the identical
    # copy for what it already holds.
    assert (await pub.status(credentials, ticket)).phase == "uploading"
    assert (await pub.upload(credentials, ticket, media, offset=0)).phase == "processing"
    await wait_for_phase(pub, credentials, acknowledged(ticket, media), ["ready"])
    assert container(sandbox, ticket.remote_id)["sha256"] == sha256(SINTEL)


async def test_a_lost_publish_answer_is_recovered_from_instagram_without_a_second_post(
    sandbox: Sandbox,
) -> None:
    _, credentials = await connected(sandbox, "maria.creates")
    media = hosted(sandbox, FRIDAY)
    pub = publisher(sandbox)
    post = PostSpec(caption="published once #only")
    ticket = await pub.begin(credentials, media, post)
    await wait_for_phase(pub, credentials, ticket, ["ready"])

    sandbox.faults(
        {"platform": "instagram", "operation": "media_publish", "fault": "lost_response"}
    )
    with pytest.raises(RetryableError):
        await pub.publish(credentials, ticket, post)
    (made,) = posts(sandbox)

    state = await pub.status(credentials, ticket)
    assert (state.phase, state.remote_post_id) == ("published", made["remote_post_id"])
    assert state.url

    # Publishing again anyway (an engine that skipped status) is refused by Instagram; the client
    # recognises its own post.
    sandbox.faults()
    again = await pub.publish(credentials, ticket, post)
    assert (again.phase, again.remote_post_id) == ("published", made["remote_post_id"])
    assert len(posts(sandbox)) == 1


async def test_an_older_post_with_the_same_caption_is_not_taken_for_this_one(
    sandbox: Sandbox,
) -> None:
    _, credentials = await connected(sandbox, "maria.creates")
    media = hosted(sandbox, FRIDAY)
    post = PostSpec(caption="every monday")
    earlier = await publish_reel(sandbox, credentials, media, post)

    # Without slack for clock skew, a post made before this container was created is excluded.
    pub = publisher(sandbox, clock_skew_seconds=0)
    ticket = await pub.begin(credentials, media, post)
    await wait_for_phase(pub, credentials, ticket, ["ready"])
    sandbox.advance_clock(3600)  # Instagram stamps the new post an hour later
    sandbox.faults(
        {"platform": "instagram", "operation": "media_publish", "fault": "lost_response"}
    )
    with pytest.raises(RetryableError):
        await pub.publish(credentials, ticket, post)
    sandbox.faults()
    latest = posts(sandbox)[-1]["remote_post_id"]
    assert latest != earlier.remote_post_id
    assert (await pub.status(credentials, ticket)).remote_post_id == latest


async def test_throttling_carries_retry_after(sandbox: Sandbox) -> None:
    _, credentials = await connected(sandbox, "maria.creates")
    sandbox.faults(
        {
            "platform": "instagram",
            "operation": "content_publishing_limit",
            "fault": "rate_limit",
            "retry_after": 7,
            "times": 1,
        }
    )
    pub = publisher(sandbox)
    with pytest.raises(RetryableError) as throttled:
        await pub.quota(credentials)
    assert throttled.value.retry_after_seconds == 7
    assert throttled.value.status_code == 429
    assert (await pub.quota(credentials)) is not None


async def test_publishing_before_processing_ends_asks_to_wait(sandbox: Sandbox) -> None:
    credentials = facebook_login(sandbox, "maria.creates")
    media = video_file(FRIDAY)
    pub = publisher(sandbox)
    post = PostSpec(caption="patience")
    ticket = await pub.begin(credentials, media, post)
    sandbox.faults(
        {
            "platform": "instagram",
            "operation": "upload",
            "fault": "slow_processing",
            "delay_seconds": 600,
        }
    )
    await pub.upload(credentials, ticket, media, offset=0)
    ticket = acknowledged(ticket, media)
    assert (await pub.status(credentials, ticket)).phase == "processing"
    with pytest.raises(RetryableError) as early:
        await pub.publish(credentials, ticket, post)
    assert "9007/2207027" in early.value.reason
    sandbox.advance_clock(601)
    assert (await pub.status(credentials, ticket)).phase == "ready"
    assert (await pub.publish(credentials, ticket, post)).phase == "published"


async def test_a_container_left_for_a_day_expires(sandbox: Sandbox) -> None:
    credentials = facebook_login(sandbox, "maria.creates")
    media = video_file(FRIDAY)
    pub = publisher(sandbox)
    post = PostSpec(caption="too late")
    unsent = await pub.begin(credentials, media, post)
    ready = await pub.begin(credentials, media, post)
    await pub.upload(credentials, ready, media, offset=0)
    ready = acknowledged(ready, media)
    await wait_for_phase(pub, credentials, ready, ["ready"])

    sandbox.advance_clock(24 * 3600 + 60)
    assert (await pub.status(credentials, unsent)).phase == "expired"
    assert (await pub.upload(credentials, unsent, media, offset=0)).phase == "expired"
    assert (await pub.status(credentials, ready)).phase == "expired"
    expired = await pub.publish(credentials, ready, post)
    assert expired.phase == "expired"
    assert expired.reason
    assert "2207020" in expired.reason
    assert posts(sandbox) == []
