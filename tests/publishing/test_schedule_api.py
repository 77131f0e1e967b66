"""Schedule for later (`POST /v1/publications/{id}/schedule`) and the platform filter of the
list: a publication not sent yet changes its time; one on its way to the platform does not."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from backend.models import Publication
from tests.broker import drain
from tests.publishing.test_publications_api import _sent_publications, _spec, team  # noqa: F401


def _later(hours: int) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).replace(microsecond=0).isoformat()


async def _trail(client, headers, publication_id: str) -> list[str]:
    answer = await client.get(
        "/v1/ledger", params={"publication_id": publication_id}, headers=headers
    )
    return [event["type"] for event in answer.json()["items"]]


async def test_a_publication_awaiting_approval_takes_a_time_and_approval_schedules_it(
    client, team
):
    created = await client.post(
        "/v1/publications", json=_spec(team, "tiktok"), headers=team.editor
    )
    publication_id = created.json()["items"][0]["id"]
    when = _later(5)
    scheduled = await client.post(
        f"/v1/publications/{publication_id}/schedule",
        json={"publish_at": when},
        headers=team.editor,
    )
    assert scheduled.status_code == 200, scheduled.text
    assert (scheduled.json()["state"], scheduled.json()["publish_at"]) == (
        "awaiting_approval",
        when.replace("+00:00", "Z"),
    )
    approved = await client.post(
        "/v1/confirm_publish", json={"publication_ids": [publication_id]}, headers=team.admin
    )
    assert approved.json()["items"][0]["state"] == "scheduled"
    assert approved.json()["items"][0]["next_attempt_at"] == when.replace("+00:00", "Z")
    assert _sent_publications() == []
    assert "publication.rescheduled" in await _trail(client, team.admin, publication_id)


async def test_a_scheduled_publication_moves_and_none_sends_it_at_the_next_dispatch(
    client, session, team
):
    approved = await client.post(
        "/v1/confirm_publish",
        json={"create": _spec(team, "tiktok", publish_at=_later(3))},
        headers=team.admin,
    )
    publication_id = approved.json()["items"][0]["id"]
    refused = await client.post(
        f"/v1/publications/{publication_id}/schedule",
        json={"publish_at": _later(6)},
        headers=team.editor,
    )
    assert refused.status_code == 403  # moving an approved one is approving's business
    assert "campaigns:publish" in refused.json()["detail"]

    moved = await client.post(
        f"/v1/publications/{publication_id}/schedule",
        json={"publish_at": _later(6)},
        headers=team.admin,
    )
    assert moved.json()["state"] == "scheduled"
    assert moved.json()["next_attempt_at"] == moved.json()["publish_at"]

    now = await client.post(
        f"/v1/publications/{publication_id}/schedule",
        json={"publish_at": None},
        headers=team.admin,
    )
    assert now.json()["publish_at"] is None
    row = await session.get(Publication, uuid.UUID(publication_id))
    await session.refresh(row)
    assert row.next_attempt_at is not None
    assert row.next_attempt_at <= datetime.now(UTC)


async def test_a_past_time_or_a_publication_already_sent_is_refused(client, session, team):
    approved = await client.post(
        "/v1/confirm_publish",
        json={"create": _spec(team, "instagram", "tiktok", publish_at=_later(2))},
        headers=team.admin,
    )
    first, second = (p["id"] for p in approved.json()["items"])
    past = await client.post(
        f"/v1/publications/{first}/schedule",
        json={"publish_at": "2020-01-01T00:00:00Z"},
        headers=team.admin,
    )
    assert past.status_code == 422
    assert "future" in past.json()["detail"]

    on_its_way = await session.get(Publication, uuid.UUID(first))
    on_its_way.remote_upload_id = "container-1"
    sent = await session.get(Publication, uuid.UUID(second))
    sent.state = "uploading"
    await session.commit()
    for publication_id, words in ((first, "on its way"), (second, "uploading")):
        answer = await client.post(
            f"/v1/publications/{publication_id}/schedule",
            json={"publish_at": _later(8)},
            headers=team.admin,
        )
        assert answer.status_code == 409
        assert words in answer.json()["detail"]


async def test_the_list_filters_by_platform(client, team):
    await client.post(
        "/v1/publications", json=_spec(team, "instagram", "tiktok"), headers=team.editor
    )
    drain("publish")
    answer = await client.get(
        "/v1/publications", params={"platform": "tiktok"}, headers=team.editor
    )
    assert answer.status_code == 200
    assert [p["platform"] for p in answer.json()["items"]] == ["tiktok"]
    assert answer.json()["total"] == 1
