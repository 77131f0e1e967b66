"""GET /v1/calendar, and moving a campaign's post by rescheduling its publication."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from backend.models import CampaignPost
from tests.calendar.conftest import Team, later
from tests.factories import create_platform_account


def _window(start: datetime, days: float) -> dict[str, str]:
    return {"from": start.isoformat(), "to": (start + timedelta(days=days)).isoformat()}


async def test_posts_sit_at_their_time_in_the_window_oldest_first(team: Team) -> None:
    now = datetime.now(UTC)
    scheduled = await team.publication(state="scheduled", publish_at=later(30))
    published = await team.publication(
        state="published",
        publish_at=now - timedelta(hours=3),
        published_at=now - timedelta(hours=2),
    )
    immediate = await team.publication(state="awaiting_approval", approvals_required=2)
    await team.publication(state="scheduled", publish_at=later(24 * 10))  # after the window
    await team.publication(state="published", published_at=now - timedelta(days=3))  # before

    response = await team.client.get(
        "/v1/calendar",
        params={**_window(now - timedelta(days=1), 3), "include_total": "true"},
        headers=team.headers["viewer"],
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["total"], body["next_cursor"]) == (3, None)
    items = body["items"]
    assert [i["publication_id"] for i in items] == [
        str(published.id),
        str(immediate.id),
        str(scheduled.id),
    ]
    first = items[0]
    assert datetime.fromisoformat(first["at"]) == published.published_at
    assert first["state"] == "published"
    assert (first["account_name"], first["account_handle"]) == ("Brand TV", "brand")
    assert (first["platform"], first["asset_name"]) == ("tiktok", "talk.mp4")
    assert first["caption"] == "A clip worth watching"
    assert first["campaign_id"] is None
    assert items[1]["approvals"] == {"count": 0, "required": 2}
    assert datetime.fromisoformat(items[2]["at"]) == scheduled.publish_at


async def test_filters_by_account_platform_and_campaign(team: Team) -> None:
    other_account = await create_platform_account(
        team.session, team.workspace, "instagram", username="brand.ig"
    )
    on_tiktok = await team.publication(state="scheduled", publish_at=later(5))
    on_instagram = await team.publication(
        state="scheduled", publish_at=later(6), account=other_account
    )
    post = await team.campaign_post(on_instagram)
    window = _window(datetime.now(UTC), 2)

    async def ids(**filters: str) -> list[str]:
        response = await team.client.get(
            "/v1/calendar", params={**window, **filters}, headers=team.headers["editor"]
        )
        assert response.status_code == 200, response.text
        return [i["publication_id"] for i in response.json()["items"]]

    assert await ids() == [str(on_tiktok.id), str(on_instagram.id)]
    assert await ids(account_id=str(other_account.id)) == [str(on_instagram.id)]
    assert await ids(platform="tiktok") == [str(on_tiktok.id)]
    assert await ids(campaign_id=str(post.campaign_id)) == [str(on_instagram.id)]
    response = await team.client.get(
        "/v1/calendar", params={**window, "platform": "instagram"}, headers=team.headers["admin"]
    )
    assert response.json()["items"][0]["campaign_id"] == str(post.campaign_id)


async def test_the_window_is_checked(team: Team) -> None:
    now = datetime.now(UTC)
    cases = [
        (_window(now, 63), "62 days"),
        ({"from": now.isoformat(), "to": now.isoformat()}, "after from"),
        ({"from": "2026-12-01T00:00:00", "to": "2026-12-02T00:00:00"}, "time zone"),
        ({"to": now.isoformat()}, None),
        ({"from": "yesterday", "to": now.isoformat()}, None),
    ]
    for params, words in cases:
        response = await team.client.get(
            "/v1/calendar", params=params, headers=team.headers["admin"]
        )
        assert response.status_code == 422, (params, response.text)
        if words:
            assert words in response.json()["detail"]
    ok = await team.client.get(
        "/v1/calendar", params=_window(now, 62), headers=team.headers["admin"]
    )
    assert ok.status_code == 200


async def test_another_workspace_sees_none_of_these_posts(team: Team, client, session) -> None:
    from tests.factories import auth_headers, create_member, create_workspace

    await team.publication(state="scheduled", publish_at=later(5))
    elsewhere = await create_workspace(session)
    stranger = await create_member(session, elsewhere, "admin")
    await session.commit()
    headers = await auth_headers(client, stranger, elsewhere)
    response = await client.get(
        "/v1/calendar", params=_window(datetime.now(UTC), 2), headers=headers
    )
    assert response.status_code == 200
    assert response.json()["items"] == []


async def test_moving_a_post_moves_its_campaign_post(team: Team) -> None:
    publication = await team.publication(state="scheduled", publish_at=later(24))
    post = await team.campaign_post(publication)
    target = later(50)

    response = await team.client.post(
        f"/v1/publications/{publication.id}/schedule",
        json={"publish_at": target.isoformat()},
        headers=team.headers["admin"],
    )
    assert response.status_code == 200, response.text
    await team.session.refresh(post)
    assert post.slot_at == target
    response = await team.client.get(
        "/v1/calendar",
        params=_window(target - timedelta(hours=1), 1),
        headers=team.headers["admin"],
    )
    [item] = response.json()["items"]
    assert (item["publication_id"], datetime.fromisoformat(item["at"])) == (
        str(publication.id),
        target,
    )


async def test_a_campaign_keeps_one_post_per_account_and_minute(team: Team) -> None:
    on_the_minute = later(24).replace(second=0)
    first = await team.publication(state="scheduled", publish_at=on_the_minute)
    post = await team.campaign_post(first)
    planned_at = later(30)
    second = await team.publication(state="scheduled", publish_at=planned_at)
    other = CampaignPost(
        campaign_id=post.campaign_id,
        workspace_id=team.workspace.id,
        account_id=second.account_id,
        clip_id=second.clip_id,
        publication_id=second.id,
        slot_at=planned_at,
        state="scheduled",
    )
    team.session.add(other)
    await team.session.commit()
    response = await team.client.post(
        f"/v1/publications/{second.id}/schedule",
        json={"publish_at": (on_the_minute + timedelta(seconds=30)).isoformat()},
        headers=team.headers["admin"],
    )
    assert response.status_code == 409, response.text
    assert "Another post of this campaign already goes to this account" in response.json()["detail"]
    await team.session.refresh(other)
    await team.session.refresh(second)
    assert other.slot_at == second.publish_at == planned_at

    cleared = await team.client.post(
        f"/v1/publications/{second.id}/schedule",
        json={"publish_at": None},
        headers=team.headers["admin"],
    )
    assert cleared.status_code == 409
    assert "pick one" in cleared.json()["detail"]


async def test_a_busy_window_comes_in_pages_oldest_first(team: Team) -> None:
    start = datetime.now(UTC) + timedelta(days=1)
    planned = [
        await team.publication(state="scheduled", publish_at=start + timedelta(hours=hour))
        for hour in (5, 1, 3, 2, 4)
    ]
    window, seen, cursor = _window(start, 1), [], None
    while True:
        params = {
            **window,
            "limit": 2,
            "include_total": "true",
            **({"cursor": cursor} if cursor else {}),
        }
        page = (
            await team.client.get("/v1/calendar", params=params, headers=team.headers["viewer"])
        ).json()
        assert page["total"] == 5
        seen += [item["publication_id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    by_time = sorted(planned, key=lambda p: p.publish_at)
    assert seen == [str(p.id) for p in by_time]
