"""The YouTube publisher against the sandbox over real HTTP."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from backend.platforms.base import (
    AuthError,
    MediaRejected,
    PermanentError,
    PostSpec,
    QuotaExceeded,
    RetryableError,
)
from backend.platforms.youtube import YouTubeOAuth, YouTubePublisher
from sandbox.app import create_sandbox_app
from tests.platforms.conftest import Sandbox
from tests.platforms.youtube_helpers import (
    configure,
    connect,
    credentials_for,
    media_file,
    padded_video,
    revoke_access,
    sha256_of,
    stored_video,
    wait_for_phase,
    youtube_post,
)
from tests.servers import serving

CHUNK = 256 * 1024


async def test_happy_path_publishes_with_metrics(sandbox: Sandbox) -> None:
    grant = await connect(sandbox, "alice")
    credentials = await credentials_for(sandbox, "alice", grant)
    publisher = YouTubePublisher(sandbox.settings, chunk_size=CHUNK)
    media = media_file()
    post = youtube_post(caption="Hildy meets the lord of the universe #shorts", title="Hildy!")

    ticket = await publisher.begin(credentials, media, post)
    state = await publisher.status(credentials, ticket)
    assert (state.phase, state.uploaded_bytes) == ("uploading", 0)

    seen: list[tuple[int, int]] = []

    async def progress(sent: int, total: int) -> None:
        seen.append((sent, total))

    state = await publisher.upload(credentials, ticket, media, offset=0, progress=progress)
    assert state.phase in ("processing", "published")
    assert seen[-1] == (media.size_bytes, media.size_bytes)
    assert len(seen) == -(-media.size_bytes // CHUNK)

    state = await wait_for_phase(publisher, credentials, ticket, {"published"})
    assert state.remote_post_id
    assert state.url
    assert state.remote_post_id in state.url
    assert stored_video(sandbox, state.remote_post_id)["sha256"] == sha256_of(media.path)

    sandbox.advance_clock(6 * 3600)  # the access token has expired by now
    grant = await YouTubeOAuth(sandbox.settings).refresh(grant)
    credentials = replace(credentials, access_token=grant.access_token)
    metrics = await publisher.metrics(credentials, state.remote_post_id)
    assert metrics.views
    assert metrics.views > 0
    assert metrics.likes is not None
    assert metrics.comments is not None
    assert metrics.shares is None
    assert metrics.watch_time_seconds is None
    sandbox.advance_clock(1800)
    later = await publisher.metrics(credentials, state.remote_post_id)
    assert later.views is not None
    assert later.views > metrics.views

    posts = sandbox.stats()["youtube"]["posts"]  # type: ignore[index]
    assert posts == [
        {
            "remote_post_id": state.remote_post_id,
            "account_id": credentials.remote_account_id,
            "caption": post.caption,
            "title": "Hildy!",
        }
    ]


def publisher_for(sandbox: Sandbox, **overrides: object) -> YouTubePublisher:
    settings = sandbox.settings.model_copy(update=overrides) if overrides else sandbox.settings
    return YouTubePublisher(settings, chunk_size=CHUNK)


POST = youtube_post(caption="A caption", title="A title")


async def test_resumes_after_a_connection_drop_mid_upload(sandbox: Sandbox, tmp_path) -> None:
    credentials = await credentials_for(sandbox)
    publisher = publisher_for(sandbox)
    media = media_file(path=padded_video(tmp_path, 3 * CHUNK + 12345))
    ticket = await publisher.begin(credentials, media, POST)
    sandbox.faults(
        {"platform": "youtube", "operation": "upload_chunk", "fault": "drop", "times": 1}
    )

    with pytest.raises(RetryableError):
        await publisher.upload(credentials, ticket, media, offset=0)

    state = await publisher.status(credentials, ticket)
    assert state.phase == "uploading"
    assert 0 < state.uploaded_bytes < CHUNK  # part of the first chunk was kept
    state = await publisher.upload(credentials, ticket, media, offset=state.uploaded_bytes)
    state = await wait_for_phase(publisher, credentials, ticket, {"published"})
    assert state.remote_post_id
    stored = stored_video(sandbox, state.remote_post_id)
    assert stored["size_bytes"] == media.size_bytes
    assert stored["sha256"] == sha256_of(media.path)


async def test_lost_response_on_the_last_chunk_is_found_by_status(sandbox: Sandbox) -> None:
    credentials = await credentials_for(sandbox)
    publisher = publisher_for(sandbox)
    media = media_file()
    ticket = await publisher.begin(credentials, media, POST)
    sandbox.faults(
        {"platform": "youtube", "operation": "upload_chunk", "fault": "lost_response", "times": 1}
    )
    # The first chunk goes through; the answer to the last one is lost.
    with pytest.raises(RetryableError):
        await publisher.upload(credentials, ticket, media, offset=0)
    assert (await publisher.status(credentials, ticket)).uploaded_bytes == CHUNK
    sandbox.faults(
        {"platform": "youtube", "operation": "upload_chunk", "fault": "lost_response", "times": 1}
    )

    with pytest.raises(RetryableError):
        await publisher.upload(credentials, ticket, media, offset=CHUNK)

    state = await publisher.status(credentials, ticket)
    assert state.phase in ("processing", "published")
    assert state.remote_post_id
    assert state.uploaded_bytes == media.size_bytes
    # Asking again (the engine never re-uploads what status() says is there) changes nothing.
    state = await wait_for_phase(publisher, credentials, ticket, {"published"})
    posts = sandbox.stats()["youtube"]["posts"]  # type: ignore[index]
    assert [p["remote_post_id"] for p in posts] == [state.remote_post_id]


async def test_quota_exhausted_until_midnight_pacific(sandbox: Sandbox) -> None:
    configure(sandbox, daily_upload_quota=1)
    grant = await connect(sandbox)
    credentials = await credentials_for(sandbox, grant=grant)
    publisher = publisher_for(sandbox)
    assert await publisher.quota(credentials) is None
    await publisher.begin(credentials, media_file(), POST)

    with pytest.raises(QuotaExceeded) as caught:
        await publisher.begin(credentials, media_file(), POST)
    assert caught.value.reason.endswith(
        "quotaExceeded: The request cannot be completed because you have exceeded your quota."
    )
    assert 0 < (caught.value.retry_after_seconds or 0) <= 25 * 3600

    sandbox.advance_clock(25 * 3600)  # past midnight Pacific on the sandbox clock
    grant = await YouTubeOAuth(sandbox.settings).refresh(grant)
    await publisher.begin(replace(credentials, access_token=grant.access_token), media_file(), POST)


async def test_channel_upload_limit_is_quota_exceeded(sandbox: Sandbox) -> None:
    configure(sandbox, channel_daily_upload_limit=1)
    credentials = await credentials_for(sandbox)
    publisher = publisher_for(sandbox)
    await publisher.begin(credentials, media_file(), POST)
    with pytest.raises(QuotaExceeded) as caught:
        await publisher.begin(credentials, media_file(), POST)
    assert "uploadLimitExceeded" in caught.value.reason
    assert caught.value.retry_after_seconds == 24 * 3600


async def test_a_file_type_youtube_refuses_is_media_rejected(sandbox: Sandbox) -> None:
    credentials = await credentials_for(sandbox)
    publisher = publisher_for(sandbox)
    image = replace(media_file(), content_type="image/png")
    with pytest.raises(MediaRejected, match="badContent"):
        await publisher.begin(credentials, image, POST)


async def test_processing_failure_and_slow_processing(sandbox: Sandbox) -> None:
    credentials = await credentials_for(sandbox)
    publisher = publisher_for(sandbox)
    media = media_file()
    sandbox.faults(
        {"platform": "youtube", "operation": "process", "fault": "error", "times": 1},
        {
            "platform": "youtube",
            "operation": "process",
            "fault": "slow_processing",
            "delay_seconds": 600,
        },
    )
    failed = await publisher.begin(credentials, media, POST)
    await publisher.upload(credentials, failed, media, offset=0)
    state = await wait_for_phase(publisher, credentials, failed, {"failed"})
    assert (state.reason, state.retryable) == ("conversion", True)

    slow = await publisher.begin(credentials, media, POST)
    state = await publisher.upload(credentials, slow, media, offset=0)
    assert state.phase == "processing"
    assert (await publisher.status(credentials, slow)).phase == "processing"
    sandbox.advance_clock(601)
    # Tokens outlive ten minutes; the video is now processed.
    state = await publisher.status(credentials, slow)
    assert state.phase == "published"
    # The failed video never counts as a post; a new upload replaces it.
    posts = sandbox.stats()["youtube"]["posts"]  # type: ignore[index]
    assert [p["remote_post_id"] for p in posts] == [state.remote_post_id]


async def test_scheduled_video_is_private_until_publish_at(sandbox: Sandbox) -> None:
    credentials = await credentials_for(sandbox)
    publisher = publisher_for(sandbox)
    media = media_file()
    when = datetime.now(UTC) + timedelta(minutes=30)
    post = youtube_post(caption="Later", publish_at=when)
    ticket = await publisher.begin(credentials, media, post)
    await publisher.upload(credentials, ticket, media, offset=0)
    # Processed, but private until publishAt: scheduled, not published.
    state = await wait_for_phase(publisher, credentials, ticket, {"scheduled", "published"})
    assert (state.phase, state.detail) == ("scheduled", "scheduled")
    assert state.release_at == when.replace(microsecond=0)
    assert state.remote_post_id
    assert stored_video(sandbox, state.remote_post_id)["privacy"] == "private"
    sandbox.advance_clock(31 * 60)
    assert stored_video(sandbox, state.remote_post_id)["privacy"] == "public"
    # Asked about the video itself (the engine passes the id it knows): out now.
    known = replace(ticket, extra={**ticket.extra, "remote_post_id": state.remote_post_id})
    state = await publisher.status(credentials, known)
    assert (state.phase, state.detail) == ("published", "public")


async def test_audience_tags_and_category_are_the_users_choice(sandbox: Sandbox) -> None:
    credentials = await credentials_for(sandbox)
    publisher = publisher_for(sandbox)
    media = media_file()
    with pytest.raises(PermanentError) as raised:
        await publisher.begin(credentials, media, PostSpec("no choices"))
    assert raised.value.reason == "post_choices_missing"
    options = {"made_for_kids": True, "tags": ["cats", "funny cats"], "category_id": "15"}
    ticket = await publisher.begin(credentials, media, PostSpec("kids", options=options))
    state = await publisher.upload(credentials, ticket, media, offset=0)
    assert state.remote_post_id
    video = stored_video(sandbox, state.remote_post_id)
    assert video["made_for_kids"] is True
    assert video["tags"] == ["cats", "funny cats"]
    assert video["category_id"] == "15"


async def test_the_sandbox_wants_the_made_for_kids_declaration(sandbox: Sandbox) -> None:
    credentials = await credentials_for(sandbox)
    async with httpx.AsyncClient(timeout=10) as client:
        answer = await client.post(
            f"{sandbox.url}/youtube/api/upload/youtube/v3/videos",
            params={"uploadType": "resumable", "part": "snippet,status"},
            json={"snippet": {"title": "t", "categoryId": "22"}, "status": {}},
            headers={
                "Authorization": f"Bearer {credentials.access_token}",
                "X-Upload-Content-Length": "1000",
                "X-Upload-Content-Type": "video/mp4",
            },
        )
    assert answer.status_code == 400
    assert "selfDeclaredMadeForKids" in answer.json()["error"]["message"]


async def test_the_cover_becomes_the_thumbnail_and_a_refusal_is_only_a_warning(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    credentials = await credentials_for(sandbox)
    publisher = publisher_for(sandbox)
    cover = tmp_path / "cover.jpg"
    cover.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 2000)
    media = replace(media_file(), cover_path=cover)
    ticket = await publisher.begin(credentials, media, youtube_post("with cover"))
    state = await publisher.upload(credentials, ticket, media, offset=0)
    assert state.warnings == ()
    assert state.remote_post_id
    expected = hashlib.sha256(cover.read_bytes()).hexdigest()
    assert stored_video(sandbox, state.remote_post_id)["thumbnail_sha256"] == expected

    sandbox.faults({"platform": "youtube", "operation": "thumbnails_set", "fault": "error",
                    "status": 403})  # fmt: skip
    ticket = await publisher.begin(credentials, media, youtube_post("refused cover"))
    state = await publisher.upload(credentials, ticket, media, offset=0)
    assert state.phase in ("processing", "published")  # the video is there all the same
    assert len(state.warnings) == 1
    assert "thumbnail" in state.warnings[0]


async def test_an_abandoned_session_expires(sandbox: Sandbox) -> None:
    configure(sandbox, session_ttl_seconds=60)
    credentials = await credentials_for(sandbox)
    publisher = publisher_for(sandbox)
    media = media_file()
    ticket = await publisher.begin(credentials, media, POST)
    sandbox.advance_clock(120)
    assert (await publisher.status(credentials, ticket)).phase == "expired"
    assert (await publisher.upload(credentials, ticket, media, offset=0)).phase == "expired"


async def test_expired_and_revoked_tokens_are_auth_errors(sandbox: Sandbox) -> None:
    credentials = await credentials_for(sandbox)
    publisher = publisher_for(sandbox)
    sandbox.advance_clock(3601)
    with pytest.raises(AuthError):
        await publisher.begin(credentials, media_file(), POST)

    fresh = await credentials_for(sandbox, "bob")
    revoke_access(sandbox, fresh.remote_account_id)
    with pytest.raises(AuthError):
        await publisher.metrics(fresh, "any-video")


async def test_chunks_must_be_multiples_of_256_kib(sandbox: Sandbox, tmp_path) -> None:
    with pytest.raises(ValueError, match="multiple"):
        YouTubePublisher(sandbox.settings, chunk_size=100_000)
    credentials = await credentials_for(sandbox)
    media = media_file(path=padded_video(tmp_path, 2 * CHUNK))
    ticket = await publisher_for(sandbox).begin(credentials, media, POST)
    headers = {"Content-Range": f"bytes 0-99999/{media.size_bytes}"}
    async with httpx.AsyncClient(timeout=10) as client:
        odd = await client.put(ticket.upload_url, content=b"\0" * 100_000, headers=headers)
        assert odd.status_code == 400
        assert odd.json()["error"]["errors"][0]["reason"] == "badRequest"

        configure(sandbox, chunk_violation="truncate", chunk_multiple_bytes=65536)
        kept = await client.put(ticket.upload_url, content=b"\0" * 100_000, headers=headers)
        assert (kept.status_code, kept.headers["Range"]) == (308, "bytes=0-65535")


async def test_works_with_the_sandbox_mounted_under_a_path(sandbox: Sandbox) -> None:
    """As the API serves it (``/sandbox``): session URIs must keep the mount prefix."""
    app = FastAPI()
    app.mount("/sandbox", create_sandbox_app(sandbox.settings))
    with serving(app) as url:
        mounted = Sandbox(
            url=f"{url}/sandbox",
            settings=sandbox.settings.model_copy(update={"sandbox_url": f"{url}/sandbox"}),
        )
        credentials = await credentials_for(mounted)
        publisher = publisher_for(mounted)
        media = media_file()
        ticket = await publisher.begin(credentials, media, POST)
        assert ticket.upload_url.startswith(f"{url}/sandbox/youtube/api/upload/youtube/v3/videos?")
        await publisher.upload(credentials, ticket, media, offset=0)
        state = await wait_for_phase(publisher, credentials, ticket, {"published"})
        assert state.remote_post_id
