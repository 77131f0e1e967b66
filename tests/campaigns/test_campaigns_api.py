"""Campaigns through the API: validation, editing, states, and plans that write publications
through the publishing engine exactly once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from backend.models import CampaignPost, LedgerEvent, Publication
from tests.campaigns.conftest import campaign_body, every_day
from tests.factories import POST_CHOICES, create_platform_account, create_workspace


async def _create(client, team, *platforms, **extra) -> dict:
    response = await client.post(
        "/v1/campaigns", json=campaign_body(team, *platforms, **extra), headers=team.editor
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_a_campaign_is_created_as_a_draft_with_its_targets(client, team):
    created = await _create(client, team, "instagram", "tiktok", required_hashtags=["#brand"])
    assert created["state"] == "draft"
    assert created["required_hashtags"] == ["brand"]
    assert {t["platform"] for t in created["targets"]} == {"instagram", "tiktok"}
    fetched = await client.get(f"/v1/campaigns/{created['id']}", headers=team.viewer)
    assert fetched.json()["targets"] == created["targets"]
    listed = await client.get("/v1/campaigns?state=draft", headers=team.viewer)
    assert [c["id"] for c in listed.json()["items"]] == [created["id"]]
    assert (await client.get("/v1/campaigns?state=active", headers=team.viewer)).json()[
        "items"
    ] == []


async def test_invalid_campaigns_are_refused_with_a_clear_message(client, session, team):
    other = await create_platform_account(session, await create_workspace(session))
    await session.commit()
    cases = [
        ({"time_zone": "Mars/Olympus"}, "not an IANA time zone"),
        ({"ends_on": "2000-01-01"}, "ends_on must be on or after starts_on"),
        ({"schedule_mode": "cadence"}, "cadence mode needs posts_per_day"),
        ({"approval_policy": "n", "approvals_required": 1}, "approvals_required of 2"),
        # JSON's false is no number and 0 no boolean, whatever lax parsing would make of them.
        ({"exploration_share": False}, "exploration_share must be a number"),
        ({"evergreen": 0}, "evergreen must be true or false"),
        ({"min_gap_minutes": "60"}, "min_gap_minutes must be a whole number"),
        ({"blackout_dates": [0]}, "must be an ISO 8601 date"),
        (
            {"targets": [{"account_id": str(team.accounts["tiktok"].id), "slots": []}]},
            "needs slots",
        ),
    ]
    for change, words in cases:
        body = campaign_body(team) | change
        response = await client.post("/v1/campaigns", json=body, headers=team.editor)
        assert response.status_code == 422, (change, response.text)
        assert words in response.json()["detail"], response.text
    # Rows of another workspace (or none) are not found, as everywhere in the API.
    for change, error in (
        ({"targets": [{"account_id": str(other.id), "slots": every_day("10:00")}]}, "account"),
        ({"source_asset_ids": [str(uuid.uuid4())]}, "asset"),
    ):
        response = await client.post(
            "/v1/campaigns", json=campaign_body(team) | change, headers=team.editor
        )
        assert response.status_code == 404
        assert response.json()["error"] == f"{error}_not_found"


async def test_editing_checks_the_whole_and_deleting_is_for_drafts(client, team):
    created = await _create(client, team)
    url = f"/v1/campaigns/{created['id']}"
    changed = await client.patch(
        url, json={"name": "Renamed", "evergreen": True}, headers=team.editor
    )
    assert (changed.json()["name"], changed.json()["evergreen"]) == ("Renamed", True)
    refused = await client.patch(url, json={"ends_on": "2000-01-01"}, headers=team.editor)
    assert refused.status_code == 422
    assert (await client.patch(url, json={"name": "x"}, headers=team.viewer)).status_code == 403
    await client.post(f"{url}/state", json={"state": "active"}, headers=team.editor)
    assert (await client.delete(url, headers=team.editor)).status_code == 409
    draft = await _create(client, team)
    assert (
        await client.delete(f"/v1/campaigns/{draft['id']}", headers=team.editor)
    ).status_code == 204
    assert (
        await client.get(f"/v1/campaigns/{draft['id']}", headers=team.viewer)
    ).status_code == 404


async def test_only_legal_state_changes_and_no_approval_needs_publish(client, team):
    created = await _create(client, team, approval_policy="none")
    url = f"/v1/campaigns/{created['id']}/state"
    assert (
        await client.post(url, json={"state": "paused"}, headers=team.editor)
    ).status_code == 409
    refused = await client.post(url, json={"state": "active"}, headers=team.editor)
    assert refused.status_code == 403
    assert "campaigns:publish" in refused.json()["detail"]
    assert (await client.post(url, json={"state": "active"}, headers=team.admin)).json()[
        "state"
    ] == "active"
    assert (
        await client.post(url, json={"state": "completed"}, headers=team.admin)
    ).status_code == 200
    assert (await client.post(url, json={"state": "active"}, headers=team.admin)).status_code == 409
    plan = await client.post(f"/v1/campaigns/{created['id']}/plan", json={}, headers=team.admin)
    assert plan.status_code == 409


async def test_a_dry_run_writes_nothing_and_explains_every_pick(client, session, team):
    created = await _create(client, team, "instagram", required_hashtags=["brand"])
    plan = await client.post(f"/v1/campaigns/{created['id']}/plan", json={}, headers=team.viewer)
    assert plan.status_code == 200, plan.text
    body = plan.json()
    assert (body["applied"], body["created"], body["kept"]) == (False, 0, 0)
    assert len(body["picks"]) == 4  # two days, two slots
    for pick in body["picks"]:
        assert pick["reason"]["text"]
        assert pick["reason"]["constraint"] is None
        assert pick["caption"].endswith("#brand")
    assert len({pick["clip_id"] for pick in body["picks"]}) == 4
    assert (await session.scalars(select(CampaignPost))).all() == []
    applying = await client.post(
        f"/v1/campaigns/{created['id']}/plan", json={"apply": True}, headers=team.viewer
    )
    assert applying.status_code == 403


async def test_applying_writes_publications_once_by_policy(client, session, team):
    created = await _create(
        client, team, "instagram", "tiktok", "youtube", approval_policy="n", approvals_required=2
    )
    url = f"/v1/campaigns/{created['id']}/plan"
    missing = await client.post(url, json={"apply": True}, headers=team.editor)
    assert missing.status_code == 422
    assert "TikTok" in missing.json()["detail"]
    applied = await client.post(url, json={"apply": True, **POST_CHOICES}, headers=team.editor)
    assert applied.status_code == 200, applied.text
    assert (applied.json()["created"], applied.json()["kept"]) == (12, 0)
    publications = (await session.scalars(select(Publication))).all()
    assert len(publications) == 12
    assert {(p.state, p.approvals_required) for p in publications} == {("awaiting_approval", 2)}
    assert all(p.publish_at is not None and p.caption for p in publications)
    # The choices made once are used again; a second run adds nothing.
    again = await client.post(url, json={"apply": True}, headers=team.editor)
    assert (again.json()["created"], again.json()["kept"], again.json()["picks"]) == (0, 12, [])
    assert len((await session.scalars(select(Publication))).all()) == 12
    campaign = await client.get(f"/v1/campaigns/{created['id']}", headers=team.viewer)
    assert campaign.json()["state"] == "active"
    events = (
        await session.scalars(
            select(LedgerEvent).where(LedgerEvent.type == "campaign.plan_applied")
        )
    ).all()
    assert [e.payload["created"] for e in events] == [12, 0]


async def test_no_approval_schedules_and_the_dispatcher_sends_at_the_slot(
    client, session, team, monkeypatch
):
    from backend.publishing import service as publishing

    created = await _create(client, team, "instagram", approval_policy="none")
    url = f"/v1/campaigns/{created['id']}/plan"
    applied = await client.post(url, json={"apply": True}, headers=team.admin)
    assert applied.json()["created"] == 4
    posts = await client.get(f"/v1/campaigns/{created['id']}/posts", headers=team.viewer)
    first = posts.json()["items"][0]
    assert (first["state"], first["publication_state"]) == ("scheduled", "scheduled")
    slot = datetime.fromisoformat(first["slot_at"])
    await session.rollback()
    monkeypatch.setattr(publishing, "utcnow", lambda: slot - timedelta(seconds=1))
    assert await publishing.dispatch_due(session) == 0
    monkeypatch.setattr(publishing, "utcnow", lambda: slot)
    assert await publishing.dispatch_due(session) == 1
    publication = await session.get(Publication, uuid.UUID(first["publication_id"]))
    assert publication is not None
    assert publication.state == "queued"


async def test_pausing_cancels_unsent_posts_and_resuming_plans_again(client, session, team):
    created = await _create(client, team, "instagram")
    base = f"/v1/campaigns/{created['id']}"
    await client.post(f"{base}/plan", json={"apply": True}, headers=team.editor)
    paused = await client.post(f"{base}/state", json={"state": "paused"}, headers=team.editor)
    assert paused.json()["state"] == "paused"
    posts = (await client.get(f"{base}/posts", headers=team.viewer)).json()["items"]
    assert {(p["state"], p["publication_state"]) for p in posts} == {("cancelled", "cancelled")}
    assert (
        await client.post(f"{base}/plan", json={"apply": True}, headers=team.editor)
    ).status_code == 409
    resumed = await client.post(f"{base}/state", json={"state": "active"}, headers=team.editor)
    assert resumed.status_code == 200, resumed.text
    posts = (await client.get(f"{base}/posts", headers=team.viewer)).json()["items"]
    assert len(posts) == 4
    assert {p["publication_state"] for p in posts} == {"awaiting_approval"}


async def test_posts_are_filtered_by_time(client, team):
    created = await _create(client, team, "instagram")
    base = f"/v1/campaigns/{created['id']}"
    await client.post(f"{base}/plan", json={"apply": True}, headers=team.editor)
    everything = (await client.get(f"{base}/posts?include_total=true", headers=team.viewer)).json()
    assert everything["total"] == 4
    second = everything["items"][1]["slot_at"]
    later = await client.get(f"{base}/posts", params={"from": second}, headers=team.viewer)
    assert [p["slot_at"] for p in later.json()["items"]] == [
        p["slot_at"] for p in everything["items"][1:]
    ]
    now = datetime.now(UTC).isoformat()
    before = await client.get(f"{base}/posts", params={"to": now}, headers=team.viewer)
    assert before.json()["items"] == []


async def test_an_account_to_reconnect_gets_no_posts_and_says_why(client, session, team):
    created = await _create(client, team, "instagram", "tiktok")
    team.accounts["tiktok"].status = "needs_reauth"
    await session.commit()
    plan = await client.post(f"/v1/campaigns/{created['id']}/plan", json={}, headers=team.viewer)
    tiktok = str(team.accounts["tiktok"].id)
    assert {p["account_id"] for p in plan.json()["picks"]} == {str(team.accounts["instagram"].id)}
    skipped = [s for s in plan.json()["skips"] if s["account_id"] == tiktok]
    assert len(skipped) == 4
    assert {s["constraint"] for s in skipped} == {"account_unavailable"}
    assert "connect it again" in skipped[0]["reason"]


async def test_a_plan_asked_with_a_number_for_apply_is_refused(client, team):
    created = await _create(client, team, "instagram")
    response = await client.post(
        f"/v1/campaigns/{created['id']}/plan", json={"apply": 0}, headers=team.editor
    )
    assert response.status_code == 422
    assert "apply must be true or false" in response.json()["detail"]
