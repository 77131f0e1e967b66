"""The variant lifecycle: every legal move is made and recorded, every other one is refused, and
the database refuses a state the lifecycle does not know, whoever writes it."""

from __future__ import annotations

import itertools
import uuid

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from backend.clips import variant_transitions as transitions
from backend.events import pending_events
from backend.models import Clip, LedgerEvent, Variant, VariantState
from tests.factories import create_clip, create_workspace

S = VariantState
# Written out here, not read from the module: the test states the lifecycle it expects.
LEGAL = {
    (S.PENDING, S.RENDERING),
    (S.PENDING, S.FAILED),
    (S.RENDERING, S.RENDERING),
    (S.RENDERING, S.READY),
    (S.RENDERING, S.FAILED),
    (S.READY, S.PENDING),
    (S.FAILED, S.PENDING),
}
ILLEGAL = set(itertools.product(S, S)) - LEGAL
LEDGER_TYPES = {
    S.PENDING: "variant.requested",
    S.RENDERING: "variant.rendering",
    S.READY: "variant.rendered",
    S.FAILED: "variant.failed",
}


async def _variant(session, state: str) -> Variant:
    clip = await create_clip(session, await create_workspace(session))
    variant = Variant(
        id=uuid.uuid4(),
        workspace_id=clip.workspace_id,
        clip_id=clip.id,
        platform="tiktok",
        captions=True,
        state=state,
    )
    session.add(variant)
    await session.flush()
    return variant


async def _ledger(session, variant: Variant) -> list[LedgerEvent]:
    result = await session.execute(
        select(LedgerEvent).where(LedgerEvent.clip_id == variant.clip_id).order_by(LedgerEvent.seq)
    )
    return list(result.scalars())


def _raw_id(session, value: uuid.UUID) -> object:
    return value if session.bind.dialect.name == "postgresql" else value.hex


def test_the_table_is_the_lifecycle():
    allowed = {(a, b) for a, targets in transitions.ALLOWED.items() for b in targets}
    assert allowed == LEGAL
    assert set(transitions.ALLOWED) == set(S)


@pytest.mark.parametrize(("start", "to"), sorted(LEGAL))
async def test_a_legal_move_is_made_and_recorded(session, start, to):
    variant = await _variant(session, start)
    variant.error = "an earlier failure"
    job_id, actor_id = uuid.uuid4(), uuid.uuid4()
    reason = "ffmpeg could not decode the source" if to == S.FAILED else None
    await transitions.transition(
        session, variant, to, reason=reason, job_id=job_id, actor_id=actor_id, size_bytes=9
    )

    row = await session.get(Variant, variant.id, populate_existing=True)
    assert row.state == to
    assert isinstance(row.state, VariantState)
    assert row.error == reason
    [event] = await _ledger(session, variant)
    assert event.type == LEDGER_TYPES[to]
    assert (event.job_id, event.actor_id) == (job_id, actor_id)
    assert event.workspace_id == variant.workspace_id
    assert event.asset_id == (await session.get(Clip, variant.clip_id)).asset_id
    assert event.payload["variant_id"] == str(variant.id)
    assert event.payload["platform"] == "tiktok"
    assert (event.payload["state"], event.payload["previous"]) == (to.value, start.value)
    assert event.payload["size_bytes"] == 9
    assert event.payload.get("reason") == reason
    [domain] = [e for e in pending_events(session) if e.type == "variant.state"]
    assert (domain.type, domain.subject_id, domain.workspace_id) == (
        "variant.state",
        variant.id,
        variant.workspace_id,
    )
    assert domain.data == {
        "state": to.value,
        "previous": start.value,
        "clip_id": str(variant.clip_id),
        "platform": "tiktok",
    }
    assert all(type(value) is str for value in domain.data.values())


@pytest.mark.parametrize(("start", "to"), sorted(ILLEGAL))
async def test_an_illegal_move_is_refused_and_leaves_no_trace(session, start, to):
    variant = await _variant(session, start)
    with pytest.raises(transitions.InvalidVariantTransition) as refused:
        await transitions.transition(session, variant, to, reason="no")
    assert refused.value.status_code == 409
    assert refused.value.code == "invalid_transition"
    row = await session.get(Variant, variant.id, populate_existing=True)
    assert row.state == start
    assert await _ledger(session, variant) == []
    assert [e for e in pending_events(session) if e.type == "variant.state"] == []


async def test_a_new_variant_enters_pending(session):
    variant = await _variant(session, S.PENDING)
    await transitions.created(session, variant, actor_id=None)
    [event] = await _ledger(session, variant)
    assert event.type == "variant.requested"
    assert event.payload["previous"] is None
    [domain] = [e for e in pending_events(session) if e.type == "variant.state"]
    assert (domain.data["state"], domain.data["previous"]) == ("pending", None)


async def test_only_a_pending_variant_can_be_new(session):
    variant = await _variant(session, S.READY)
    with pytest.raises(transitions.InvalidVariantTransition):
        await transitions.created(session, variant)


async def test_the_database_refuses_an_unknown_state(session):
    variant = await _variant(session, S.READY)
    with pytest.raises(IntegrityError, match="ck_variants_state_known"):
        async with session.begin_nested():
            await session.execute(
                text("UPDATE variants SET state = 'queued' WHERE id = :id"),
                {"id": _raw_id(session, variant.id)},
            )
    with pytest.raises(IntegrityError, match="ck_variants_state_known"):
        async with session.begin_nested():
            await session.execute(
                text(
                    "INSERT INTO variants (id, workspace_id, clip_id, platform, captions, state,"
                    " checks, created_at, updated_at) VALUES (:id, :w, :c, 'youtube', false,"
                    " '', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {
                    "id": _raw_id(session, uuid.uuid4()),
                    "w": _raw_id(session, variant.workspace_id),
                    "c": _raw_id(session, variant.clip_id),
                },
            )
    row = await session.get(Variant, variant.id, populate_existing=True)
    assert row.state == S.READY
