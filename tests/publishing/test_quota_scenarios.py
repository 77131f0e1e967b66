"""A used-up publishing allowance, on every platform: the next post waits as long as the
allowance says, and does not reach the platform before then.

Instagram reports its allowance (the sandbox's ``quota_total``); TikTok's daily cap and
YouTube's daily upload quota are counted from our own publications against the settings.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

PACIFIC = ZoneInfo("America/Los_Angeles")


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _next_pacific_midnight(now: datetime) -> datetime:
    day = now.astimezone(PACIFIC).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, tzinfo=PACIFIC).astimezone(UTC)


def _instagram(published_at: datetime, now: datetime, frees_at: datetime) -> bool:
    return frees_at > now + timedelta(hours=23)  # a rolling day, by Instagram's own count


def _tiktok(published_at: datetime, now: datetime, frees_at: datetime) -> bool:
    return frees_at == published_at + timedelta(hours=24)  # when the first post ages out


def _youtube(published_at: datetime, now: datetime, frees_at: datetime) -> bool:
    return frees_at == _next_pacific_midnight(now)  # the quota resets at midnight Pacific


# platform: (sandbox config, settings for the run, when the allowance frees up)
FULL: dict[str, tuple[dict[str, Any], dict[str, Any], Callable[..., bool]]] = {
    "instagram": ({"quota_total": 1}, {}, _instagram),
    "tiktok": ({}, {"tiktok_daily_post_cap": 1}, _tiktok),
    "youtube": ({}, {"youtube_daily_upload_quota": 1}, _youtube),
}


@pytest.mark.parametrize("platform", list(FULL))
async def test_a_used_up_allowance_defers_the_post_until_it_frees_up(world, platform):
    config, settings, frees_up = FULL[platform]
    if config:
        world.sandbox.platform_control(platform, "PUT", "/config", json=config)
    account = await world.connect(platform, "prolific")
    first = await world.approve(account, "the one allowed")
    assert await world.run_until_final(first) == ["published"]
    second = await world.approve(account, "one too many")

    assert await world.run(second, **settings) == "deferred"
    deferred = await world.publication(second)
    published_at = _when((await world.publication(first))["published_at"])
    assert deferred["state"] == "scheduled"
    assert frees_up(published_at, datetime.now(UTC), _when(deferred["next_attempt_at"]))
    assert world.posts(platform, "one too many") == []
    assert "publication.deferred" in await world.trail(second)


# platform: (sandbox config, the limit the account's allowance then shows, who counts it)
SHOWN: dict[str, tuple[dict[str, Any], int, str, str]] = {
    "instagram": ({"quota_total": 3}, 3, "platform", "rolling_day"),
    "tiktok": ({}, 15, "counted", "rolling_day"),  # tiktok_daily_post_cap's default
    "youtube": ({}, 100, "counted", "pacific_day"),  # youtube_daily_upload_quota's default
}


@pytest.mark.parametrize("platform", list(SHOWN))
async def test_the_allowance_left_is_what_the_engine_counts(world, platform):
    config, limit, source, window = SHOWN[platform]
    if config:
        world.sandbox.platform_control(platform, "PUT", "/config", json=config)
    account = await world.connect(platform, "counted")
    url = f"/v1/accounts/{account['id']}/quota"

    fresh = (await world.api.get(url, headers=world.headers)).json()
    assert (fresh["source"], fresh["window"], fresh["limit"]) == (source, window, limit)
    assert (fresh["used"], fresh["remaining"]) == (0, limit)

    first = await world.approve(account, "counted once")
    assert await world.run_until_final(first) == ["published"]
    after = (await world.api.get(url, headers=world.headers)).json()
    assert (after["used"], after["remaining"]) == (1, limit - 1)
    published_at = _when((await world.publication(first))["published_at"])
    if window == "rolling_day":
        # Instagram counts its own window; the slot frees when our post leaves the last 24 h.
        assert _when(after["resets_at"]) == published_at + timedelta(hours=24)
    else:
        assert _when(after["resets_at"]) == _next_pacific_midnight(datetime.now(UTC))


async def test_tiktok_drafts_count_against_no_cap_and_a_disconnected_account_has_no_allowance(
    world,
):
    account = await world.connect("tiktok", "drafter")
    url = f"/v1/accounts/{account['id']}/quota"
    drafts = await world.api.get(url, params={"mode": "draft"}, headers=world.headers)
    assert drafts.json()["source"] == "unlimited"
    assert drafts.json()["remaining"] is None

    await world.api.delete(f"/v1/accounts/{account['id']}", headers=world.headers)
    gone = await world.api.get(url, headers=world.headers)
    assert gone.status_code == 400
    assert gone.json()["error"] == "account_needs_reauth"
