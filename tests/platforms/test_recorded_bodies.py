"""The TikTok and YouTube clients against answers shaped like the platforms' documented examples
(``recorded/``, see its README), replayed by a small local server: what the clients read and send
is checked against the documentation, not only against our own emulator."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from backend.config import Settings
from backend.platforms.base import (
    Credentials,
    MediaFile,
    PermanentError,
    PostSpec,
    RetryableError,
    UploadTicket,
)
from backend.platforms.tiktok import TikTokOAuth, TikTokPublisher
from backend.platforms.tiktok.endpoints import Endpoints as TikTokEndpoints
from backend.platforms.youtube import YouTubePublisher
from backend.platforms.youtube.client import state_of_video
from backend.platforms.youtube.endpoints import sandbox as youtube_endpoints
from tests.paths import TEST_MEDIA
from tests.platforms.tiktok_helpers import choices
from tests.servers import serving

RECORDED = Path(__file__).parent / "recorded"
CREDENTIALS = Credentials(access_token="act.example", remote_account_id="723f24d7")


def body(name: str) -> Any:
    return json.loads((RECORDED / name).read_text())


@dataclass
class Replay:
    """Answers queued per ``(method, path)``; every request kept for the test to read."""

    url: str = ""
    answers: dict[tuple[str, str], list[tuple[int, Any]]] = field(default_factory=dict)
    seen: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)

    def answer(self, method: str, path: str, status: int, recorded: str) -> None:
        self.answers.setdefault((method, path), []).append((status, body(recorded)))

    def sent(self, path: str) -> list[tuple[dict[str, str], bytes]]:
        return [(query, content) for _, seen, query, content in self.seen if seen == path]

    async def handle(self, request: Request) -> Response:
        key = (request.method, request.url.path)
        self.seen.append((*key, dict(request.query_params), await request.body()))
        queued = self.answers.get(key)
        if not queued:
            return JSONResponse({"unexpected": key}, status_code=599)
        status, content = queued.pop(0) if len(queued) > 1 else queued[0]
        return JSONResponse(content, status_code=status)


@pytest.fixture
def replay() -> Iterator[Replay]:
    server = Replay()
    app = Starlette(routes=[Route("/{path:path}", server.handle, methods=["GET", "POST", "PUT"])])
    with serving(app) as url:
        server.url = url
        yield server


def tiktok(settings: Settings, replay: Replay) -> TikTokPublisher:
    return TikTokPublisher(settings, endpoints=TikTokEndpoints(www=replay.url, api=replay.url))


def media() -> MediaFile:
    path = TEST_MEDIA / "his_girl_friday_dialogue.mp4"
    return MediaFile(path, path.stat().st_size, 6.17, 640, 480)


async def test_tiktok_refuses_what_creator_info_disables_and_sends_the_choices(
    settings: Settings, replay: Replay
) -> None:
    replay.answer("POST", "/v2/post/publish/creator_info/query/", 200, "tiktok/creator_info.json")
    replay.answer("POST", "/v2/post/publish/video/init/", 200, "tiktok/video_init.json")
    publisher = tiktok(settings, replay)
    # The documented example has stitches turned off by the creator: leaving them on is refused
    # before TikTok is asked to post anything.
    with pytest.raises(PermanentError) as raised:
        await publisher.begin(CREDENTIALS, media(), PostSpec("x", options=choices()))
    assert "stitches" in raised.value.user_message
    assert replay.sent("/v2/post/publish/video/init/") == []
    # FOLLOWER_OF_CREATOR is not among this creator's options.
    with pytest.raises(PermanentError):
        await publisher.begin(
            CREDENTIALS,
            media(),
            PostSpec("x", options=choices("FOLLOWER_OF_CREATOR", disable_stitch=True)),
        )

    chosen = choices("MUTUAL_FOLLOW_FRIENDS", disable_stitch=True, is_aigc=True)
    post = PostSpec("Hildy!", options=chosen, cover_offset_ms=2000)
    ticket = await publisher.begin(CREDENTIALS, media(), post)
    assert ticket.remote_id == "v_pub_file~v2-1.123456789"
    assert ticket.extra["username"] == "tiktok"
    [(_, sent)] = replay.sent("/v2/post/publish/video/init/")
    post_info = json.loads(sent)["post_info"]
    assert post_info == {
        "title": "Hildy!",
        "privacy_level": "MUTUAL_FOLLOW_FRIENDS",
        "disable_comment": False,
        "disable_duet": False,
        "disable_stitch": True,
        "brand_content_toggle": False,
        "brand_organic_toggle": False,
        "is_aigc": True,
        "video_cover_timestamp_ms": 2000,
    }


@pytest.mark.parametrize(
    ("recorded", "phase", "detail"),
    [
        ("tiktok/status_processing_download.json", "processing", None),
        ("tiktok/status_publish_complete_in_moderation.json", "processing", "moderation"),
        ("tiktok/status_publish_complete.json", "published", None),
        ("tiktok/status_failed.json", "failed", None),
    ],
)
async def test_tiktok_status_as_documented(
    settings: Settings, replay: Replay, recorded: str, phase: str, detail: str | None
) -> None:
    replay.answer("POST", "/v2/post/publish/status/fetch/", 200, recorded)
    ticket = UploadTicket(
        remote_id="v_pub_file~v2-1.123456789",
        upload_url="https://open-upload.tiktokapis.com/video/?upload_id=67890",
        extra={"video_size": "10000", "privacy_level": "PUBLIC_TO_EVERYONE", "username": "tiktok"},
    )
    state = await tiktok(settings, replay).status(CREDENTIALS, ticket)
    assert state.phase == phase
    if detail is not None:
        assert state.detail == detail
    if phase == "published":
        assert state.url == "https://www.tiktok.com/@tiktok/video/7254263654434727210"
    if phase == "failed":
        assert (state.reason, state.retryable) == ("frame_rate_check_failed", False)


async def test_tiktok_rate_limit_without_retry_after_waits_out_the_minute(
    settings: Settings, replay: Replay
) -> None:
    replay.answer("POST", "/v2/post/publish/status/fetch/", 429, "tiktok/rate_limit_exceeded.json")
    ticket = UploadTicket("v_pub_file~v2-1.1", "https://upload", {"video_size": "1"})
    with pytest.raises(RetryableError) as raised:
        await tiktok(settings, replay).status(CREDENTIALS, ticket)
    # TikTok documents no Retry-After; its limits are per minute per token.
    assert raised.value.retry_after_seconds == 60


async def test_tiktok_username_falls_back_without_the_profile_scope(
    settings: Settings, replay: Replay
) -> None:
    replay.answer("GET", "/v2/user/info/", 401, "tiktok/scope_not_authorized.json")
    replay.answer("GET", "/v2/user/info/", 200, "tiktok/user_info_basic.json")
    endpoints = TikTokEndpoints(www=replay.url, api=replay.url)
    account = await TikTokOAuth(settings, endpoints=endpoints).fetch_account("act.example")
    assert account.remote_id == "723f24d7-e717-40f8-a2b6-cb8464cd23b4"
    assert (account.username, account.display_name) == ("Tik Toker", "Tik Toker")
    first, second = (query["fields"] for query, _ in replay.sent("/v2/user/info/"))
    assert "username" in first.split(",")
    assert "username" not in second.split(",")


def test_youtube_private_with_publish_at_is_scheduled_not_published() -> None:
    state = state_of_video(body("youtube/video_scheduled.json"))
    assert (state.phase, state.remote_post_id) == ("scheduled", "Ks-_Mh1QhMc")
    assert state.release_at == datetime(2026, 12, 7, 18, 0, tzinfo=UTC)


async def test_youtube_a_known_video_is_asked_about_directly(
    settings: Settings, replay: Replay
) -> None:
    replay.answer("GET", "/youtube/api/youtube/v3/videos", 200, "youtube/videos_list_public.json")
    publisher = YouTubePublisher(settings, endpoints=youtube_endpoints(replay.url))
    ticket = UploadTicket(
        remote_id=f"{replay.url}/gone-session",
        upload_url=f"{replay.url}/gone-session",
        extra={"size": "1000", "remote_post_id": "Ks-_Mh1QhMc"},
    )
    state = await publisher.status(CREDENTIALS, ticket)
    assert (state.phase, state.detail) == ("published", "public")
    [(query, _)] = replay.sent("/youtube/api/youtube/v3/videos")
    assert query["id"] == "Ks-_Mh1QhMc"


@pytest.mark.parametrize(
    ("status", "recorded", "warned"),
    [(200, "youtube/thumbnails_set.json", False), (403, "youtube/thumbnails_forbidden.json", True)],
)
async def test_youtube_thumbnail_is_set_and_a_refusal_is_only_a_warning(
    settings: Settings, replay: Replay, tmp_path: Path, status: int, recorded: str, warned: bool
) -> None:
    from backend.platforms.youtube import thumbnail

    replay.answer("POST", "/youtube/api/upload/youtube/v3/thumbnails/set", status, recorded)
    cover = tmp_path / "cover.jpg"
    cover.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 100)
    publisher = YouTubePublisher(settings, endpoints=youtube_endpoints(replay.url))
    warning = await thumbnail.send(
        publisher, CREDENTIALS, "Ks-_Mh1QhMc", replace(media(), cover_path=cover)
    )
    assert (warning is not None) == warned
    [(query, sent)] = replay.sent("/youtube/api/upload/youtube/v3/thumbnails/set")
    assert query["videoId"] == "Ks-_Mh1QhMc"
    assert sent == cover.read_bytes()
