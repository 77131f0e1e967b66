"""Publications through the API: who may create and approve, what approval does with a time,
cancel and retry, schedule for later, the platform filter, and the dispatcher that sends
scheduled ones when they are due."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from backend.models import Publication
from backend.publishing import outbox as publishing_outbox
from backend.publishing import service
from tests.broker import drain
from tests.factories import (
    POST_CHOICES,
    auth_headers,
    create_clip,
    create_member,
    create_platform_account,
    create_workspace,
)


@pytest.fixture
async def team(client, session) -> SimpleNamespace:
    workspace = await create_workspace(session)
    editor = await create_member(session, workspace, "editor")
    admin = await create_member(session, workspace, "admin")
    accounts = {
        platform: await create_platform_account(session, workspace, platform)
        for platform in ("instagram", "tiktok", "youtube")
    }
    clip = await create_clip(session, workspace)
    await session.commit()
    drain("publish")
    return SimpleNamespace(
        workspace=workspace,
        editor=await auth_headers(client, editor, workspace),
        admin=await auth_headers(client, admin, workspace),
        accounts=accounts,
        clip=clip,
    )


def _spec(team, *platforms: str, **extra) -> dict:
    return {
        "clip_id": str(team.clip.id),
        "account_ids": [str(team.accounts[p].id) for p in platforms],
        "caption": "Our best moment",
        **POST_CHOICES,  # the user's choices for each platform that asks for them
        **extra,
    }


def _sent_publications() -> list[str]:
    return [m["kwargsrepr"] for m in drain("publish") if m["task"] == "publish.run"]


async def test_an_editor_prepares_and_an_admin_approves(client, team):
    created = await client.post(
        "/v1/publications", json=_spec(team, "instagram", "tiktok"), headers=team.editor
    )
    assert created.status_code == 201, created.text
    items = created.json()["items"]
    assert [p["state"] for p in items] == ["awaiting_approval", "awaiting_approval"]
    assert all(p["variant_id"] for p in items)  # renders were asked for

    ids = [p["id"] for p in items]
    refused = await client.post(
        "/v1/confirm_publish", json={"publication_ids": ids}, headers=team.editor
    )
    assert refused.status_code == 403
    approved = await client.post(
        "/v1/confirm_publish", json={"publication_ids": ids}, headers=team.admin
    )
    assert approved.status_code == 200, approved.text
    assert [p["state"] for p in approved.json()["items"]] == ["queued", "queued"]
    assert len(_sent_publications()) == 2


async def test_a_time_in_the_future_schedules_except_on_youtube_which_schedules_itself(
    client, team
):
    later = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    body = {"create": _spec(team, "tiktok", "youtube", publish_at=later.isoformat())}
    approved = await client.post("/v1/confirm_publish", json=body, headers=team.admin)
    by_platform = {p["platform"]: p for p in approved.json()["items"]}
    assert by_platform["tiktok"]["state"] == "scheduled"
    assert datetime.fromisoformat(by_platform["tiktok"]["next_attempt_at"]) == later
    # YouTube uploads now, private, and releases it at publishAt.
    assert by_platform["youtube"]["state"] == "queued"
    assert len(_sent_publications()) == 1


@pytest.mark.parametrize(
    ("platform", "caption", "message"),
    [
        ("instagram", "x" * 2201, "2,200 characters"),
        ("instagram", " ".join(f"#tag{i}" for i in range(31)), "30 hashtags"),
        ("youtube", "a <b> c", "< or >"),
    ],
)
async def test_a_caption_the_platform_would_refuse_is_refused_here(
    client, team, platform, caption, message
):
    response = await client.post(
        "/v1/publications", json=_spec(team, platform, caption=caption), headers=team.editor
    )
    assert response.status_code == 422
    assert message in response.json()["detail"]


async def test_an_account_that_needs_reconnecting_cannot_be_published_to(client, session, team):
    team.accounts["tiktok"].status = "needs_reauth"
    await session.commit()
    response = await client.post(
        "/v1/publications", json=_spec(team, "tiktok"), headers=team.editor
    )
    assert response.status_code == 409
    assert "connect it again" in response.json()["detail"]


async def test_a_publish_at_without_time_zone_is_invalid(client, team):
    body = _spec(team, "tiktok", publish_at="2030-01-01T10:00:00")
    response = await client.post("/v1/publications", json=body, headers=team.editor)
    assert response.status_code == 422
    assert "time zone" in response.json()["detail"]


async def test_cancel_before_upload_and_not_while_a_worker_holds_it(client, session, team):
    later = (datetime.now(UTC) + timedelta(hours=3)).isoformat()
    approved = await client.post(
        "/v1/confirm_publish",
        json={"create": _spec(team, "tiktok", "instagram", publish_at=later)},
        headers=team.admin,
    )
    first, second = (p["id"] for p in approved.json()["items"])
    cancelled = await client.post(f"/v1/publications/{first}/cancel", headers=team.editor)
    assert cancelled.json()["state"] == "cancelled"
    again = await client.post(f"/v1/publications/{first}/cancel", headers=team.editor)
    assert again.status_code == 409
    held = await session.get(Publication, uuid.UUID(second))
    held.state, held.lease_id = "queued", "a-worker"
    await session.commit()
    busy = await client.post(f"/v1/publications/{second}/cancel", headers=team.editor)
    assert busy.status_code == 409
    assert "being sent" in busy.json()["detail"]


async def test_retry_sends_a_failed_publication_again_with_fresh_attempts(client, session, team):
    approved = await client.post(
        "/v1/confirm_publish", json={"create": _spec(team, "instagram")}, headers=team.admin
    )
    publication_id = approved.json()["items"][0]["id"]
    drain("publish")
    assert (
        await client.post(f"/v1/publications/{publication_id}/retry", headers=team.admin)
    ).status_code == 409
    row = await session.get(Publication, uuid.UUID(publication_id))
    row.state, row.attempts, row.error = "failed", 8, "Instagram did not answer in time."
    await session.commit()
    retried = await client.post(f"/v1/publications/{publication_id}/retry", headers=team.admin)
    assert retried.status_code == 200
    assert (retried.json()["state"], retried.json()["attempts"], retried.json()["error"]) == (
        "queued",
        0,
        None,
    )
    assert len(_sent_publications()) == 1


async def test_the_dispatcher_sends_what_is_due_and_leaves_the_rest(session, settings, team):
    due = await _scheduled(session, team, datetime.now(UTC) - timedelta(seconds=1))
    later = await _scheduled(session, team, datetime.now(UTC) + timedelta(hours=1))
    await session.commit()
    assert await service.dispatch_due(session) == 1
    await session.commit()
    assert (due.state, later.state) == ("queued", "scheduled")
    assert _sent_publications() == [repr({"publication_id": str(due.id)})]


async def test_the_outbox_resends_publications_whose_worker_went_silent(session, settings, team):
    silent = await _scheduled(session, team, None, state="uploading")
    silent.lease_id, silent.heartbeat_at = "dead", datetime.now(UTC) - timedelta(hours=1)
    alive = await _scheduled(session, team, None, state="processing")
    alive.lease_id, alive.heartbeat_at = "alive", datetime.now(UTC)
    await session.commit()
    assert await publishing_outbox.resend_silent(session, settings) == 1
    await session.commit()
    assert _sent_publications() == [repr({"publication_id": str(silent.id)})]


async def _scheduled(session, team, when, state: str = "scheduled") -> Publication:
    publication = Publication(
        id=uuid.uuid4(),
        workspace_id=team.workspace.id,
        clip_id=team.clip.id,
        account_id=team.accounts["tiktok"].id,
        platform="tiktok",
        idempotency_key=uuid.uuid4().hex,
        state=state,
        next_attempt_at=when,
    )
    session.add(publication)
    await session.flush()
    return publication


# --- schedule for later, and the platform filter -------------------------------------------
def _later(hours: int) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).replace(microsecond=0).isoformat()


async def _trail(client, headers, publication_id: str) -> list[str]:
    answer = await client.get(
        "/v1/ledger", params={"publication_id": publication_id}, headers=headers
    )
    return [event["type"] for event in answer.json()["items"]]


async def test_a_publication_awaiting_approval_takes_a_time_and_approval_schedules_it(client, team):
    created = await client.post("/v1/publications", json=_spec(team, "tiktok"), headers=team.editor)
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
        "/v1/publications",
        params={"platform": "tiktok", "include_total": "true"},
        headers=team.editor,
    )
    assert answer.status_code == 200
    assert [p["platform"] for p in answer.json()["items"]] == ["tiktok"]
    assert answer.json()["total"] == 1
