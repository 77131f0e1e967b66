"""The TikTok client against the sandbox over real HTTP: the publishing journey and its failures."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from backend.config import Settings
from backend.platforms.base import (
    MediaRejected,
    PermanentError,
    PostSpec,
    QuotaExceeded,
    RetryableError,
    UploadTicket,
)
from backend.platforms.signatures import tiktok_verify
from backend.platforms.tiktok import TikTokPublisher, create_oauth, create_publisher
from backend.platforms.tiktok.media import MIB
from sandbox.app import create_sandbox_app
from tests.platforms.conftest import Sandbox
from tests.platforms.tiktok_helpers import (
    FRIDAY,
    GRID_MPEG,
    choices,
    connect,
    connected,
    credentials_for,
    media_file,
    padded_video,
    sandbox_config,
    sandbox_upload,
    sha256_of,
    tiktok_post,
    wait_for_phase,
    webhook_receiver,
)
from tests.servers import serving


@pytest.fixture
def sandbox(sandbox: Sandbox) -> Sandbox:
    """Nothing listens for webhooks at public_base_url in these tests."""
    sandbox_config(sandbox, webhooks_enabled=False)
    return sandbox


async def test_direct_post_is_published_with_a_post_id_and_growing_metrics(
    sandbox: Sandbox,
) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox, "maria")
    media = media_file()
    post = tiktok_post(caption="Hildy! #classic", privacy="public")

    ticket = await publisher.begin(credentials, media, post)
    state = await publisher.status(credentials, ticket)
    assert (state.phase, state.uploaded_bytes) == ("uploading", 0)
    progress: list[tuple[int, int]] = []

    async def record(sent: int, total: int) -> None:
        progress.append((sent, total))

    await publisher.upload(credentials, ticket, media, offset=0, progress=record)
    state = await wait_for_phase(publisher, credentials, ticket, ("ready", "published", "failed"))
    assert state.phase == "published", state
    state = await publisher.publish(credentials, ticket, post)

    assert state.phase == "published"
    assert state.remote_post_id
    assert state.url == f"https://www.tiktok.com/@maria/video/{state.remote_post_id}"
    assert progress == [(media.size_bytes, media.size_bytes)]
    upload = sandbox_upload(sandbox, ticket.remote_id)
    assert upload["sha256"] == sha256_of(FRIDAY)
    assert upload["privacy_level"] == "PUBLIC_TO_EVERYONE"
    posts = sandbox.stats()["tiktok"]["posts"]  # type: ignore[index]
    assert posts == [
        {
            "remote_post_id": state.remote_post_id,
            "account_id": credentials.remote_account_id,
            "caption": "Hildy! #classic",
        }
    ]

    early = await publisher.metrics(credentials, state.remote_post_id)
    sandbox.advance_clock(3600)  # within the access token's 2 h
    later = await publisher.metrics(credentials, state.remote_post_id)
    assert later.views is not None
    assert early.views is not None
    assert later.views > early.views
    assert later.likes is not None
    assert later.likes > 0
    again = await publisher.metrics(credentials, state.remote_post_id)
    # The sandbox's clock keeps running between two reads: counts never go back.
    assert again.views is not None
    assert again.likes is not None
    assert again.views >= later.views
    assert again.likes >= later.likes


async def test_draft_goes_to_the_inbox(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    media = media_file()
    ticket = await publisher.begin(credentials, media, tiktok_post(caption="draft", mode="draft"))
    await publisher.upload(credentials, ticket, media, offset=0)
    state = await wait_for_phase(publisher, credentials, ticket)
    assert (state.phase, state.detail, state.remote_post_id) == (
        "published",
        "inbox",
        ticket.remote_id,
    )
    assert sandbox.stats()["tiktok"]["posts"] == []  # type: ignore[index]


async def test_chunked_upload_resumes_after_a_drop_and_arrives_intact(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    publisher = TikTokPublisher(sandbox.settings, chunk_size_bytes=5 * MIB)
    credentials = await connected(sandbox)
    media = padded_video(tmp_path, 16 * MIB + 123)  # chunks of 5, 5 and 6 MiB + 123 bytes
    ticket = await publisher.begin(credentials, media, tiktok_post(caption="long one"))
    assert ticket.extra["total_chunk_count"] == "3"

    async def drop_the_next_chunk(sent: int, total: int) -> None:
        if sent == 5 * MIB:  # after the first chunk arrived: the second one breaks off
            rule = {"platform": "tiktok", "operation": "upload_chunk", "fault": "drop", "times": 1}
            await asyncio.to_thread(sandbox.faults, rule)

    with pytest.raises(RetryableError) as raised:
        await publisher.upload(credentials, ticket, media, offset=0, progress=drop_the_next_chunk)
    assert "connection" in raised.value.reason

    state = await publisher.status(credentials, ticket)
    assert (state.phase, state.uploaded_bytes) == ("uploading", 5 * MIB)
    await publisher.upload(credentials, ticket, media, offset=state.uploaded_bytes)
    state = await wait_for_phase(publisher, credentials, ticket)
    assert state.phase == "published", state
    upload = sandbox_upload(sandbox, ticket.remote_id)
    assert upload["uploaded_bytes"] == media.size_bytes
    assert upload["sha256"] == sha256_of(media.path)


async def test_slow_processing_reports_processing_until_it_ends(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    media = media_file()
    sandbox.faults(
        {
            "platform": "tiktok",
            "operation": "process",
            "fault": "slow_processing",
            "delay_seconds": 600,
        }
    )
    ticket = await publisher.begin(credentials, media, tiktok_post(caption="slow"))
    state = await publisher.upload(credentials, ticket, media, offset=0)
    assert state.phase == "processing"
    assert (await publisher.status(credentials, ticket)).phase == "processing"
    sandbox.advance_clock(601)
    assert (await wait_for_phase(publisher, credentials, ticket)).phase == "published"


async def test_processing_error_is_a_retryable_failure(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    media = media_file()
    sandbox.faults({"platform": "tiktok", "operation": "process", "fault": "error", "times": 1})
    ticket = await publisher.begin(credentials, media, tiktok_post(caption="x"))
    await publisher.upload(credentials, ticket, media, offset=0)
    state = await wait_for_phase(publisher, credentials, ticket)
    assert (state.phase, state.reason, state.retryable) == ("failed", "internal", True)


@pytest.mark.parametrize("fault", ["drop", "timeout", "lost_response"])
async def test_request_faults_never_stall_processing(sandbox: Sandbox, fault: str) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    media = media_file()
    sandbox.faults({"platform": "tiktok", "operation": "process", "fault": fault, "times": 1})
    ticket = await publisher.begin(credentials, media, tiktok_post(caption="whole"))
    await publisher.upload(credentials, ticket, media, offset=0)
    assert (await wait_for_phase(publisher, credentials, ticket)).phase == "published"


def test_every_byte_received_but_not_yet_processing_is_waited_on(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    ticket = UploadTicket(
        remote_id="v_pub_file~1",
        upload_url="https://upload.example/1",
        extra={"video_size": "1000", "upload_expires_at": "2999-01-01T00:00:00+00:00"},
    )
    whole = publisher._state(ticket, {"status": "PROCESSING_UPLOAD", "uploaded_bytes": 1000})
    assert (whole.phase, whole.uploaded_bytes) == ("processing", 1000)
    part = publisher._state(ticket, {"status": "PROCESSING_UPLOAD", "uploaded_bytes": 400})
    assert (part.phase, part.uploaded_bytes) == ("uploading", 400)


async def test_a_video_tiktok_cannot_read_fails_without_retry(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    # An MPEG-PS file sent as if it were an MP4: TikTok's processing refuses it.
    media = media_file(GRID_MPEG, duration=3.0, width=360, height=360)
    ticket = await publisher.begin(credentials, media, tiktok_post(caption="x"))
    await publisher.upload(credentials, ticket, media, offset=0)
    state = await wait_for_phase(publisher, credentials, ticket)
    assert (state.phase, state.reason, state.retryable) == (
        "failed",
        "file_format_check_failed",
        False,
    )
    assert state.detail
    assert "MP4" in state.detail


async def test_media_rejected_before_upload(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    sandbox_config(sandbox, max_video_post_duration_sec=5)
    with pytest.raises(MediaRejected) as too_long:
        await publisher.begin(credentials, media_file(), tiktok_post(caption="x"))
    assert too_long.value.reason.startswith("duration_check_failed")
    assert "5 seconds" in too_long.value.user_message

    with pytest.raises(MediaRejected):
        await publisher.begin(
            credentials, media_file(GRID_MPEG, content_type="video/mpeg"), tiktok_post(caption="x")
        )
    with pytest.raises(MediaRejected) as small:
        await publisher.begin(credentials, media_file(height=288), tiktok_post(caption="x"))
    assert "360" in small.value.user_message
    assert sandbox.stats()["tiktok"]["publishes"] == 0  # type: ignore[index]


async def test_daily_post_cap_raises_quota_exceeded(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    grant = await connect(sandbox)
    credentials = await credentials_for(sandbox, grant)
    sandbox_config(sandbox, daily_post_cap=2)
    assert await publisher.quota(credentials) is None  # TikTok exposes no counter
    media = media_file()
    for _ in range(2):
        await publisher.begin(credentials, media, tiktok_post(caption="x"))
    with pytest.raises(QuotaExceeded) as raised:
        await publisher.begin(credentials, media, tiktok_post(caption="x"))
    assert raised.value.reason.startswith("spam_risk_too_many_posts")

    sandbox.advance_clock(24 * 3600 + 1)  # the rolling window moves on (and the tickets expire)
    grant = await create_oauth(sandbox.settings).refresh(grant)
    credentials = replace(credentials, access_token=grant.access_token)
    await publisher.begin(credentials, media, tiktok_post(caption="x"))


async def test_pending_drafts_cap_raises_quota_exceeded(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    sandbox_config(sandbox, rate_limits_per_minute={})
    media = media_file()
    for _ in range(5):
        await publisher.begin(credentials, media, tiktok_post(caption="", mode="draft"))
    with pytest.raises(QuotaExceeded) as raised:
        await publisher.begin(credentials, media, tiktok_post(caption="", mode="draft"))
    assert raised.value.reason.startswith("spam_risk_too_many_pending_share")
    assert raised.value.status_code == 403


async def test_privacy_is_the_users_choice_among_what_the_creator_is_offered(
    sandbox: Sandbox,
) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    media = media_file()
    sandbox_config(sandbox, privacy_level_options=["MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"])
    post = PostSpec(caption="x", options=choices("MUTUAL_FOLLOW_FRIENDS"))
    ticket = await publisher.begin(credentials, media, post)
    assert sandbox_upload(sandbox, ticket.remote_id)["privacy_level"] == "MUTUAL_FOLLOW_FRIENDS"
    with pytest.raises(PermanentError) as raised:
        await publisher.begin(credentials, media, tiktok_post(caption="x", privacy="public"))
    assert raised.value.reason.startswith("creator_info_refuses")
    assert "MUTUAL_FOLLOW_FRIENDS, SELF_ONLY" in raised.value.user_message


async def test_a_direct_post_without_the_users_choices_is_refused(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    with pytest.raises(PermanentError) as raised:
        await publisher.begin(credentials, media_file(), PostSpec(caption="x", privacy="private"))
    assert raised.value.reason == "post_choices_missing"


async def test_choices_reach_tiktok_and_interactions_the_creator_disabled_must_stay_off(
    sandbox: Sandbox,
) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    media = media_file()
    sandbox_config(sandbox, duet_disabled=True)
    with pytest.raises(PermanentError) as raised:
        await publisher.begin(credentials, media, tiktok_post(caption="x"))
    assert "duets" in raised.value.user_message
    post = replace(
        tiktok_post(caption="x", disable_duet=True, is_aigc=True, brand_organic_toggle=True),
        cover_offset_ms=2500,
    )
    ticket = await publisher.begin(credentials, media, post)
    sent = sandbox_upload(sandbox, ticket.remote_id)["post_info"]
    assert sent["disable_duet"] is True
    assert (sent["is_aigc"], sent["brand_organic_toggle"], sent["brand_content_toggle"]) == (
        True,
        True,
        False,
    )
    assert sent["video_cover_timestamp_ms"] == 2500


async def test_the_sandbox_refuses_an_interaction_the_creator_disabled(sandbox: Sandbox) -> None:
    """The emulator itself, not only the client: a post_info leaving comments on is refused."""
    credentials = await connected(sandbox)
    sandbox_config(sandbox, comment_disabled=True)
    body = {
        "post_info": {"title": "x", **choices(), "disable_comment": False},
        "source_info": {"source": "FILE_UPLOAD", "video_size": 1000, "chunk_size": 1000,
                        "total_chunk_count": 1},
    }  # fmt: skip
    async with httpx.AsyncClient(timeout=10) as client:
        answer = await client.post(
            f"{sandbox.url}/tiktok/open/v2/post/publish/video/init/",
            json=body,
            headers={"Authorization": f"Bearer {credentials.access_token}"},
        )
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid_params"
    assert "disable_comment" in answer.json()["error"]["message"]


async def test_unaudited_client_may_only_post_privately(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    sandbox_config(sandbox, client_audited=False)
    ticket = await publisher.begin(
        credentials, media_file(), tiktok_post(caption="x", privacy="private")
    )
    assert ticket.remote_id
    with pytest.raises(PermanentError) as raised:
        await publisher.begin(credentials, media_file(), tiktok_post(caption="x"))
    assert "SELF_ONLY" in raised.value.user_message


async def test_expired_upload_url_means_start_again(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    media = media_file()
    ticket = await publisher.begin(credentials, media, tiktok_post(caption="x"))
    sandbox.advance_clock(3601)
    state = await publisher.upload(credentials, ticket, media, offset=0)
    assert state.phase == "expired"


async def test_webhooks_are_signed_and_say_what_happened(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    media = media_file()
    with webhook_receiver() as (url, received):
        sandbox_config(sandbox, webhooks_enabled=True, webhook_url=url)
        ticket = await publisher.begin(credentials, media, tiktok_post(caption="hooked"))
        await publisher.upload(credentials, ticket, media, offset=0)
        state = await wait_for_phase(publisher, credentials, ticket)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10
        while len(received) < 2:
            assert loop.time() < deadline, received
            await asyncio.sleep(0.05)
    secret = sandbox.settings.tiktok_client_secret.get_secret_value()
    events = {}
    for headers, body in received:
        tiktok_verify(headers, body, secret, now=time.time(), max_age=60)
        envelope = json.loads(body)
        assert envelope["client_key"] == sandbox.settings.tiktok_client_key
        assert envelope["user_openid"] == credentials.remote_account_id
        events[envelope["event"]] = json.loads(envelope["content"])
    assert events["post.publish.complete"]["publish_id"] == ticket.remote_id
    assert events["post.publish.publicly_available"]["post_id"] == state.remote_post_id


async def test_a_private_post_has_no_public_id(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    media = media_file()
    ticket = await publisher.begin(credentials, media, tiktok_post(caption="me", privacy="private"))
    await publisher.upload(credentials, ticket, media, offset=0)
    state = await wait_for_phase(publisher, credentials, ticket)
    assert (state.phase, state.remote_post_id, state.detail) == (
        "published",
        ticket.remote_id,
        "not_public",
    )
    assert state.url is None
    assert len(sandbox.stats()["tiktok"]["posts"]) == 1  # type: ignore[index]


async def test_works_mounted_under_a_prefix(settings: Settings) -> None:
    """The API mounts the sandbox at /sandbox: upload URLs and redirects must still hold."""
    outer = FastAPI()
    outer.mount(
        "/sandbox",
        create_sandbox_app(settings.model_copy(update={"sandbox_processing_seconds": 0})),
    )
    with serving(outer) as url:
        mounted = f"{url}/sandbox"
        sandbox = Sandbox(mounted, settings.model_copy(update={"sandbox_url": mounted}))
        sandbox_config(sandbox, webhooks_enabled=False)
        publisher = create_publisher(sandbox.settings)
        credentials = await connected(sandbox)
        media = media_file()
        ticket = await publisher.begin(credentials, media, tiktok_post(caption="mounted"))
        assert ticket.upload_url.startswith(f"{url}/sandbox/tiktok/upload/video/?")
        await publisher.upload(credentials, ticket, media, offset=0)
        assert (await wait_for_phase(publisher, credentials, ticket)).phase == "published"


async def test_a_public_post_waits_for_moderation_before_it_is_published(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    media = media_file()
    sandbox_config(sandbox, moderation_seconds=3600)
    ticket = await publisher.begin(credentials, media, tiktok_post(caption="moderated"))
    await publisher.upload(credentials, ticket, media, offset=0)
    deadline = time.monotonic() + 10
    while sandbox_upload(sandbox, ticket.remote_id)["status"] != "PUBLISH_COMPLETE":
        assert time.monotonic() < deadline, "processing never ended"
        await publisher.status(credentials, ticket)  # the sandbox settles on a status call
        await asyncio.sleep(0.1)
    # Posted, yet no id while moderation runs: not published yet.
    state = await publisher.status(credentials, ticket)
    assert (state.phase, state.detail) == ("processing", "moderation")
    assert ticket.extra["awaits_post_id"] == "1"
    sandbox.advance_clock(3601)
    state = await publisher.status(credentials, ticket)
    assert state.phase == "published"
    assert state.remote_post_id
    assert state.remote_post_id != ticket.remote_id
