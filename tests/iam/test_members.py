"""Admins manage members; every change lands in the ledger."""

from __future__ import annotations

from sqlalchemy import select

from backend.models import LedgerEvent
from tests.factories import DEFAULT_PASSWORD, auth_headers, create_member, create_workspace, login


async def _events(session, type_: str) -> list[LedgerEvent]:
    result = await session.execute(select(LedgerEvent).where(LedgerEvent.type == type_))
    return list(result.scalars().all())


async def _admin(client, session):
    workspace = await create_workspace(session)
    admin = await create_member(session, workspace, "admin")
    await session.commit()
    return workspace, admin, await auth_headers(client, admin, workspace)


async def test_admin_creates_a_viewer_who_accepts_and_can_work(client, session):
    workspace, admin, headers = await _admin(client, session)
    response = await client.post(
        "/v1/members",
        headers=headers,
        json={"email": "Viewer@Example.com", "role": "viewer", "password": "teal-harbor-compass-7"},
    )
    assert response.status_code == 202, response.text
    invitation = response.json()
    assert (invitation["role"], invitation["state"]) == ("viewer", "pending")
    assert invitation["email"] == "viewer@example.com"
    tokens = await login(client, "viewer@example.com", "teal-harbor-compass-7")
    viewer = {"Authorization": f"Bearer {tokens['access_token']}"}
    accepted = await client.post(f"/v1/invitations/{invitation['id']}/accept", headers=viewer)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["state"] == "accepted"
    [added] = [
        e for e in await _events(session, "member.added") if e.payload.get("role") == "viewer"
    ]
    assert (added.workspace_id, added.actor_id) == (workspace.id, admin.id)
    members = (await client.get("/v1/members", headers=headers)).json()["items"]
    assert sorted(m["role"] for m in members) == ["admin", "viewer"]


async def test_role_change_is_recorded_and_takes_effect(client, session):
    workspace, _, headers = await _admin(client, session)
    editor = await create_member(session, workspace, "editor")
    await session.commit()
    editor_headers = await auth_headers(client, editor, workspace)
    assert (
        await client.post("/v1/jobs", headers=editor_headers, json={"type": "ledger.audit"})
    ).status_code == 202
    changed = await client.patch(
        f"/v1/members/{editor.id}", headers=headers, json={"role": "viewer"}
    )
    assert changed.status_code == 200
    assert changed.json()["role"] == "viewer"
    assert (
        await client.post("/v1/jobs", headers=editor_headers, json={"type": "ledger.audit"})
    ).status_code == 403
    [event] = await _events(session, "member.role_changed")
    assert event.payload == {"from": "editor", "to": "viewer"}
    assert event.user_id == editor.id


async def test_last_admin_cannot_be_demoted_or_removed(client, session):
    _, admin, headers = await _admin(client, session)
    demote = await client.patch(f"/v1/members/{admin.id}", headers=headers, json={"role": "editor"})
    assert demote.status_code == 409
    assert demote.json()["error"] == "last_admin"
    assert (await client.delete(f"/v1/members/{admin.id}", headers=headers)).status_code == 409


async def test_an_admin_can_step_down_when_another_admin_remains(client, session):
    workspace, admin, headers = await _admin(client, session)
    await create_member(session, workspace, "admin")
    await session.commit()
    demote = await client.patch(f"/v1/members/{admin.id}", headers=headers, json={"role": "viewer"})
    assert demote.status_code == 200, demote.text
    assert demote.json()["role"] == "viewer"
    [event] = await _events(session, "member.role_changed")
    assert (event.workspace_id, event.actor_id) == (workspace.id, admin.id)


async def test_remove_member(client, session):
    workspace, _, headers = await _admin(client, session)
    editor = await create_member(session, workspace, "editor")
    await session.commit()
    assert (await client.delete(f"/v1/members/{editor.id}", headers=headers)).status_code == 204
    assert [
        m["user_id"] for m in (await client.get("/v1/members", headers=headers)).json()["items"]
    ] != [str(editor.id)]
    assert len(await _events(session, "member.removed")) == 1


async def test_deactivate_and_reactivate(client, session):
    workspace, admin, headers = await _admin(client, session)
    editor = await create_member(session, workspace, "editor")
    await session.commit()
    editor_headers = await auth_headers(client, editor, workspace)
    response = await client.post(f"/v1/members/{editor.id}/deactivate", headers=headers)
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert (await client.get("/v1/jobs", headers=editor_headers)).status_code == 401
    refused = await client.post(
        "/v1/auth/login", json={"email": editor.email, "password": DEFAULT_PASSWORD}
    )
    assert refused.status_code == 401
    assert (
        await client.post(f"/v1/members/{editor.id}/reactivate", headers=headers)
    ).status_code == 200
    await login(client, editor.email)
    types = [e.type for e in await _events(session, "user.deactivated")]
    assert types == ["user.deactivated"]
    assert (
        await client.post(f"/v1/members/{admin.id}/deactivate", headers=headers)
    ).status_code == 409


async def test_cannot_deactivate_someone_who_belongs_to_workspaces_you_do_not_run(client, session):
    workspace, _, headers = await _admin(client, session)
    elsewhere = await create_workspace(session)
    shared = await create_member(session, elsewhere, "editor")
    from tests.factories import create_membership

    await create_membership(session, shared, workspace, "editor")
    await session.commit()
    response = await client.post(f"/v1/members/{shared.id}/deactivate", headers=headers)
    assert response.status_code == 403
    assert "Remove them" in response.json()["detail"]


async def test_roles_list_their_permissions(client, session):
    _, _, headers = await _admin(client, session)
    roles = {r["name"]: r for r in (await client.get("/v1/roles", headers=headers)).json()["items"]}
    assert set(roles) == {"admin", "editor", "viewer"}
    viewer = {p["name"] for p in roles["viewer"]["permissions"]}
    assert "jobs:write" not in viewer
    assert "ledger:read" in viewer


async def test_workspaces_create_list_rename(client, session):
    workspace, _, headers = await _admin(client, session)
    auth_only = {"Authorization": headers["Authorization"]}
    created = await client.post("/v1/workspaces", headers=auth_only, json={"name": "Second brand"})
    assert created.status_code == 201
    assert created.json()["role"] == "admin"
    names = {
        w["name"] for w in (await client.get("/v1/workspaces", headers=auth_only)).json()["items"]
    }
    assert names == {workspace.name, "Second brand"}
    renamed = await client.patch(
        "/v1/workspaces/current", headers=headers, json={"name": "Renamed"}
    )
    assert renamed.json()["name"] == "Renamed"
    [event] = await _events(session, "workspace.renamed")
    assert event.payload == {"from": "Brand", "to": "Renamed"}
