"""Approvals by several people, and rejecting a publication."""

from __future__ import annotations

from tests.calendar.conftest import Team, later


async def _approve(team: Team, role: str, publication_id: object) -> tuple[int, dict]:
    response = await team.client.post(
        "/v1/confirm_publish",
        json={"publication_ids": [str(publication_id)]},
        headers=team.headers[role],
    )
    return response.status_code, response.json()


async def test_two_of_two_goes_ahead_at_the_second_distinct_approver(team: Team) -> None:
    publication = await team.publication(
        state="awaiting_approval", publish_at=later(), approvals_required=2
    )

    status, body = await _approve(team, "admin", publication.id)
    assert status == 200, body
    [first] = body["items"]
    assert first["state"] == "awaiting_approval"
    assert (first["approvals"], first["approvals_required"]) == (1, 2)
    assert [a["name"] for a in first["approvers"]] == ["Ana"]

    status, body = await _approve(team, "admin", publication.id)
    assert status == 409
    assert body["detail"].startswith("You have already approved this publication; it needs 1 more")

    status, body = await _approve(team, "second_admin", publication.id)
    assert status == 200, body
    [done] = body["items"]
    assert done["state"] == "scheduled"
    assert done["approvals"] == 2
    assert [a["name"] for a in done["approvers"]] == ["Ana", "Bo"]

    events = await team.ledger(publication.id)
    recorded = [e for e in events if e["type"] == "publication.approval_recorded"]
    assert [(e["payload"]["count"], e["payload"]["required"]) for e in recorded] == [(1, 2)]
    assert events[-1]["type"] == "publication.approved"
    got = await team.client.get(
        f"/v1/publications/{publication.id}", headers=team.headers["viewer"]
    )
    assert (got.json()["state"], got.json()["approvals"]) == ("scheduled", 2)


async def test_a_single_approval_still_proceeds_at_once(team: Team) -> None:
    publication = await team.publication(state="awaiting_approval", publish_at=later())
    status, body = await _approve(team, "admin", publication.id)
    assert status == 200, body
    [done] = body["items"]
    assert (done["state"], done["approvals"], done["approvals_required"]) == ("scheduled", 1, 1)
    types = [e["type"] for e in await team.ledger(publication.id)]
    assert "publication.approval_recorded" not in types


async def test_a_draft_needing_two_waits_for_the_second_after_the_first(team: Team) -> None:
    publication = await team.publication(state="draft", publish_at=later(), approvals_required=2)
    status, body = await _approve(team, "second_admin", publication.id)
    assert status == 200
    assert body["items"][0]["state"] == "awaiting_approval"


async def test_viewers_and_editors_cannot_approve_or_reject(team: Team) -> None:
    publication = await team.publication(
        state="awaiting_approval", publish_at=later(), approvals_required=2
    )
    for role in ("viewer", "editor"):
        status, body = await _approve(team, role, publication.id)
        assert status == 403, body
        assert "campaigns:publish" in body["detail"]
        response = await team.client.post(
            f"/v1/publications/{publication.id}/reject",
            json={"reason": "no"},
            headers=team.headers[role],
        )
        assert response.status_code == 403
    got = await team.client.get(f"/v1/publications/{publication.id}", headers=team.headers["admin"])
    assert (got.json()["state"], got.json()["approvals"]) == ("awaiting_approval", 0)


async def test_rejecting_cancels_it_and_keeps_the_reason(team: Team) -> None:
    publication = await team.publication(
        state="awaiting_approval", publish_at=later(), approvals_required=2
    )
    await _approve(team, "admin", publication.id)
    response = await team.client.post(
        f"/v1/publications/{publication.id}/reject",
        json={"reason": "The caption names the wrong product."},
        headers=team.headers["second_admin"],
    )
    assert response.status_code == 200, response.text
    assert response.json()["state"] == "cancelled"
    [rejected] = [
        e for e in await team.ledger(publication.id) if e["type"] == "publication.rejected"
    ]
    assert rejected["payload"]["reason"] == "The caption names the wrong product."

    again = await team.client.post(
        f"/v1/publications/{publication.id}/reject",
        json={"reason": "twice"},
        headers=team.headers["admin"],
    )
    assert again.status_code == 409
    assert "cancelled" in again.json()["detail"]
    status, _ = await _approve(team, "second_admin", publication.id)
    assert status == 409


async def test_a_reason_is_required_to_reject(team: Team) -> None:
    publication = await team.publication(state="awaiting_approval", publish_at=later())
    response = await team.client.post(
        f"/v1/publications/{publication.id}/reject",
        json={"reason": ""},
        headers=team.headers["admin"],
    )
    assert response.status_code == 422
