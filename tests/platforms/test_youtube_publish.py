"""The YouTube publisher against the sandbox over real HTTP."""

from __future__ import annotations

from dataclasses import replace

from backend.platforms.base import PostSpec
from backend.platforms.youtube import YouTubeOAuth, YouTubePublisher
from tests.platforms.conftest import Sandbox
from tests.platforms.youtube_helpers import (
    connect,
    credentials_for,
    media_file,
    sha256_of,
    stored_video,
    wait_for_phase,
)

CHUNK = 256 * 1024


async def test_happy_path_publishes_with_metrics(sandbox: Sandbox) -> None:
    grant = await connect(sandbox, "alice")
    credentials = await credentials_for(sandbox, "alice", grant)
    publisher = YouTubePublisher(sandbox.settings, chunk_size=CHUNK)
    media = media_file()
    post = PostSpec(caption="Hildy meets the lord of the universe #shorts", title="Hildy!")

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
