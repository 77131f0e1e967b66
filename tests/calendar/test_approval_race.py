"""The last two approvers of a publication approving at the same moment: one of them completes
it, the other is told it changed; it is sent once (its row is locked while an approval counts)."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from sqlalchemy import func, select

from backend import enqueue
from backend.app import create_app
from backend.db import create_engine, create_session_factory
from backend.models import LedgerEvent, PublicationApproval
from tests.factories import (
    auth_headers,
    create_clip,
    create_member,
    create_platform_account,
    create_publication,
    create_workspace,
)


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[enqueue.PendingTask]:
    captured: list[enqueue.PendingTask] = []
    monkeypatch.setattr(enqueue, "sender", captured.append)
    return captured


async def test_two_last_approvers_at_once_send_it_once(scratch_database_url, settings, sent):
    engine = create_engine(scratch_database_url, settings)
    sessions = create_session_factory(engine)
    try:
        async with sessions() as session:
            workspace = await create_workspace(session)
            admins = [await create_member(session, workspace, "admin") for _ in range(3)]
            account = await create_platform_account(session, workspace)
            clip = await create_clip(session, workspace)
            publication = await create_publication(
                session, account, clip, state="awaiting_approval", approvals_required=2
            )
            await session.commit()
        app = create_app(settings, session_factory=sessions)
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            headers = [await auth_headers(client, admin, workspace) for admin in admins]
            body = {"publication_ids": [str(publication.id)]}
            first = await client.post("/v1/confirm_publish", json=body, headers=headers[0])
            assert first.status_code == 200, first.text
            answers = await asyncio.gather(
                *(client.post("/v1/confirm_publish", json=body, headers=h) for h in headers[1:])
            )
        async with sessions() as session:
            approvals = await session.scalar(
                select(func.count()).where(PublicationApproval.publication_id == publication.id)
            )
            approved = await session.scalar(
                select(func.count()).where(
                    LedgerEvent.publication_id == publication.id,
                    LedgerEvent.type == "publication.approved",
                )
            )
    finally:
        await engine.dispose()
    assert sorted(a.status_code for a in answers) == [200, 409], [a.text for a in answers]
    assert (approvals, approved) == (2, 1)
    assert [str(task.kwargs["publication_id"]) for task in sent] == [str(publication.id)]
