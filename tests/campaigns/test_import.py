"""A schedule imported from CSV: all lines checked first, all or nothing, then posts and
publications as a plan's picks."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from backend.models import CampaignPost, Publication
from tests.campaigns.conftest import campaign_body, tomorrow


async def _campaign(client, team, **extra) -> str:
    body = campaign_body(team, "instagram", **extra)
    response = await client.post("/v1/campaigns", json=body, headers=team.editor)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _csv_headers(team) -> dict[str, str]:
    return {**team.editor, "Content-Type": "text/csv"}


async def test_a_valid_schedule_becomes_posts_and_publications(client, session, team):
    campaign_id = await _campaign(client, team, required_hashtags=["brand"])
    day = tomorrow()
    account = team.accounts["instagram"]
    text = (
        "account,clip_id,at,caption\n"
        f"@{account.username},{team.clips[0].id},{day}T09:30,Our own words #brand\n"
        f"{account.id},{team.clips[1].id},{day}T20:00:00+00:00,\n"
    )
    response = await client.post(
        f"/v1/campaigns/{campaign_id}/import", content=text, headers=_csv_headers(team)
    )
    assert response.status_code == 201, response.text
    posts = response.json()["posts"]
    assert response.json()["created"] == 2
    assert [p["source"] for p in posts] == ["csv", "csv"]
    assert posts[0]["caption"] == "Our own words #brand"
    assert posts[1]["caption"].endswith("#brand")  # the template, as the planner writes it
    # 09:30 in Madrid in winter or summer is 07:30 or 08:30 UTC: the campaign's zone applies.
    assert posts[0]["slot_at"][11:16] in ("07:30", "08:30")
    assert posts[1]["slot_at"].startswith(f"{day}T20:00")
    publications = (await session.scalars(select(Publication))).all()
    assert {p.state for p in publications} == {"awaiting_approval"}


async def test_any_bad_line_refuses_the_whole_file_naming_each(client, session, team):
    campaign_id = await _campaign(
        client, team, blackout_dates=[(tomorrow() + timedelta(days=1)).isoformat()]
    )
    day = tomorrow()
    account = team.accounts["instagram"]
    text = (
        "account,clip_id,at\n"
        f"@{account.username},{team.clips[0].id},{day}T10:00\n"  # fine
        f"@nobody,{team.clips[1].id},{day}T11:00\n"
        f"@{account.username},not-a-clip,{day}T12:00\n"
        f"@{account.username},{team.clips[2].id},yesterday\n"
        f"@{account.username},{team.clips[3].id},{day}T10:30\n"  # 30 min after line 2
        f"@{account.username},{team.clips[0].id},{day}T15:00\n"  # the same clip again
        f"@{account.username},{team.clips[4].id},{day + timedelta(days=1)}T10:00\n"
        f"@{account.username},{team.clips[4].id},2001-01-01T10:00\n"
    )
    response = await client.post(
        f"/v1/campaigns/{campaign_id}/import", content=text, headers=_csv_headers(team)
    )
    assert response.status_code == 422, response.text
    errors = response.json()["errors"]
    assert [e["line"] for e in errors] == [3, 4, 5, 6, 7, 8, 9]
    messages = " | ".join(e["message"] for e in errors)
    for words in (
        "not one of the campaign's accounts",
        "not a clip id",
        "not an ISO 8601 time",
        "minutes away",
        "already on",
        "blackout",
        "outside the campaign's dates",
    ):
        assert words in messages, messages
    assert (await session.scalars(select(CampaignPost))).all() == []


async def test_a_file_upload_works_too_and_columns_are_checked(client, team):
    campaign_id = await _campaign(client, team)
    url = f"/v1/campaigns/{campaign_id}/import"
    missing = await client.post(url, content="account,at\n", headers=_csv_headers(team))
    assert missing.status_code == 422
    assert missing.json()["errors"] == [{"line": 1, "message": "missing column(s): clip_id"}]
    text = f"account,clip_id,at\n@brand_instagram,{team.clips[0].id},{tomorrow()}T12:00\n"
    uploaded = await client.post(
        url, files={"file": ("schedule.csv", text.encode(), "text/csv")}, headers=team.editor
    )
    assert uploaded.status_code == 201, uploaded.text
    again = await client.post(
        url, files={"file": ("schedule.csv", text.encode(), "text/csv")}, headers=team.editor
    )
    assert again.status_code == 422  # that slot is taken now (and the clip is on the account)
