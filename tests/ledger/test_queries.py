"""Ledger queries: filters, time ranges, newest first, cursor pagination, workspace scope."""

from __future__ import annotations

from datetime import timedelta

from backend import ledger
from backend.models.base import utcnow
from tests.factories import auth_headers, create_member, create_workspace


async def test_filters_and_pagination(client, session):
    workspace = await create_workspace(session)
    other = await create_workspace(session)
    viewer = await create_member(session, workspace, "viewer")
    import uuid

    asset, clip = uuid.uuid4(), uuid.uuid4()
    for n in range(5):
        await ledger.record(
            session,
            "asset.uploaded",
            workspace_id=workspace.id,
            asset_id=asset,
            actor_id=viewer.id,
            payload={"n": n},
        )
    await ledger.record(session, "clip.scored", workspace_id=workspace.id, clip_id=clip)
    await ledger.record(session, "asset.uploaded", workspace_id=other.id, asset_id=asset)
    await session.commit()
    headers = await auth_headers(client, viewer, workspace)

    page = (await client.get(f"/ledger?asset_id={asset}&limit=2", headers=headers)).json()
    assert [e["payload"]["n"] for e in page["items"]] == [4, 3]
    rest = (
        await client.get(
            f"/ledger?asset_id={asset}&limit=10&before={page['next_cursor']}", headers=headers
        )
    ).json()
    assert [e["payload"]["n"] for e in rest["items"]] == [2, 1, 0]
    assert rest["next_cursor"] is None

    clips = (await client.get(f"/ledger?clip_id={clip}", headers=headers)).json()["items"]
    assert [e["type"] for e in clips] == ["clip.scored"]
    by_type = (await client.get("/ledger?type=clip.scored", headers=headers)).json()["items"]
    assert len(by_type) == 1
    by_prefix = (await client.get("/ledger?type_prefix=asset.", headers=headers)).json()["items"]
    assert len(by_prefix) == 5
    by_actor = (await client.get(f"/ledger?actor_id={viewer.id}", headers=headers)).json()["items"]
    assert len(by_actor) == 5

    future = (utcnow() + timedelta(hours=1)).isoformat()
    past = (utcnow() - timedelta(hours=1)).isoformat()
    empty = await client.get("/ledger", headers=headers, params={"since": future})
    assert empty.json()["items"] == []
    ranged = await client.get("/ledger", headers=headers, params={"since": past, "until": future})
    assert len(ranged.json()["items"]) == 6


async def test_verify_endpoint(client, session):
    workspace = await create_workspace(session)
    viewer = await create_member(session, workspace, "viewer")
    await session.commit()
    headers = await auth_headers(client, viewer, workspace)
    report = (await client.get("/ledger/verify", headers=headers)).json()
    assert report["intact"] is True
    assert report["events_checked"] == report["head_sequence"] >= 1
