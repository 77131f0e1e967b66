"""The publication state machine: allowed moves only, each one in the ledger."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from backend.models import LedgerEvent
from backend.publishing.transitions import InvalidTransition, transition
from tests.factories import create_platform_account, create_publication, create_workspace


async def test_each_change_is_recorded_and_illegal_moves_are_refused(session):
    workspace = await create_workspace(session)
    account = await create_platform_account(session, workspace, "instagram")
    publication = await create_publication(session, account, state="draft")
    for state in ("awaiting_approval", "queued", "uploading", "processing", "published"):
        await transition(session, publication, state)
    assert publication.published_at is not None
    with pytest.raises(InvalidTransition, match="published cannot become queued"):
        await transition(session, publication, "queued")
    events = (
        await session.scalars(
            select(LedgerEvent.type)
            .where(LedgerEvent.publication_id == publication.id)
            .order_by(LedgerEvent.seq)
        )
    ).all()
    assert events == [
        "publication.awaiting_approval",
        "publication.queued",
        "publication.uploading",
        "publication.processing",
        "publication.published",
    ]


async def test_a_draft_cannot_jump_to_uploading(session):
    workspace = await create_workspace(session)
    account = await create_platform_account(session, workspace)
    publication = await create_publication(session, account, state="draft")
    with pytest.raises(InvalidTransition):
        await transition(session, publication, "uploading")
    assert publication.state == "draft"
