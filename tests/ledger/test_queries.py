"""Ledger queries: filters, time ranges, newest first, cursor pagination, workspace scope."""

from __future__ import annotations

from datetime import timedelta

from backend import ledger
from backend.ledger import service
from core.clock import utcnow
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

    page = (await client.get(f"/v1/ledger?asset_id={asset}&limit=2", headers=headers)).json()
    assert [e["payload"]["n"] for e in page["items"]] == [4, 3]
    rest = (
        await client.get(
            f"/v1/ledger?asset_id={asset}&limit=10&cursor={page['next_cursor']}", headers=headers
        )
    ).json()
    assert [e["payload"]["n"] for e in rest["items"]] == [2, 1, 0]
    assert rest["next_cursor"] is None

    clips = (await client.get(f"/v1/ledger?clip_id={clip}", headers=headers)).json()["items"]
    assert [e["type"] for e in clips] == ["clip.scored"]
    by_type = (await client.get("/v1/ledger?type=clip.scored", headers=headers)).json()["items"]
    assert len(by_type) == 1
    by_prefix = (await client.get("/v1/ledger?type_prefix=asset.", headers=headers)).json()["items"]
    assert len(by_prefix) == 5
    by_actor = (await client.get(f"/v1/ledger?actor_id={viewer.id}", headers=headers)).json()[
        "items"
    ]
    assert len(by_actor) == 5

    future = (utcnow() + timedelta(hours=1)).isoformat()
    past = (utcnow() - timedelta(hours=1)).isoformat()
    empty = await client.get("/v1/ledger", headers=headers, params={"since": future})
    assert empty.json()["items"] == []
    ranged = await client.get(
        "/v1/ledger", headers=headers, params={"since": past, "until": future}
    )
    assert len(ranged.json()["items"]) == 6


async def test_verify_reports_only_the_callers_chain(client, session):
    workspace = await create_workspace(session)
    other = await create_workspace(session)
    viewer = await create_member(session, workspace, "viewer")
    for n in range(3):
        await ledger.record(session, "test.mine", workspace_id=workspace.id, payload={"n": n})
    for n in range(40):  # another tenant's activity, which must not show
        await ledger.record(session, "test.theirs", workspace_id=other.id, payload={"n": n})
    mine = await ledger.record(session, "test.mine", workspace_id=workspace.id)
    await ledger.record(session, "test.theirs", workspace_id=other.id)
    await session.commit()
    headers = await auth_headers(client, viewer, workspace)
    report = (await client.get("/v1/ledger/verify", headers=headers)).json()
    assert mine.chain_seq == 4
    assert report == {
        "intact": True,
        "events_checked": 4,
        "head_sequence": 4,
        "first_broken_sequence": None,
        "problem": None,
    }


async def test_a_break_in_another_workspace_does_not_concern_this_one(client, session):
    from tests.ledger.test_chain import _tamper

    workspace = await create_workspace(session)
    other = await create_workspace(session)
    viewer = await create_member(session, workspace, "viewer")
    await ledger.record(session, "test.mine", workspace_id=workspace.id)
    theirs = await ledger.record(session, "test.theirs", workspace_id=other.id)
    await ledger.record(session, "test.mine", workspace_id=workspace.id)
    await session.commit()
    headers = await auth_headers(client, viewer, workspace)  # records a sign-in event
    edit = "UPDATE ledger_events SET payload = :p WHERE seq = :s"
    await _tamper(session, edit, p='{"edited": true}', s=theirs.seq)
    await session.commit()
    report = (await client.get("/v1/ledger/verify", headers=headers)).json()
    assert (report["intact"], report["events_checked"], report["head_sequence"]) == (True, 2, 2)


async def test_a_break_at_an_own_event_names_it(client, session):
    from tests.ledger.test_chain import _tamper

    workspace = await create_workspace(session)
    viewer = await create_member(session, workspace, "viewer")
    await ledger.record(session, "test.mine", workspace_id=workspace.id)
    mine = await ledger.record(session, "test.mine", workspace_id=workspace.id)
    await session.commit()
    headers = await auth_headers(client, viewer, workspace)
    edit = "UPDATE ledger_events SET payload = :p WHERE seq = :s"
    await _tamper(session, edit, p='{"edited": true}', s=mine.seq)
    await session.commit()
    report = (await client.get("/v1/ledger/verify", headers=headers)).json()
    assert (report["intact"], report["first_broken_sequence"]) == (False, 2)
    assert report["events_checked"] == 1
    assert "content" in report["problem"]


async def test_events_are_numbered_per_workspace(client, session):
    workspace = await create_workspace(session)
    other = await create_workspace(session)
    viewer = await create_member(session, workspace, "viewer")
    for n in range(7):
        await ledger.record(session, "test.mine", workspace_id=workspace.id, payload={"n": n})
        for _ in range(3):  # the other tenant's activity must leave no gaps in our numbers
            await ledger.record(session, "test.theirs", workspace_id=other.id)
    await session.commit()
    headers = await auth_headers(client, viewer, workspace)
    seen, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/v1/ledger", params=params, headers=headers)).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    mine = [e for e in seen if e["type"] == "test.mine"]
    # The member's own events (member.added …) come first in the chain, then ours, gapless.
    numbers = [e["chain_seq"] for e in seen]
    assert numbers == list(range(len(seen), 0, -1))
    assert {e["chain"] for e in seen} == {str(workspace.id)}
    assert [e["payload"]["n"] for e in mine] == list(range(6, -1, -1))
    assert all("seq" not in e for e in seen)


async def test_paging_crosses_from_new_events_into_legacy_ones(client, session):
    from tests.ledger.test_chain import _legacy

    workspace = await create_workspace(session)
    other = await create_workspace(session)
    await _legacy(session, 4, workspace.id)  # as recorded before per-workspace chains
    await service.seal_legacy_chain(session)
    viewer = await create_member(session, workspace, "viewer")
    await ledger.record(session, "test.new", workspace_id=workspace.id)
    await ledger.record(session, "test.theirs", workspace_id=other.id)
    await session.commit()
    headers = await auth_headers(client, viewer, workspace)
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/v1/ledger", params=params, headers=headers)).json()
        seen += [(e["chain"], e["chain_seq"]) for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    own = [number for chain, number in seen if chain == str(workspace.id)]
    assert own == list(range(len(own), 0, -1))
    # The new chain first (newest), then the legacy events, newest first; nothing of theirs.
    assert seen == [(str(workspace.id), n) for n in own] + [("legacy", n) for n in (4, 3, 2, 1)]
    forged = await client.get("/v1/ledger", params={"cursor": "legacy.3"}, headers=headers)
    assert forged.status_code == 400
    assert forged.json()["error"] == "invalid_cursor"


async def test_time_bounds_must_be_dates_and_times(client, session):
    workspace = await create_workspace(session)
    viewer = await create_member(session, workspace, "viewer")
    await session.commit()
    headers = await auth_headers(client, viewer, workspace)
    for bad in ("0.5", "1700000000", "2026-01-01", "yesterday"):
        response = await client.get(f"/v1/ledger?until={bad}", headers=headers)
        assert response.status_code == 422, bad
    for good in ("2026-01-01T00:00:00Z", "2026-01-01T00:00:00.5+02:00"):
        response = await client.get("/v1/ledger", params={"since": good}, headers=headers)
        assert response.status_code == 200, good
