"""Transient failures from TikTok become RetryableError (the engine retries them in one place)."""

from __future__ import annotations

import pytest

from backend.platforms.base import RetryableError
from backend.platforms.tiktok import create_oauth, create_publisher
from tests.platforms.conftest import Sandbox
from tests.platforms.tiktok_helpers import (
    connect,
    connected,
    media_file,
    sandbox_config,
    tiktok_post,
)


@pytest.fixture
def sandbox(sandbox: Sandbox) -> Sandbox:
    """Nothing listens for webhooks at public_base_url in these tests."""
    sandbox_config(sandbox, webhooks_enabled=False)
    return sandbox


async def test_injected_429_carries_retry_after(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    sandbox.faults(
        {"platform": "tiktok", "operation": "creator_info", "fault": "rate_limit", "retry_after": 7}
    )
    with pytest.raises(RetryableError) as raised:
        await publisher.begin(credentials, media_file(), tiktok_post(caption="x"))
    assert raised.value.retry_after_seconds == 7
    assert raised.value.status_code == 429
    assert raised.value.reason.startswith("rate_limit_exceeded")


async def test_per_minute_rate_limit_of_status(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    sandbox_config(sandbox, rate_limits_per_minute={"status": 2})
    ticket = await publisher.begin(credentials, media_file(), tiktok_post(caption="x"))
    for _ in range(2):
        await publisher.status(credentials, ticket)
    with pytest.raises(RetryableError) as raised:
        await publisher.status(credentials, ticket)
    assert raised.value.reason.startswith("rate_limit_exceeded")
    assert raised.value.retry_after_seconds is not None
    assert 0 < raised.value.retry_after_seconds <= 60
    sandbox.advance_clock(61)
    assert (await publisher.status(credentials, ticket)).phase == "uploading"


async def test_default_init_limit_is_six_a_minute(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    for _ in range(6):
        await publisher.begin(
            credentials, media_file(), tiktok_post(caption="x", privacy="private")
        )
    with pytest.raises(RetryableError) as raised:
        await publisher.begin(
            credentials, media_file(), tiktok_post(caption="x", privacy="private")
        )
    assert raised.value.reason.startswith("rate_limit_exceeded")


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_server_errors_are_retryable(sandbox: Sandbox, status: int) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    ticket = await publisher.begin(credentials, media_file(), tiktok_post(caption="x"))
    sandbox.faults(
        {"platform": "tiktok", "operation": "status", "fault": "error", "status": status}
    )
    with pytest.raises(RetryableError) as raised:
        await publisher.status(credentials, ticket)
    assert raised.value.status_code == status
    assert raised.value.reason.startswith("internal_error")


async def test_timeout_is_retryable(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    ticket = await publisher.begin(credentials, media_file(), tiktok_post(caption="x"))
    sandbox.faults(
        {
            "platform": "tiktok",
            "operation": "status",
            "fault": "timeout",
            "delay_seconds": 3,  # the sandbox fixture's client timeout is 2 s
            "times": 1,
        }
    )
    with pytest.raises(RetryableError) as raised:
        await publisher.status(credentials, ticket)
    assert "timed out" in raised.value.reason
    assert (await publisher.status(credentials, ticket)).phase == "uploading"


async def test_dropped_connection_is_retryable(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    media = media_file()
    ticket = await publisher.begin(credentials, media, tiktok_post(caption="x"))
    sandbox.faults({"platform": "tiktok", "operation": "upload_chunk", "fault": "drop"})
    with pytest.raises(RetryableError):
        await publisher.upload(credentials, ticket, media, offset=0)
    state = await publisher.status(credentials, ticket)
    assert (state.phase, state.uploaded_bytes) == ("uploading", 0)


async def test_upload_chunk_server_error_is_retryable(sandbox: Sandbox) -> None:
    publisher = create_publisher(sandbox.settings)
    credentials = await connected(sandbox)
    media = media_file()
    ticket = await publisher.begin(credentials, media, tiktok_post(caption="x"))
    sandbox.faults({"platform": "tiktok", "operation": "upload_chunk", "fault": "error"})
    with pytest.raises(RetryableError):
        await publisher.upload(credentials, ticket, media, offset=0)


async def test_oauth_server_error_is_retryable(sandbox: Sandbox) -> None:
    grant = await connect(sandbox)
    sandbox.faults({"platform": "tiktok", "operation": "token", "fault": "error", "status": 502})
    with pytest.raises(RetryableError) as raised:
        await create_oauth(sandbox.settings).refresh(grant)
    assert raised.value.reason.startswith("server_error")


async def test_lost_refresh_response_leaves_the_new_token_unknown_to_us(sandbox: Sandbox) -> None:
    """The refresh happened but its answer was lost: TikTok retired the old refresh token, so
    the account must be reconnected. The client says so with an AuthError on the next try."""
    oauth = create_oauth(sandbox.settings)
    grant = await connect(sandbox)
    sandbox.faults(
        {"platform": "tiktok", "operation": "token", "fault": "lost_response", "times": 1}
    )
    with pytest.raises(RetryableError):
        await oauth.refresh(grant)
    with pytest.raises(Exception, match="invalid_grant"):
        await oauth.refresh(grant)
