"""GET /v1/overview: counts by state per resource, for the workspace asked about only."""

from __future__ import annotations

from backend.models import Job
from tests.factories import (
    auth_headers,
    create_clip,
    create_member,
    create_platform_account,
    create_publication,
    create_workspace,
)


async def test_counts_by_state_of_one_workspace(client, session):
    workspace = await create_workspace(session)
    other = await create_workspace(session)
    viewer = await create_member(session, workspace, "viewer")
    first = await create_clip(session, workspace)  # and its ready asset
    await create_clip(session, workspace, status="approved")
    await create_clip(session, other)  # another workspace's: never counted
    account = await create_platform_account(session, workspace)
    await create_publication(session, account, first, state="published")
    await create_publication(session, account, first, state="failed")
    for state in ("running", "running", "succeeded"):
        session.add(Job(workspace_id=workspace.id, type="ledger.audit", state=state, params={}))
    session.add(Job(workspace_id=other.id, type="ledger.audit", state="failed", params={}))
    await session.commit()

    headers = await auth_headers(client, viewer, workspace)
    response = await client.get("/v1/overview", headers=headers)

    assert response.status_code == 200
    assert response.json() == {
        "jobs": {"total": 3, "by_state": {"running": 2, "succeeded": 1}},
        "assets": {"total": 2, "by_state": {"ready": 2}},
        "clips": {"total": 2, "by_state": {"approved": 1, "candidate": 1}},
        "publications": {"total": 2, "by_state": {"failed": 1, "published": 1}},
    }


async def test_empty_workspace_has_zero_everywhere(client, session):
    workspace = await create_workspace(session)
    admin = await create_member(session, workspace, "admin")
    await session.commit()
    headers = await auth_headers(client, admin, workspace)
    response = await client.get("/v1/overview", headers=headers)
    assert response.status_code == 200
    empty = {"total": 0, "by_state": {}}
    assert response.json() == dict.fromkeys(("jobs", "assets", "clips", "publications"), empty)


async def test_needs_a_member_of_the_workspace(client, session):
    workspace = await create_workspace(session)
    stranger_workspace = await create_workspace(session)
    stranger = await create_member(session, stranger_workspace, "admin")
    await session.commit()
    headers = await auth_headers(client, stranger, stranger_workspace)
    headers["X-Workspace-Id"] = str(workspace.id)
    response = await client.get("/v1/overview", headers=headers)
    assert response.status_code in (403, 404)
    assert (await client.get("/v1/overview")).status_code == 401
