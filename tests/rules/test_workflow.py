"""Platform rules change by proposal and decision: editors propose, admins approve or reject,
the approved version is in force at once, and each step is on the ledger."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from backend.models import LedgerEvent
from backend.models.ledger_event import SYSTEM_CHAIN
from tests.factories import auth_headers, create_member, create_workspace


@dataclass
class Team:
    admin: dict[str, str]
    other_admin: dict[str, str]
    editor: dict[str, str]
    viewer: dict[str, str]
    editor_id: str
    admin_id: str


@pytest.fixture
async def team(client, session) -> Team:
    workspace = await create_workspace(session)
    admin = await create_member(session, workspace, "admin")
    other = await create_member(session, workspace, "admin")
    editor = await create_member(session, workspace, "editor")
    viewer = await create_member(session, workspace, "viewer")
    await session.commit()
    return Team(
        admin=await auth_headers(client, admin, workspace),
        other_admin=await auth_headers(client, other, workspace),
        editor=await auth_headers(client, editor, workspace),
        viewer=await auth_headers(client, viewer, workspace),
        editor_id=str(editor.id),
        admin_id=str(admin.id),
    )


async def _propose(client, headers, platform="tiktok", note="TikTok said so", **rules):
    return await client.post(
        "/v1/platform-rules",
        json={"platform": platform, "rules": rules or {"caption_max_chars": 150}, "note": note},
        headers=headers,
    )


async def _active(client, headers, platform="tiktok"):
    response = await client.get("/v1/platform-rules/active", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()[platform]


async def test_a_proposal_approved_by_an_admin_is_the_active_version(client, session, team):
    before = await _active(client, team.viewer)
    assert before["version"] == 1
    assert before["status"] == "approved"
    # Version 1 predates the posting keys: they come from the platform's defaults.
    assert before["rules"]["caption_max_chars"] == 2200
    assert before["rules"]["caption_unit"] == "utf16_units"

    proposed = await _propose(client, team.editor, caption_max_chars=150, posts_per_day=5)
    assert proposed.status_code == 201, proposed.text
    rule = proposed.json()
    assert (rule["status"], rule["version"], rule["note"]) == ("proposed", 2, "TikTok said so")
    assert rule["proposed_by_id"] == team.editor_id
    assert rule["rules"]["max_duration_seconds"] == before["rules"]["max_duration_seconds"]
    assert (await _active(client, team.viewer))["version"] == 1  # not in force yet

    listed = await client.get(
        "/v1/platform-rules?platform=tiktok&status=proposed", headers=team.viewer
    )
    assert [r["id"] for r in listed.json()["items"]] == [rule["id"]]

    approved = await client.post(
        f"/v1/platform-rules/{rule['id']}/approve", json={"note": "checked"}, headers=team.admin
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved"
    assert approved.json()["approved_by_id"] == team.admin_id
    active = await _active(client, team.viewer)
    assert (active["version"], active["rules"]["caption_max_chars"]) == (2, 150)

    events = (await session.scalars(
        select(LedgerEvent).where(LedgerEvent.type.like("rules.%")).order_by(LedgerEvent.seq)
    )).all()  # fmt: skip
    chains = [(e.type, e.chain == SYSTEM_CHAIN) for e in events]
    assert chains == [
        ("rules.proposed", True), ("rules.proposed", False),
        ("rules.approved", True), ("rules.approved", False),
    ]  # fmt: skip
    assert events[0].payload["changed"] == ["caption_max_chars", "posts_per_day"]
    assert events[2].payload["version"] == 2
    assert events[2].payload["replaces_version"] == 1
    assert str(events[2].actor_id) == team.admin_id


async def test_a_rejected_proposal_says_why_and_changes_nothing(client, session, team):
    rule = (await _propose(client, team.editor)).json()
    missing_note = await client.post(
        f"/v1/platform-rules/{rule['id']}/reject", json={}, headers=team.admin
    )
    assert missing_note.status_code == 422
    rejected = await client.post(
        f"/v1/platform-rules/{rule['id']}/reject",
        json={"note": "TikTok still allows 2,200"},
        headers=team.admin,
    )
    assert rejected.status_code == 200, rejected.text
    body = rejected.json()
    assert (body["status"], body["decision_note"]) == ("rejected", "TikTok still allows 2,200")
    assert (await _active(client, team.viewer))["version"] == 1
    event = await session.scalar(
        select(LedgerEvent).where(LedgerEvent.type == "rules.rejected").limit(1)
    )
    assert event.payload["note"] == "TikTok still allows 2,200"

    for action, payload in (("approve", {}), ("reject", {"note": "again"})):
        again = await client.post(
            f"/v1/platform-rules/{rule['id']}/{action}", json=payload, headers=team.admin
        )
        assert again.status_code == 409
        assert "rejected already" in again.json()["detail"]


async def test_only_editors_propose_and_only_admins_decide(client, team):
    assert (await _propose(client, team.viewer)).status_code == 403
    rule = (await _propose(client, team.editor)).json()
    for headers in (team.viewer, team.editor):
        refused = await client.post(
            f"/v1/platform-rules/{rule['id']}/approve", json={}, headers=headers
        )
        assert refused.status_code == 403
        assert "rules:approve" in refused.json()["detail"]
    unknown = await client.post(
        "/v1/platform-rules/00000000-0000-4000-8000-000000000000/approve",
        json={},
        headers=team.admin,
    )
    assert unknown.status_code == 404


async def test_a_proposer_does_not_approve_their_own_change(client, team):
    rule = (await _propose(client, team.admin)).json()
    own = await client.post(f"/v1/platform-rules/{rule['id']}/approve", json={}, headers=team.admin)
    assert own.status_code == 403
    assert own.json()["error"] == "own_proposal"
    other = await client.post(
        f"/v1/platform-rules/{rule['id']}/approve", json={}, headers=team.other_admin
    )
    assert other.status_code == 200, other.text


async def test_the_only_admin_of_the_instance_approves_their_own_change(client, session):
    workspace = await create_workspace(session)
    admin = await create_member(session, workspace, "admin")
    await session.commit()
    headers = await auth_headers(client, admin, workspace)
    rule = (await _propose(client, headers, platform="youtube", title_max_chars=90)).json()
    url = f"/v1/platform-rules/{rule['id']}/approve"
    approved = await client.post(url, json={}, headers=headers)
    assert approved.status_code == 200, approved.text


async def test_a_proposal_overtaken_by_a_newer_approval_is_not_approved(client, team):
    older = (await _propose(client, team.editor, caption_max_chars=100)).json()
    newer = (await _propose(client, team.editor, caption_max_chars=120)).json()
    assert (older["version"], newer["version"]) == (2, 3)
    approve = "/v1/platform-rules/{}/approve"
    ok = await client.post(approve.format(newer["id"]), json={}, headers=team.admin)
    assert ok.status_code == 200
    late = await client.post(approve.format(older["id"]), json={}, headers=team.admin)
    assert late.status_code == 409
    assert "approved after this proposal" in late.json()["detail"]
    assert (await _active(client, team.viewer))["rules"]["caption_max_chars"] == 120


@pytest.mark.parametrize(
    ("rules", "words"),
    [
        ({"caption_limit": 10}, "caption_limit: is not a rule Stakazo knows"),
        ({"max_duration_seconds": -5}, "max_duration_seconds: Input should be greater than 0"),
        ({"min_duration_seconds": 700}, "min_duration_seconds is above max_duration_seconds"),
        ({"video_codecs": ["vp9"]}, "renders make video_codec 'h264', not accepted"),
        ({"aspect_ratios": ["tall"]}, 'aspect ratio "tall" is not of the form W:H'),
        ({"posting_windows": [{"start": "18:00", "end": "09:00"}]}, "must end after it starts"),
        ({"caption_unit": "words"}, "caption_unit"),
        ({"faststart": 1}, "faststart must be true or false"),
        ({"posts_per_day": True}, "posts_per_day must be a whole number"),
        ({"max_duration_seconds": "90"}, "max_duration_seconds must be a number"),
    ],
)
async def test_a_proposal_with_unknown_keys_or_bad_values_is_refused_in_words(
    client, team, rules, words
):
    refused = await _propose(client, team.editor, **rules)
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"] == "invalid_rules"
    assert words in refused.json()["detail"]


async def test_a_proposal_that_changes_nothing_is_refused(client, team):
    same = await _propose(client, team.editor, caption_max_chars=2200)
    assert same.status_code == 409
    assert "nothing to propose" in same.json()["detail"]
