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
