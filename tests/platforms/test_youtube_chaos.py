"""The publisher driven the way the engine drives it, under random faults on every operation:
every publication ends as exactly one post."""

from __future__ import annotations

import asyncio
import time

from backend.platforms.base import (
    Credentials,
    PlatformError,
    PostSpec,
    QuotaExceeded,
    RemoteState,
    RetryableError,
    UploadTicket,
)
from backend.platforms.youtube import YouTubePublisher
from tests.platforms.conftest import Sandbox
from tests.platforms.youtube_helpers import credentials_for, media_file, youtube_post

CHUNK = 256 * 1024


async def publish_like_the_engine(
    publisher: YouTubePublisher, credentials: Credentials, post: PostSpec
) -> RemoteState:
    media = media_file()
    ticket: UploadTicket | None = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if ticket is None:
                ticket = await publisher.begin(credentials, media, post)
            state = await publisher.status(credentials, ticket)
            if state.phase == "uploading":
                state = await publisher.upload(
                    credentials, ticket, media, offset=state.uploaded_bytes
                )
            if state.phase == "published":
                return state
            if state.phase == "expired" or (state.phase == "failed" and state.retryable):
                ticket = None
            elif state.phase == "failed":
                return state
        except (RetryableError, QuotaExceeded):
            pass
        except PlatformError as error:  # pragma: no cover - shown when the test fails
            raise AssertionError(f"unexpected {error!r}") from error
        await asyncio.sleep(0.05)
    raise AssertionError("not published within a minute")


async def test_every_publication_is_posted_exactly_once(sandbox: Sandbox) -> None:
    credentials = await credentials_for(sandbox)
    publisher = YouTubePublisher(sandbox.settings, chunk_size=CHUNK)
    sandbox.faults(
        *(
            {
                "platform": "youtube",
                "operation": operation,
                "fault": fault,
                "probability": 0.15,
                "delay_seconds": 2.5,
                "status": 503,
            }
            for operation in ("upload_init", "upload_chunk", "upload_status", "videos_list")
            for fault in ("error", "drop", "lost_response", "rate_limit")
        ),
        {"platform": "youtube", "operation": "process", "fault": "error", "probability": 0.2},
        seed=7,
    )
    captions = [f"chaos #{n}" for n in range(8)]
    results = [
        await publish_like_the_engine(publisher, credentials, youtube_post(caption=caption))
        for caption in captions
    ]
    assert all(state.phase == "published" for state in results)
    fired = sandbox.stats()["faults_fired"]
    assert sum(fired.values()) >= 8, fired  # type: ignore[attr-defined]
    posts = sandbox.stats()["youtube"]["posts"]  # type: ignore[index]
    assert sorted(p["caption"] for p in posts) == sorted(captions)
    assert sorted(p["remote_post_id"] for p in posts) == sorted(s.remote_post_id for s in results)
