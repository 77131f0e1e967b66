"""The asset lifecycle: every legal move is made and recorded, every other one is refused, and
the database refuses a state the lifecycle does not know, whoever writes it."""

from __future__ import annotations

import itertools
import uuid

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from backend.assets import transitions
from backend.events import pending_events
from backend.models import Asset, AssetState, LedgerEvent
from tests.factories import create_workspace

S = AssetState
# Written out here, not read from the module: the test states the lifecycle it expects.
LEGAL = {
    (S.UPLOADED, S.PROBING),
    (S.PROBING, S.PROBING),
    (S.PROBING, S.ANALYZING),
    (S.PROBING, S.REJECTED),
    (S.PROBING, S.FAILED),
    (S.ANALYZING, S.PROBING),
    (S.ANALYZING, S.READY),
    (S.ANALYZING, S.FAILED),
    (S.READY, S.PROBING),
    (S.REJECTED, S.PROBING),
    (S.FAILED, S.PROBING),
}
ILLEGAL = set(itertools.product(S, S)) - LEGAL
LEDGER_TYPES = {
    S.PROBING: "asset.probing",
    S.ANALYZING: "asset.probed",
    S.READY: "asset.ready",
    S.REJECTED: "asset.rejected",
    S.FAILED: "asset.failed",
}


async def _asset(session, state: str) -> Asset:
    workspace = await create_workspace(session)
    asset_id = uuid.uuid4()
    asset = Asset(
        id=asset_id,
        workspace_id=workspace.id,
        display_name="talk.mp4",
        storage_key=f"assets/{asset_id}/source.mp4",
        size_bytes=1000,
        sha256=uuid.uuid4().hex * 2,
        state=state,
    )
    session.add(asset)
    await session.flush()
    return asset


async def _ledger(session, asset: Asset) -> list[LedgerEvent]:
    result = await session.execute(
        select(LedgerEvent).where(LedgerEvent.asset_id == asset.id).order_by(LedgerEvent.seq)
    )
    return list(result.scalars())


def test_the_table_is_the_lifecycle():
    allowed = {(a, b) for a, targets in transitions.ALLOWED.items() for b in targets}
    assert allowed == LEGAL
    assert set(transitions.ALLOWED) == set(S)


@pytest.mark.parametrize(("start", "to"), sorted(LEGAL))
async def test_a_legal_move_is_made_and_recorded(session, start, to):
    asset = await _asset(session, start)
    job_id = uuid.uuid4()
    reason = "The file has no video stream." if to in (S.REJECTED, S.FAILED) else None
    await transitions.transition(session, asset, to, reason=reason, job_id=job_id)

    row = await session.get(Asset, asset.id, populate_existing=True)
    assert row.state == to
    assert isinstance(row.state, AssetState)
    assert row.rejection_reason == reason
    [event] = await _ledger(session, asset)
    assert event.type == LEDGER_TYPES[to]
    assert event.job_id == job_id
    assert event.workspace_id == asset.workspace_id
    assert event.payload["state"] == to.value
    assert event.payload["previous"] == start.value
    assert event.payload.get("reason") == reason
    [domain] = [e for e in pending_events(session) if e.type == "asset.state"]
    assert (domain.type, domain.subject_id, domain.workspace_id) == (
        "asset.state",
        asset.id,
        asset.workspace_id,
    )
    assert domain.data == {"state": to.value, "previous": start.value}
    assert all(type(value) is str for value in domain.data.values())


@pytest.mark.parametrize(("start", "to"), sorted(ILLEGAL))
async def test_an_illegal_move_is_refused_and_leaves_no_trace(session, start, to):
    asset = await _asset(session, start)
    with pytest.raises(transitions.InvalidAssetTransition) as refused:
        await transitions.transition(session, asset, to, reason="no")
    assert refused.value.status_code == 409
    assert refused.value.code == "invalid_transition"
    row = await session.get(Asset, asset.id, populate_existing=True)
    assert row.state == start
    assert await _ledger(session, asset) == []
    assert [e for e in pending_events(session) if e.type == "asset.state"] == []


async def test_a_new_asset_enters_uploaded_with_its_facts(session):
    asset = await _asset(session, S.UPLOADED)
    actor = uuid.uuid4()
    await transitions.created(session, asset, actor_id=actor, sha256="f00d", deduplicated=False)
    [event] = await _ledger(session, asset)
    assert event.type == "asset.uploaded"
    assert event.actor_id == actor
    assert event.payload == {
        "state": "uploaded",
        "previous": None,
        "sha256": "f00d",
        "deduplicated": False,
    }
    [domain] = [e for e in pending_events(session) if e.type == "asset.state"]
    assert domain.data == {"state": "uploaded", "previous": None}


async def test_only_an_uploaded_asset_can_be_new(session):
    asset = await _asset(session, S.READY)
    with pytest.raises(transitions.InvalidAssetTransition):
        await transitions.created(session, asset)
    assert await _ledger(session, asset) == []


async def test_a_new_attempt_clears_the_old_reason(session):
    asset = await _asset(session, S.PROBING)
    await transitions.transition(session, asset, S.REJECTED, reason="not a video")
    await transitions.transition(session, asset, S.PROBING)
    assert asset.rejection_reason is None


async def test_the_database_refuses_an_unknown_state(session):
    asset = await _asset(session, S.READY)
    with pytest.raises(IntegrityError, match="ck_assets_state_known"):
        async with session.begin_nested():
            await session.execute(
                text("UPDATE assets SET state = 'published' WHERE id = :id"),
                {"id": _raw_id(session, asset.id)},
            )
    with pytest.raises(IntegrityError, match="ck_assets_state_known"):
        async with session.begin_nested():
            await session.execute(
                text(
                    "INSERT INTO assets (id, workspace_id, display_name, storage_key, size_bytes,"
                    " sha256, state, transcript_status, created_at, updated_at) VALUES"
                    " (:id, :w, 'a.mp4', 'assets/x/source.mp4', 1, 'beef', 'Ready', 'none',"
                    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {"id": _raw_id(session, uuid.uuid4()), "w": _raw_id(session, asset.workspace_id)},
            )
    row = await session.get(Asset, asset.id, populate_existing=True)
    assert row.state == S.READY


def _raw_id(session, value: uuid.UUID) -> object:
    return value if session.bind.dialect.name == "postgresql" else value.hex
