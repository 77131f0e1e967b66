"""The Instagram client against answers shaped like Meta's documented examples (recorded/instagram,
see its README), served over real HTTP: what the client sends, and what it makes of the answers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from backend.config import Settings
from backend.platforms.base import (
    Credentials,
    PostSpec,
    RefreshTooEarly,
    RetryableError,
    TokenGrant,
    UploadTicket,
)
from backend.platforms.instagram import InstagramOAuth, InstagramPublisher
from backend.platforms.instagram.endpoints import Endpoints
from backend.platforms.instagram.oauth import SCOPES
from tests.platforms.instagram_helpers import FRIDAY, video_file
from tests.platforms.replay import Replay, replaying

USER = "17841405822304914"
CONTAINER = "17889455560051444"
INSTAGRAM_LOGIN = Credentials("IGAAtoken", USER, SCOPES)
FACEBOOK_LOGIN = Credentials("EAAtoken", USER, ("instagram_basic", "instagram_content_publish"))
VIDEO_LINK = "https://stakazo.example/media/video-link"
COVER_LINK = "https://stakazo.example/media/cover-link"


@pytest.fixture
def meta() -> Iterator[Replay]:
    with replaying("instagram") as server:
        yield server


def endpoints(url: str) -> Endpoints:
    """Meta's hosts, all on the replay server; live mode (upload uris must be on rupload)."""
    return Endpoints(
        www=f"{url}/www",
        api=f"{url}/api",
        graph=f"{url}/graph",
        facebook_graph=f"{url}/fbgraph",
        rupload=f"{url}/rupload",
        version="v24.0",
        sandbox=False,
    )


def client(settings: Settings, meta: Replay) -> InstagramPublisher:
    return InstagramPublisher(settings, endpoints=endpoints(meta.url))


def ticket(source: str, **extra: str) -> UploadTicket:
    size = str(FRIDAY.stat().st_size)
    base = {"ig_user_id": USER, "source": source, "file_size": size, "created_at": f"{time.time()}"}
    return UploadTicket(CONTAINER, CONTAINER, {**base, **extra})


async def test_instagram_login_creates_the_container_from_signed_links(
    settings: Settings, meta: Replay
) -> None:
    meta.expect("POST", f"/graph/v24.0/{USER}/media", "create_container.json")
    media = replace(video_file(FRIDAY), url=VIDEO_LINK, cover_url=COVER_LINK)
    post = PostSpec(caption="hello", cover_offset_ms=1200)

    made = await client(settings, meta).begin(INSTAGRAM_LOGIN, media, post)

    assert made.remote_id == CONTAINER
    assert made.extra["source"] == "video_url"
    (sent,) = meta.requests
    assert sent.form["media_type"] == "REELS"
    assert sent.form["video_url"] == VIDEO_LINK
    assert sent.form["cover_url"] == COVER_LINK  # the rendered cover, over the frame offset
    assert "upload_type" not in sent.form
    assert "thumb_offset" not in sent.form
    assert sent.headers["authorization"] == "Bearer IGAAtoken"


async def test_without_a_rendered_cover_the_frame_offset_is_sent(
    settings: Settings, meta: Replay
) -> None:
    meta.expect("POST", f"/graph/v24.0/{USER}/media", "create_container.json")
    media = replace(video_file(FRIDAY), url=VIDEO_LINK)
    await client(settings, meta).begin(INSTAGRAM_LOGIN, media, PostSpec("hi", cover_offset_ms=800))
    (sent,) = meta.requests
    assert sent.form["thumb_offset"] == "800"
    assert "cover_url" not in sent.form


async def test_facebook_login_uploads_to_rupload_without_asking_an_offset(
    settings: Settings, meta: Replay
) -> None:
    meta.expect("POST", f"/fbgraph/v24.0/{USER}/media", "create_container_resumable.json")
    meta.expect("GET", f"/fbgraph/v24.0/{CONTAINER}", "container_in_progress.json")
    meta.expect("POST", f"/rupload/ig-api-upload/v24.0/{CONTAINER}", "upload_success.json")
    media = replace(video_file(FRIDAY), cover_url=COVER_LINK)
    publisher = client(settings, meta)

    made = await publisher.begin(FACEBOOK_LOGIN, media, PostSpec("hello"))
    assert made.upload_url == f"{meta.url}/rupload/ig-api-upload/v24.0/{CONTAINER}"
    # Nothing acknowledged yet: upload from 0, and no undocumented offset query.
    state = await publisher.status(FACEBOOK_LOGIN, made)
    assert (state.phase, state.uploaded_bytes) == ("uploading", 0)
    sent = await publisher.upload(FACEBOOK_LOGIN, made, media, offset=0)
    assert sent.phase == "processing"

    create, status, upload = meta.requests
    assert create.form["upload_type"] == "resumable"
    assert create.form["cover_url"] == COVER_LINK
    assert "video_url" not in create.form
    assert status.query["fields"] == "id,status_code,status"
    assert upload.headers["authorization"] == "OAuth EAAtoken"
    assert (upload.headers["offset"], upload.headers["file_size"]) == ("0", str(media.size_bytes))
    assert upload.body == Path(FRIDAY).read_bytes()


async def test_processing_is_polled_once_a_minute_until_finished_or_error(
    settings: Settings, meta: Replay
) -> None:
    for name in ("container_in_progress.json", "container_finished.json", "container_error.json"):
        meta.expect("GET", f"/graph/v24.0/{CONTAINER}", name)
    publisher = client(settings, meta)
    fetched = ticket("video_url")

    processing = await publisher.status(INSTAGRAM_LOGIN, fetched)
    assert processing.phase == "processing"
    assert processing.poll_after_seconds == 60.0  # Meta: "once per minute"
    assert (await publisher.status(INSTAGRAM_LOGIN, fetched)).phase == "ready"
    failed = await publisher.status(INSTAGRAM_LOGIN, fetched)
    assert (failed.phase, failed.retryable) == ("failed", False)
    assert failed.reason is not None
    assert failed.reason.startswith("2207026:")


async def test_an_acknowledged_upload_in_progress_is_processing(
    settings: Settings, meta: Replay
) -> None:
    meta.expect("GET", f"/fbgraph/v24.0/{CONTAINER}", "container_in_progress.json")
    size = str(FRIDAY.stat().st_size)
    uploaded = ticket("resumable", uploaded_bytes=size, uploaded_at=f"{time.time()}")
    state = await client(settings, meta).status(FACEBOOK_LOGIN, uploaded)
    assert (state.phase, state.uploaded_bytes) == ("processing", int(size))


async def test_processing_past_five_minutes_is_given_up_for_a_new_container(
    settings: Settings, meta: Replay
) -> None:
    meta.expect("GET", f"/graph/v24.0/{CONTAINER}", "container_in_progress.json")
    old = ticket("video_url", created_at=f"{time.time() - 301}")
    state = await client(settings, meta).status(INSTAGRAM_LOGIN, old)
    assert (state.phase, state.retryable) == ("failed", True)
    assert state.reason is not None
    assert "300 s" in state.reason


async def test_publishing_returns_the_media_and_its_permalink(
    settings: Settings, meta: Replay
) -> None:
    meta.expect("POST", f"/graph/v24.0/{USER}/media_publish", "media_publish.json")
    meta.expect("GET", "/graph/v24.0/17920238422030506", "media_permalink.json")
    state = await client(settings, meta).publish(
        INSTAGRAM_LOGIN, ticket("video_url"), PostSpec("hi")
    )
    assert (state.phase, state.remote_post_id) == ("published", "17920238422030506")
    assert state.url == "https://www.instagram.com/reel/C0xFHGOrBNQ/"
    assert meta.requests[0].form == {"creation_id": CONTAINER}


async def test_a_refresh_refused_for_a_young_token_means_not_yet(
    settings: Settings, meta: Replay
) -> None:
    meta.expect("GET", "/graph/refresh_access_token", "refresh_too_early.json", status=400)
    meta.expect("GET", "/graph/refresh_access_token", "refresh_access_token.json")
    oauth = InstagramOAuth(settings, endpoints=endpoints(meta.url))
    grant = TokenGrant("IGAAtoken", None, scopes=SCOPES)
    with pytest.raises(RefreshTooEarly) as refused:
        await oauth.refresh(grant)
    assert refused.value.retry_after_seconds == 24 * 3600
    renewed = await oauth.refresh(grant)
    assert renewed.access_token == "IGQVJ..."
    assert renewed.expires_at is not None


async def test_usage_near_the_limit_pauses_calls_about_that_account(
    settings: Settings, meta: Replay
) -> None:
    usage = meta.recorded("usage_headers.json")
    assert isinstance(usage, dict)
    meta.expect("GET", f"/graph/v24.0/{CONTAINER}", "container_finished.json", headers=usage)
    meta.expect("GET", f"/graph/v24.0/{CONTAINER}", "container_finished.json")
    publisher = client(settings, meta)
    fetched = ticket("video_url")
    assert (await publisher.status(INSTAGRAM_LOGIN, fetched)).phase == "ready"

    # The account's business use case is at 95%: no call about it until access is regained
    # (5 minutes, as the header estimates); the app's 28% leaves other accounts alone.
    with pytest.raises(RetryableError) as paused:
        await publisher.status(INSTAGRAM_LOGIN, fetched)
    assert paused.value.retry_after_seconds is not None
    assert 290 < paused.value.retry_after_seconds <= 300
    assert len(meta.requests) == 1
    other = Credentials("IGAAother", "17841400000000001", SCOPES)
    assert (await publisher.status(other, fetched)).phase == "ready"
    assert len(meta.requests) == 2


async def test_a_throttled_account_is_retryable(settings: Settings, meta: Replay) -> None:
    meta.expect("GET", f"/graph/v24.0/{CONTAINER}", "throttled_account.json", status=400)
    with pytest.raises(RetryableError) as throttled:
        await client(settings, meta).status(INSTAGRAM_LOGIN, ticket("video_url"))
    assert "80002" in throttled.value.reason
