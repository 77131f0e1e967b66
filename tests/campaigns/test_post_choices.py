"""The user's per-post choices kept on the campaign: made once in the editor, checked as for
one-off publishing, used by every plan, import and resume; none at all refuses in words."""

from __future__ import annotations

from sqlalchemy import select

from backend.models import LedgerEvent, Publication
from tests.campaigns.conftest import campaign_body, tomorrow
from tests.factories import POST_CHOICES

YOUTUBE = {"made_for_kids": False, "tags": ["launch"], "category_id": "27"}
STORED = {"tiktok": POST_CHOICES["tiktok"], "youtube": YOUTUBE}


async def _create(client, team, *platforms, **extra) -> dict:
    body = campaign_body(team, *platforms, **extra)
    response = await client.post("/v1/campaigns", json=body, headers=team.editor)
    assert response.status_code == 201, response.text
    return response.json()


async def _options(session) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for publication in (await session.scalars(select(Publication))).all():
        found.setdefault(publication.platform, []).append(publication.options)
    return found


async def test_choices_saved_with_the_campaign_are_used_by_its_plan(client, session, team):
    created = await _create(client, team, "tiktok", "youtube", "instagram", post_choices=STORED)
    assert created["post_choices"] == STORED
    fetched = await client.get(f"/v1/campaigns/{created['id']}", headers=team.viewer)
    assert fetched.json()["post_choices"] == STORED
    url = f"/v1/campaigns/{created['id']}/plan"
    applied = await client.post(url, json={"apply": True}, headers=team.editor)
    assert applied.status_code == 200, applied.text
    assert applied.json()["created"] == 12
    options = await _options(session)
    assert options["tiktok"] == [POST_CHOICES["tiktok"]] * 4
    assert options["youtube"] == [YOUTUBE] * 4
    assert options["instagram"] == [{}] * 4


async def test_a_campaign_without_choices_says_what_to_choose_and_where(client, session, team):
    created = await _create(client, team, "youtube")
    assert created["post_choices"] == {"tiktok": None, "youtube": None}
    url = f"/v1/campaigns/{created['id']}/plan"
    dry = await client.post(url, json={"apply": False}, headers=team.editor)
    assert dry.status_code == 200  # a preview needs no choices yet
    refused = await client.post(url, json={"apply": True}, headers=team.editor)
    assert refused.status_code == 422
    detail = refused.json()["detail"]
    for words in ("YouTube", "made_for_kids", "Platform choices"):
        assert words in detail
    assert (await session.scalars(select(Publication))).all() == []
    csv = f"account,clip_id,at\n@brand_youtube,{team.clips[0].id},{tomorrow()}T09:30\n"
    imported = await client.post(
        f"/v1/campaigns/{created['id']}/import",
        content=csv,
        headers={**team.editor, "Content-Type": "text/csv"},
    )
    assert imported.status_code == 422
    assert "Platform choices" in imported.json()["detail"]


async def test_choices_are_edited_checked_and_cleared(client, session, team):
    created = await _create(client, team, "tiktok")
    url = f"/v1/campaigns/{created['id']}"
    private_ad = {**POST_CHOICES["tiktok"], "privacy_level": "SELF_ONLY",
                  "brand_content_toggle": True}  # fmt: skip
    for wrong in (
        {"tiktok": private_ad},
        {"tiktok": {"privacy_level": "SELF_ONLY"}},
        {"tiktok": {**POST_CHOICES["tiktok"], "privacy_level": "EVERYONE"}},
        {"youtube": {"made_for_kids": False, "category_id": "18"}},
        {"youtube": {"made_for_kids": False, "tags": ["<b>"]}},
    ):
        response = await client.patch(url, json={"post_choices": wrong}, headers=team.editor)
        assert response.status_code == 422, wrong
    refused = await client.post(
        "/v1/campaigns",
        json=campaign_body(team, "tiktok", post_choices={"tiktok": private_ad}),
        headers=team.editor,
    )
    assert refused.status_code == 422
    assert "branded content" in refused.text

    saved = await client.patch(url, json={"post_choices": STORED}, headers=team.editor)
    assert saved.status_code == 200, saved.text
    assert saved.json()["post_choices"] == STORED
    renamed = await client.patch(url, json={"name": "Renamed"}, headers=team.editor)
    assert renamed.json()["post_choices"] == STORED  # other edits keep them
    events = (
        await session.scalars(select(LedgerEvent).where(LedgerEvent.type == "campaign.updated"))
    ).all()
    assert ["post_choices"] in [e.payload["fields"] for e in events]
    cleared = await client.patch(url, json={"post_choices": None}, headers=team.editor)
    assert cleared.json()["post_choices"] == {"tiktok": None, "youtube": None}


async def test_choices_sent_with_a_plan_win_over_the_campaigns(client, session, team):
    created = await _create(client, team, "tiktok", post_choices=STORED)
    friends = {**POST_CHOICES["tiktok"], "privacy_level": "MUTUAL_FOLLOW_FRIENDS"}
    applied = await client.post(
        f"/v1/campaigns/{created['id']}/plan",
        json={"apply": True, "tiktok": friends},
        headers=team.editor,
    )
    assert applied.status_code == 200, applied.text
    assert (await _options(session))["tiktok"] == [friends] * 4
    fetched = await client.get(f"/v1/campaigns/{created['id']}", headers=team.viewer)
    assert fetched.json()["post_choices"] == STORED  # a plan's own choices are not kept


async def test_an_import_and_a_resume_use_the_campaigns_choices(client, session, team):
    created = await _create(client, team, "youtube", post_choices={"youtube": YOUTUBE})
    csv = f"account,clip_id,at\n@brand_youtube,{team.clips[0].id},{tomorrow()}T09:30\n"
    imported = await client.post(
        f"/v1/campaigns/{created['id']}/import",
        content=csv,
        headers={**team.editor, "Content-Type": "text/csv"},
    )
    assert imported.status_code == 201, imported.text
    state = f"/v1/campaigns/{created['id']}/state"
    paused = await client.post(state, json={"state": "paused"}, headers=team.editor)
    assert paused.status_code == 200, paused.text
    resumed = await client.post(state, json={"state": "active"}, headers=team.editor)
    assert resumed.status_code == 200, resumed.text
    options = (await _options(session))["youtube"]
    assert len(options) > 1
    assert all(o == YOUTUBE for o in options)
