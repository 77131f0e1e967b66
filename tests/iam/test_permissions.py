"""Roles are enforced on every route, and no workspace ever sees another's rows."""

from __future__ import annotations

import uuid

from fastapi.routing import APIRoute
from sqlalchemy import select

from backend.app import create_app, served_routes
from backend.iam import repository
from backend.iam.permissions import PERMISSIONS, ROLES
from backend.models import Job
from tests.factories import auth_headers, create_member, create_workspace

# Routes that act on no workspace: signing in, your own account and invitations, your list of
# workspaces, probes, and the platforms' webhooks (each call authenticates itself with a signature
# or verify token).
UNSCOPED = {
    "/v1/auth/register",
    "/v1/auth/login",
    "/v1/auth/refresh",
    "/v1/auth/logout",
    "/v1/auth/session",
    "/v1/auth/session/refresh",
    "/v1/auth/me",
    "/v1/auth/me/security-events",
    "/v1/auth/password",
    "/v1/invitations",
    "/v1/invitations/{invitation_id}/accept",
    "/v1/invitations/{invitation_id}/decline",
    "/v1/workspaces",
    "/debug/health",
    "/debug/ready",
    "/webhooks/instagram",
    "/webhooks/tiktok",
    "/webhooks/youtube",
}


# tus discovery (OPTIONS) answers before any credentials, as the protocol requires; a signed
# media link is its own authorisation (a <video> tag sends no headers).
# The OAuth callback is a browser redirect from the platform: its single-use state, bound to the
# user who started the flow, is the authorisation.
# GET /metrics is Prometheus's: STAKAZO_METRICS_TOKEN authorises it (tests/metrics).
UNSCOPED_METHODS = {
    ("GET", "/metrics"),
    ("OPTIONS", "/v1/uploads/tus"),
    ("GET", "/media/{token}"),
    ("GET", "/accounts/oauth/{platform}/callback"),
}


def _permission_of(route: APIRoute) -> str | None:
    for dependency in route.dependant.dependencies:
        permission = getattr(dependency.call, "required_permission", None)
        if permission:
            return str(permission)
    return None


def test_every_workspace_route_requires_a_permission():
    routes = list(served_routes())
    assert len(routes) >= 20
    unguarded = [
        (sorted(r.methods), path)
        for path, r in routes
        if path not in UNSCOPED
        and not any((m, path) in UNSCOPED_METHODS for m in r.methods)
        and _permission_of(r) is None
    ]
    assert unguarded == []
    assert any(_permission_of(r) == "members:manage" for _, r in routes)


def test_the_app_serves_every_router(settings):
    served = create_app(settings).openapi()["paths"]
    for path, route in served_routes():
        if route.include_in_schema:
            assert path in served, path


async def test_database_roles_match_the_catalogue(session):
    assert {
        p.name for role in await repository.list_roles(session) for p in role.permissions
    } <= set(PERMISSIONS)
    for role in await repository.list_roles(session):
        assert sorted(p.name for p in role.permissions) == sorted(ROLES[role.name][1])


async def test_viewer_cannot_do_editor_work(client, session):
    workspace = await create_workspace(session)
    viewer = await create_member(session, workspace, "viewer")
    await session.commit()
    headers = await auth_headers(client, viewer, workspace)
    assert (await client.get("/v1/jobs", headers=headers)).status_code == 200
    response = await client.post("/v1/jobs", headers=headers, json={"type": "ledger.audit"})
    assert response.status_code == 403
    assert "jobs:write" in response.json()["detail"]
    assert (await session.execute(select(Job))).scalars().all() == []


async def test_editor_cannot_do_admin_work(client, session):
    workspace = await create_workspace(session)
    editor = await create_member(session, workspace, "editor")
    await session.commit()
    headers = await auth_headers(client, editor, workspace)
    assert (
        await client.post("/v1/jobs", headers=headers, json={"type": "ledger.audit"})
    ).status_code == 202
    add = await client.post(
        "/v1/members",
        headers=headers,
        json={"email": "new@example.com", "role": "admin", "password": "saffron-meadow-bicycle-3"},
    )
    assert add.status_code == 403
    rename = await client.patch("/v1/workspaces/current", headers=headers, json={"name": "Mine"})
    assert rename.status_code == 403


async def test_member_of_one_workspace_cannot_read_another(client, session):
    brand_a = await create_workspace(session, name="A")
    brand_b = await create_workspace(session, name="B")
    alice = await create_member(session, brand_a, "admin")
    bob = await create_member(session, brand_b, "admin")
    await session.commit()
    bob_headers = await auth_headers(client, bob, brand_b)
    job_of_b = (
        await client.post("/v1/jobs", headers=bob_headers, json={"type": "ledger.audit"})
    ).json()

    alice_in_b = await auth_headers(client, alice, brand_b)
    for path in (
        "/v1/members",
        "/v1/jobs",
        "/v1/ledger",
        "/v1/workspaces/current",
        f"/v1/jobs/{job_of_b['id']}",
    ):
        response = await client.get(path, headers=alice_in_b)
        assert response.status_code == 404, path
        assert response.json()["error"] == "workspace_not_found"
    by_query = await client.get(
        f"/v1/members?workspace_id={brand_b.id}",
        headers={"Authorization": alice_in_b["Authorization"]},
    )
    assert by_query.status_code == 404

    alice_in_a = await auth_headers(client, alice, brand_a)
    assert (await client.get(f"/v1/jobs/{job_of_b['id']}", headers=alice_in_a)).status_code == 404
    assert (await client.get("/v1/jobs", headers=alice_in_a)).json()["items"] == []
    ledger_a = (await client.get("/v1/ledger", headers=alice_in_a)).json()["items"]
    assert all(event["workspace_id"] in (str(brand_a.id), None) for event in ledger_a)
    assert not any(event["job_id"] == job_of_b["id"] for event in ledger_a)
    patched = await client.patch(
        f"/v1/members/{bob.id}", headers=alice_in_a, json={"role": "viewer"}
    )
    assert patched.status_code == 404


async def test_workspace_must_be_named(client, session):
    workspace = await create_workspace(session)
    user = await create_member(session, workspace, "viewer")
    await session.commit()
    headers = await auth_headers(client, user)
    missing = await client.get("/v1/members", headers=headers)
    assert missing.status_code == 422
    assert "X-Workspace-Id" in missing.json()["detail"]
    conflicting = await client.get(
        f"/v1/members?workspace_id={uuid.uuid4()}",
        headers={**headers, "X-Workspace-Id": str(workspace.id)},
    )
    assert conflicting.status_code == 422
    malformed = await client.get("/v1/members", headers={**headers, "X-Workspace-Id": "nope"})
    assert malformed.status_code == 422
    unknown = await client.get(
        "/v1/members", headers={**headers, "X-Workspace-Id": str(uuid.uuid4())}
    )
    assert unknown.status_code == 404
