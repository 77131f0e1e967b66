"""Both logins end to end through the real client and the sandbox, with the rendered cover, and the
sandbox as strict as Meta: resumable upload only for Facebook Login, a token only on its own
login's host, video_url and cover_url really fetched, rate limits reported and enforced."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.platforms.base import PermanentError, PostSpec, RetryableError
from backend.platforms.instagram.endpoints import endpoints_for
from tests.platforms.conftest import Sandbox
from tests.platforms.instagram_helpers import (
    FRIDAY,
    configure,
    connected,
    container,
    facebook_login,
    hosted,
    posts,
    publisher,
    reel,
    sha256,
    video_file,
    wait_for_phase,
)
from tests.platforms.replay import RECORDED

# A JPEG is recognised by its first bytes; the sandbox checks no more than Meta documents.
COVER_BYTES = b"\xff\xd8\xff\xe0" + b"\0" * 2044


async def call(method: str, url: str, **options: Any) -> httpx.Response:
    async with httpx.AsyncClient(timeout=10) as http:
        return await http.request(method, url, **options)


@pytest.fixture
def cover(tmp_path: Path) -> Path:
    path = tmp_path / "cover.jpg"
    path.write_bytes(COVER_BYTES)
    return path


@pytest.mark.parametrize("login", ["instagram", "facebook"])
async def test_a_reel_with_its_rendered_cover_is_published_with_either_login(
    sandbox: Sandbox, login: str, cover: Path
) -> None:
    if login == "instagram":
        _, credentials = await connected(sandbox, "maria.creates")
    else:
        credentials = facebook_login(sandbox, "maria.creates")
    media = hosted(sandbox, FRIDAY, cover=cover)
    post = PostSpec(caption=f"covered, {login} login", cover_offset_ms=500)

    ticket, published = await reel(sandbox, credentials, media, post)

    assert published.phase == "published"
    (made,) = posts(sandbox)
    assert made["remote_post_id"] == published.remote_post_id
    held = container(sandbox, ticket.remote_id)
    assert held["source"] == ("video_url" if login == "instagram" else "resumable")
    assert held["sha256"] == sha256(FRIDAY)
    assert held["cover_sha256"] == sha256(cover)  # fetched from our signed link
    assert held["thumb_offset_ms"] is None  # the cover wins over the frame offset


async def test_instagram_login_may_not_use_resumable_upload(sandbox: Sandbox) -> None:
    _, credentials = await connected(sandbox, "maria.creates")
    graph = endpoints_for(sandbox.settings).node(credentials.remote_account_id, "media")
    headers = {"Authorization": f"Bearer {credentials.access_token}"}
    form = {"media_type": "REELS", "upload_type": "resumable", "caption": "x"}
    answer = await call("POST", graph, data=form, headers=headers)
    assert answer.status_code == 400
    assert "Facebook Login for Business" in answer.json()["error"]["message"]

    facebook = facebook_login(sandbox, "jon_films")
    made = await publisher(sandbox).begin(facebook, video_file(FRIDAY), PostSpec("x"))
    # An Instagram Login token on the upload host is refused too.
    refused = await call("POST",
        made.upload_url,
        content=b"x",
        headers={"Authorization": f"OAuth {credentials.access_token}", "offset": "0",
                 "file_size": "1"},
    )  # fmt: skip
    assert refused.status_code == 403


async def test_a_token_works_only_on_its_own_logins_host(sandbox: Sandbox) -> None:
    _, instagram = await connected(sandbox, "maria.creates")
    facebook = facebook_login(sandbox, "maria.creates")
    hosts = endpoints_for(sandbox.settings)
    for token, graph in ((instagram, hosts.facebook_graph), (facebook, hosts.graph)):
        answer = await call(
            "GET",
            f"{graph}/{hosts.version}/me",
            headers={"Authorization": f"Bearer {token.access_token}"},
        )
        assert answer.status_code == 400
        assert answer.json()["error"]["code"] == 190


async def test_without_a_public_link_instagram_login_cannot_publish(sandbox: Sandbox) -> None:
    _, credentials = await connected(sandbox, "maria.creates")
    with pytest.raises(PermanentError) as refused:
        await publisher(sandbox).begin(credentials, video_file(FRIDAY), PostSpec("x"))
    assert "public" in refused.value.user_message


async def test_a_video_url_instagram_cannot_fetch_fails_the_container(sandbox: Sandbox) -> None:
    _, credentials = await connected(sandbox, "maria.creates")
    gone = replace(hosted(sandbox, FRIDAY), url=f"{sandbox.settings.public_media_base_url}/media/x")
    pub = publisher(sandbox)
    ticket = await pub.begin(credentials, gone, PostSpec("unreachable"))
    state = await wait_for_phase(pub, credentials, ticket, ["failed", "ready"])
    assert (state.phase, state.retryable) == ("failed", False)
    assert state.reason is not None
    assert "2207052" in state.reason


async def test_a_cover_that_is_not_a_jpeg_fails_the_container(sandbox: Sandbox) -> None:
    _, credentials = await connected(sandbox, "maria.creates")
    media = hosted(sandbox, FRIDAY, cover=RECORDED / "instagram" / "README.md")
    pub = publisher(sandbox)
    ticket = await pub.begin(credentials, media, PostSpec("bad cover"))
    state = await wait_for_phase(pub, credentials, ticket, ["failed", "ready"])
    assert state.phase == "failed"
    assert state.reason is not None
    assert "2207005" in state.reason


async def test_usage_is_reported_enforced_and_paced_by(sandbox: Sandbox) -> None:
    configure(sandbox, account_calls_per_day=4)
    _, credentials = await connected(sandbox, "maria.creates")  # GET /me: 1 call
    pub = publisher(sandbox)
    assert await pub.quota(credentials) is not None  # 2 calls: 50%
    hosts = endpoints_for(sandbox.settings)
    me = f"{hosts.graph}/{hosts.version}/me"
    auth = {"Authorization": f"Bearer {credentials.access_token}"}
    third = await call("GET", me, headers=auth)  # 3 calls: 75%
    usage = third.headers["x-business-use-case-usage"]
    assert '"call_count": 75' in usage
    assert "x-app-usage" in third.headers
    assert await pub.quota(credentials) is not None  # 4 calls: 100%, and the client notes it

    # The client pauses calls about this account by itself, before Meta would refuse them ...
    with pytest.raises(RetryableError) as paused:
        await pub.quota(credentials)
    assert "paused" in paused.value.reason
    # ... which it would: code 80002, until the 24 h window lets old calls go.
    refused = await call("GET", me, headers=auth)
    assert refused.json()["error"]["code"] == 80002
    sandbox.advance_clock(24 * 3600 + 1)
    assert (await call("GET", me, headers=auth)).status_code == 200
