"""The TikTok emulator speaks the documented protocol: raw HTTP, no client in between."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.platforms.conftest import Sandbox
from tests.platforms.tiktok_helpers import connect, sandbox_config

MIB = 1024 * 1024


@pytest.fixture
def sandbox(sandbox: Sandbox) -> Sandbox:
    """Nothing listens for webhooks at public_base_url in these tests."""
    sandbox_config(sandbox, webhooks_enabled=False)
    return sandbox


@pytest.fixture
async def api(sandbox: Sandbox) -> AsyncIterator[httpx.AsyncClient]:
    grant = await connect(sandbox)
    async with httpx.AsyncClient(
        base_url=f"{sandbox.url}/tiktok/open",
        headers={"Authorization": f"Bearer {grant.access_token}"},
        timeout=20,
    ) as client:
        yield client


def source(size: int, chunk: int, total: int) -> dict[str, Any]:
    return {
        "source": "FILE_UPLOAD",
        "video_size": size,
        "chunk_size": chunk,
        "total_chunk_count": total,
    }


async def init(api: httpx.AsyncClient, size: int, chunk: int, total: int) -> httpx.Response:
    return await api.post(
        "/v2/post/publish/video/init/",
        json={
            "post_info": {"title": "t", "privacy_level": "SELF_ONLY"},
            "source_info": source(size, chunk, total),
        },
    )


def assert_error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert error["log_id"]


@pytest.mark.parametrize(
    ("size", "chunk", "total"),
    [
        (3 * MIB, 1 * MIB, 3),  # under 5 MB goes whole
        (20 * MIB, 4 * MIB, 5),  # chunks under 5 MB
        (20 * MIB, 5 * MIB, 3),  # total_chunk_count is not floor(size / chunk)
        (20 * MIB, 5 * MIB, 5),  # a trailing empty chunk
        (200 * MIB, 100 * MIB, 2),  # chunks over 64 MB
        (100 * MIB, 100 * MIB, 1),  # a file over 64 MB must be split
        (0, 0, 1),
    ],
)
async def test_init_refuses_wrong_chunk_math(
    api: httpx.AsyncClient, size: int, chunk: int, total: int
) -> None:
    assert_error(await init(api, size, chunk, total), 400, "invalid_params")


@pytest.mark.parametrize(
    ("size", "chunk", "total"),
    [
        (3 * MIB, 3 * MIB, 1),
        (20 * MIB, 5 * MIB, 4),
        (23 * MIB, 5 * MIB, 4),
        (60 * MIB, 60 * MIB, 1),
    ],
)
async def test_init_accepts_right_chunk_math(
    api: httpx.AsyncClient, size: int, chunk: int, total: int
) -> None:
    response = await init(api, size, chunk, total)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["error"]["code"] == "ok"
    assert body["data"]["publish_id"]
    assert body["data"]["upload_url"].startswith("http")


async def test_chunks_in_order_with_206_then_201(api: httpx.AsyncClient) -> None:
    size, chunk = 11 * MIB, 5 * MIB  # two chunks: 5 MiB, then 6 MiB
    data = (await init(api, size, chunk, 2)).json()["data"]
    url, publish_id = data["upload_url"], data["publish_id"]
    payload = bytes(range(256)) * (size // 256)

    def put(first: int, last: int, content_type: str = "video/mp4") -> Any:
        return api.put(
            url,
            content=payload[first : last + 1],
            headers={"Content-Type": content_type, "Content-Range": f"bytes {first}-{last}/{size}"},
        )

    assert (await put(chunk, size - 1)).status_code == 416  # out of order
    assert_error(await put(0, chunk - 1, "video/x-msvideo"), 400, "invalid_file_upload")
    assert_error(await put(0, chunk // 2), 400, "invalid_file_upload")  # not a whole chunk
    assert (await put(0, chunk - 1)).status_code == 206
    assert (await put(0, chunk - 1)).status_code == 416  # overlaps what arrived

    status = await api.post("/v2/post/publish/status/fetch/", json={"publish_id": publish_id})
    assert status.json()["data"]["status"] == "PROCESSING_UPLOAD"
    assert status.json()["data"]["uploaded_bytes"] == chunk

    assert (await put(chunk, size - 1)).status_code == 201
    status = await api.post("/v2/post/publish/status/fetch/", json={"publish_id": publish_id})
    assert status.json()["data"]["uploaded_bytes"] == size
    assert status.json()["data"]["status"] in ("PROCESSING_DOWNLOAD", "FAILED")


async def test_upload_url_expires_after_an_hour(sandbox: Sandbox, api: httpx.AsyncClient) -> None:
    data = (await init(api, 1000, 1000, 1)).json()["data"]
    sandbox.advance_clock(3601)
    response = await api.put(
        data["upload_url"],
        content=b"\0" * 1000,
        headers={"Content-Type": "video/mp4", "Content-Range": "bytes 0-999/1000"},
    )
    assert response.status_code == 403


async def test_pull_from_url_needs_a_verified_domain(api: httpx.AsyncClient) -> None:
    response = await api.post(
        "/v2/post/publish/video/init/",
        json={
            "post_info": {"title": "t", "privacy_level": "SELF_ONLY"},
            "source_info": {"source": "PULL_FROM_URL", "video_url": "https://example.com/v.mp4"},
        },
    )
    assert_error(response, 403, "url_ownership_unverified")


async def test_unaudited_client_and_privacy_options(
    sandbox: Sandbox, api: httpx.AsyncClient
) -> None:
    info = await api.post("/v2/post/publish/creator_info/query/", json={})
    assert set(info.json()["data"]["privacy_level_options"]) >= {"PUBLIC_TO_EVERYONE", "SELF_ONLY"}
    assert info.json()["data"]["max_video_post_duration_sec"] > 0

    sandbox_config(sandbox, client_audited=False)
    info = await api.post("/v2/post/publish/creator_info/query/", json={})
    assert info.json()["data"]["privacy_level_options"] == ["SELF_ONLY"]
    response = await api.post(
        "/v2/post/publish/video/init/",
        json={
            "post_info": {"title": "t", "privacy_level": "PUBLIC_TO_EVERYONE"},
            "source_info": source(1000, 1000, 1),
        },
    )
    assert_error(response, 403, "unaudited_client_can_only_post_to_private_accounts")


async def test_title_is_limited_to_2200_utf16_units(api: httpx.AsyncClient) -> None:
    response = await api.post(
        "/v2/post/publish/video/init/",
        json={
            "post_info": {"title": "😀" * 1101, "privacy_level": "SELF_ONLY"},
            "source_info": source(1000, 1000, 1),
        },
    )
    assert_error(response, 400, "invalid_params")


async def test_tokens_scopes_and_ownership(sandbox: Sandbox, api: httpx.AsyncClient) -> None:
    response = await api.post(
        "/v2/post/publish/creator_info/query/", json={}, headers={"Authorization": "Bearer nope"}
    )
    assert_error(response, 401, "access_token_invalid")

    publish_id = (await init(api, 1000, 1000, 1)).json()["data"]["publish_id"]
    other = await connect(sandbox, "someone_else")
    response = await api.post(
        "/v2/post/publish/status/fetch/",
        json={"publish_id": publish_id},
        headers={"Authorization": f"Bearer {other.access_token}"},
    )
    assert_error(response, 400, "invalid_params")


async def test_user_info_fields(api: httpx.AsyncClient) -> None:
    response = await api.get("/v2/user/info/", params={"fields": "open_id,display_name,username"})
    user = response.json()["data"]["user"]
    assert set(user) == {"open_id", "display_name", "username"}
    assert user["username"] == "sandbox_creator"


async def test_token_endpoint_errors_use_the_oauth_shape(sandbox: Sandbox) -> None:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.post(
            f"{sandbox.url}/tiktok/open/v2/oauth/token/",
            data={
                "client_key": sandbox.settings.tiktok_client_key,
                "client_secret": "wrong",
                "grant_type": "refresh_token",
                "refresh_token": "x",
            },
        )
    assert response.status_code == 401
    assert set(response.json()) == {"error", "error_description", "log_id"}
    assert response.json()["error"] == "invalid_client"


async def test_config_round_trip(sandbox: Sandbox) -> None:
    async with httpx.AsyncClient(base_url=f"{sandbox.url}/tiktok/_sandbox", timeout=10) as client:
        before = (await client.get("/config")).json()
        assert before["daily_post_cap"] == sandbox.settings.tiktok_daily_post_cap
        assert before["access_token_seconds"] == 7200
        changed = (await client.put("/config", json={"daily_post_cap": 100})).json()
        assert changed["daily_post_cap"] == 100
        assert changed["access_token_seconds"] == 7200
        assert (await client.put("/config", json={"daily_post_cap": -1})).status_code == 422
