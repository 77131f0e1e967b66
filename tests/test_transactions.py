"""The request owns the transaction: committed before the response leaves, rolled back on error."""

from __future__ import annotations

import httpx
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from backend.app import create_app
from backend.models import LedgerEvent
from tests.factories import auth_headers, create_member, create_workspace


async def test_commit_happens_before_the_response_is_sent(settings, session_factory):
    order: list[str] = []
    app = create_app(settings, session_factory=session_factory)

    async def recording_app(scope, receive, send):
        async def recording_send(message):
            if message["type"] == "http.response.start":
                order.append("response")
            await send(message)

        await app(scope, receive, recording_send)

    def on_commit(_: Session) -> None:
        order.append("commit")

    event.listen(Session, "after_commit", on_commit)
    try:
        transport = httpx.ASGITransport(app=recording_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            response = await client.post(
                "/v1/auth/register",
                json={"email": "o@example.com", "password": "plum-orbit-lantern-42"},
            )
    finally:
        event.remove(Session, "after_commit", on_commit)
    assert response.status_code == 201
    assert "commit" in order
    assert order[-1] == "response"  # nothing is committed after the client has its answer


async def test_a_failed_request_leaves_nothing_behind(client, session):
    workspace = await create_workspace(session)
    admin = await create_member(session, workspace, "admin")
    await session.commit()
    headers = await auth_headers(client, admin, workspace)
    before = len((await session.execute(select(LedgerEvent))).scalars().all())
    response = await client.patch(
        f"/v1/members/{admin.id}", headers=headers, json={"role": "viewer"}
    )
    assert response.status_code == 409
    after = (await session.execute(select(LedgerEvent))).scalars().all()
    assert len(after) == before
    assert not any(e.type == "member.role_changed" for e in after)
