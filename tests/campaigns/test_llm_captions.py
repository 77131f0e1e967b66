"""Captions rewritten by a model after a plan is applied: against a local server speaking the
OpenAI chat API, only acceptable answers replace the template's text."""

from __future__ import annotations

import json

from pydantic import SecretStr
from sqlalchemy import select

from backend.campaigns import planning
from backend.models import CampaignPost, LedgerEvent, Publication
from tests.broker import drain
from tests.campaigns.conftest import campaign_body
from tests.health.model_servers import Script, openai_app
from tests.servers import serving
from workers.health.providers import OpenAIProvider
from workers.tasks.campaigns import write_captions


def answer(caption: str, title: str = "A title") -> tuple[str, str]:
    return ("text", json.dumps({"caption": caption, "title": title}))


async def _applied(client, team) -> str:
    body = campaign_body(team, "instagram", required_hashtags=["brand"])
    created = await client.post("/v1/campaigns", json=body, headers=team.editor)
    campaign_id = str(created.json()["id"])
    applied = await client.post(
        f"/v1/campaigns/{campaign_id}/plan", json={"apply": True}, headers=team.editor
    )
    assert applied.json()["created"] == 4
    return campaign_id


async def test_applying_with_a_key_asks_the_ai_queue_for_captions(
    client, team, settings, monkeypatch
):
    keyed = settings.model_copy(update={"openai_api_key": SecretStr("sk-test")})
    monkeypatch.setattr(planning, "get_settings", lambda: keyed)
    drain("ai")
    campaign_id = await _applied(client, team)
    sent = [m for m in drain("ai") if m["task"] == "campaigns.write_captions"]
    assert [m["kwargsrepr"] for m in sent] == [repr({"campaign_id": campaign_id})]


async def test_only_answers_within_the_limits_and_with_the_hashtags_are_kept(
    client, session, session_factory, team, settings
):
    campaign_id = await _applied(client, team)
    before = {p.id: p.caption for p in (await session.scalars(select(CampaignPost))).all()}
    script = Script(
        answer("Written by the model #brand"),
        answer("No required hashtag here"),
        ("status", 503),
        answer("#brand " + "word " * 600),  # over Instagram's 2,200 characters
    )
    with serving(openai_app(script)) as url:
        provider = OpenAIProvider("sk-test", f"{url}/v1", "gpt-4o-mini", 2.0)
        updated = await write_captions(session_factory, settings, campaign_id, [provider])
    assert updated == 1
    assert "#brand" in script.sent  # the required hashtags are in what was asked

    posts = (
        await session.scalars(select(CampaignPost).execution_options(populate_existing=True))
    ).all()
    rewritten = [p for p in posts if p.caption == "Written by the model #brand"]
    assert len(rewritten) == 1
    assert rewritten[0].title == "A title"
    assert all(p.caption == before[p.id] for p in posts if p not in rewritten)
    publication = await session.get(
        Publication, rewritten[0].publication_id, populate_existing=True
    )
    assert publication is not None
    assert (publication.caption, publication.title) == ("Written by the model #brand", "A title")
    event = (
        await session.scalars(
            select(LedgerEvent).where(LedgerEvent.type == "campaign.captions_written")
        )
    ).one()
    assert event.payload == {"updated": 1, "kept_template": 3}


async def test_without_a_key_nothing_is_asked(client, session_factory, team, settings):
    campaign_id = await _applied(client, team)
    unkeyed = settings.model_copy(update={"openai_api_key": None, "gemini_api_key": None})
    assert await write_captions(session_factory, unkeyed, campaign_id) == 0
