"""Adding someone by email is an invitation: no consent, no membership; no answer reveals
whether the email has an account; personal security events stay personal."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from backend.models import Invitation, LedgerEvent
from core.clock import utcnow
from tests.factories import auth_headers, create_member, create_user, create_workspace

# Fields that differ between any two invitations, whoever they are for.
_PER_INVITATION = {"id", "email", "created_at", "expires_at"}


async def _admin(client, session):
    workspace = await create_workspace(session)
    admin = await create_member(session, workspace, "admin")
    await session.commit()
    return workspace, admin, await auth_headers(client, admin, workspace)


async def _invite(client, headers, email, role="editor", **extra):
    return await client.post(
        "/v1/members", headers=headers, json={"email": email, "role": role, **extra}
    )


def _shape(response):
    body = response.json()
    return response.status_code, {k: v for k, v in body.items() if k not in _PER_INVITATION}


async def _member_ids(client, headers):
    return {
        m["user_id"] for m in (await client.get("/v1/members", headers=headers)).json()["items"]
    }


async def test_an_existing_account_is_invited_not_added(client, session):
    workspace, _, headers = await _admin(client, session)
    person = await create_user(session)
    await session.commit()
    response = await _invite(client, headers, person.email)
    assert response.status_code == 202, response.text
    assert response.json()["state"] == "pending"
    assert str(person.id) not in await _member_ids(client, headers)
    pending = (await client.get("/v1/members/invitations", headers=headers)).json()["items"]
    assert [i["email"] for i in pending] == [person.email]
    # Not a member: the workspace is closed to them until they accept.
    theirs = await auth_headers(client, person, workspace)
    assert (await client.get("/v1/members", headers=theirs)).status_code == 404


async def test_the_answer_is_the_same_for_new_and_existing_emails(client, session, settings):
    _, _, headers = await _admin(client, session)
    person = await create_user(session)
    await session.commit()
    password = {"password": "saffron-meadow-bicycle-3"}
    existing = await _invite(client, headers, person.email, **password)
    brand_new = await _invite(client, headers, "brand.new@example.com", **password)
    assert _shape(existing) == _shape(brand_new)
    without_password_existing = await _invite(client, headers, person.email, role="viewer")
    assert without_password_existing.status_code == 409  # already invited, same for both
    nobody = await _invite(client, headers, "nobody.yet@example.com")
    assert nobody.status_code == 202
    assert set(nobody.json()) == set(existing.json())
    # No event the admin can read says "new account" either.
    events = (await client.get("/v1/ledger?type_prefix=invitation.", headers=headers)).json()
    payloads = [e["payload"] for e in events["items"]]
    assert {frozenset(p) for p in payloads} == {frozenset({"invitation_id", "email", "role"})}
    user_events = (await client.get("/v1/ledger?type=user.created", headers=headers)).json()
    assert user_events["items"] == []


async def test_the_invitee_accepts_and_becomes_a_member_with_that_role(client, session):
    workspace, _, headers = await _admin(client, session)
    person = await create_user(session)
    await session.commit()
    invitation = (await _invite(client, headers, person.email, role="viewer")).json()
    theirs = await auth_headers(client, person)
    mine = (await client.get("/v1/invitations", headers=theirs)).json()["items"]
    assert [(i["id"], i["workspace_name"], i["role"]) for i in mine] == [
        (invitation["id"], workspace.name, "viewer")
    ]
    accepted = await client.post(f"/v1/invitations/{invitation['id']}/accept", headers=theirs)
    assert (accepted.status_code, accepted.json()["state"]) == (200, "accepted")
    members = (await client.get("/v1/members", headers=headers)).json()["items"]
    assert {m["email"]: m["role"] for m in members}[person.email] == "viewer"
    again = await client.post(f"/v1/invitations/{invitation['id']}/accept", headers=theirs)
    assert (again.status_code, again.json()["error"]) == (409, "invitation_closed")
    assert (await client.get("/v1/invitations", headers=theirs)).json()["items"] == []
    types = [e["type"] for e in (await client.get("/v1/ledger", headers=headers)).json()["items"]]
    assert {"invitation.created", "invitation.accepted", "member.added"} <= set(types)


async def test_declining_leaves_them_outside(client, session):
    _, _, headers = await _admin(client, session)
    person = await create_user(session)
    await session.commit()
    invitation = (await _invite(client, headers, person.email)).json()
    theirs = await auth_headers(client, person)
    declined = await client.post(f"/v1/invitations/{invitation['id']}/decline", headers=theirs)
    assert (declined.status_code, declined.json()["state"]) == (200, "declined")
    assert str(person.id) not in await _member_ids(client, headers)
    late = await client.post(f"/v1/invitations/{invitation['id']}/accept", headers=theirs)
    assert late.status_code == 409
    assert str(person.id) not in await _member_ids(client, headers)


async def test_only_the_invited_email_can_answer(client, session):
    _, _, headers = await _admin(client, session)
    person, stranger = await create_user(session), await create_user(session)
    await session.commit()
    invitation = (await _invite(client, headers, person.email)).json()
    strangers = await auth_headers(client, stranger)
    for action in ("accept", "decline"):
        response = await client.post(
            f"/v1/invitations/{invitation['id']}/{action}", headers=strangers
        )
        assert (response.status_code, response.json()["error"]) == (404, "invitation_not_found")
    assert (await client.get("/v1/invitations", headers=strangers)).json()["items"] == []


async def test_revoked_and_expired_invitations_cannot_be_accepted(client, session):
    _, _, headers = await _admin(client, session)
    person = await create_user(session)
    await session.commit()
    first = (await _invite(client, headers, person.email)).json()
    revoked = await client.delete(f"/v1/members/invitations/{first['id']}", headers=headers)
    assert revoked.status_code == 204
    assert (await client.get("/v1/members/invitations", headers=headers)).json()["items"] == []
    theirs = await auth_headers(client, person)
    refused = await client.post(f"/v1/invitations/{first['id']}/accept", headers=theirs)
    assert (refused.status_code, "revoked" in refused.json()["detail"]) == (409, True)

    second = (await _invite(client, headers, person.email)).json()
    row = (
        await session.execute(select(Invitation).where(Invitation.state == "pending"))
    ).scalar_one()
    row.expires_at = utcnow() - timedelta(seconds=1)
    await session.commit()
    expired = await client.post(f"/v1/invitations/{second['id']}/accept", headers=theirs)
    assert (expired.status_code, "expired" in expired.json()["detail"]) == (409, True)
    types = [
        e.type
        for e in (await session.execute(select(LedgerEvent).order_by(LedgerEvent.seq))).scalars()
        if e.type.startswith("invitation.")
    ]
    assert types == ["invitation.created", "invitation.revoked", "invitation.created"]


async def test_another_workspace_cannot_revoke(client, session):
    _, _, headers = await _admin(client, session)
    _, _, other_headers = await _admin(client, session)
    person = await create_user(session)
    await session.commit()
    invitation = (await _invite(client, headers, person.email)).json()
    response = await client.delete(
        f"/v1/members/invitations/{invitation['id']}", headers=other_headers
    )
    assert response.status_code == 404


async def test_editors_cannot_invite_or_see_invitations(client, session):
    workspace, _, _ = await _admin(client, session)
    editor = await create_member(session, workspace, "editor")
    await session.commit()
    editors = await auth_headers(client, editor, workspace)
    assert (await _invite(client, editors, "x.person@example.com")).status_code == 403
    assert (await client.get("/v1/members/invitations", headers=editors)).status_code == 403


async def test_admins_never_see_a_members_sign_in_history(client, session):
    workspace, _, headers = await _admin(client, session)
    person = await create_user(session)
    await session.commit()
    # Before joining: a failed and a successful sign-in.
    await client.post(
        "/v1/auth/login", json={"email": person.email, "password": "not-the-password"}
    )
    theirs = await auth_headers(client, person)
    invitation = (await _invite(client, headers, person.email)).json()
    await client.post(f"/v1/invitations/{invitation['id']}/accept", headers=theirs)
    # After joining: another sign-in and a logout.
    after = await auth_headers(client, person, workspace)
    await client.post("/v1/auth/logout", headers=after)

    seen = (await client.get("/v1/ledger?limit=200", headers=headers)).json()["items"]
    assert not [e for e in seen if e["type"].startswith("auth.")]
    assert not [e for e in seen if "client_address" in e["payload"] or "session_id" in e["payload"]]
    by_user = (await client.get(f"/v1/ledger?user_id={person.id}", headers=headers)).json()["items"]
    assert {e["type"] for e in by_user} <= {"invitation.accepted", "member.added"}

    own = (await client.get("/v1/auth/me/security-events", headers=theirs)).json()["items"]
    types = [e["type"] for e in own]
    assert types[:1] == ["auth.logged_out"]
    assert {"auth.login_failed", "auth.login_succeeded"} <= set(types)
    assert all(e["user_id"] == str(person.id) for e in own)
    admins_own = (await client.get("/v1/auth/me/security-events", headers=headers)).json()["items"]
    assert all(e["user_id"] != str(person.id) for e in admins_own)


async def test_security_events_page_with_a_cursor(client, session):
    person = await create_user(session)
    await session.commit()
    for _ in range(3):
        headers = await auth_headers(client, person)
    first = (await client.get("/v1/auth/me/security-events?limit=2", headers=headers)).json()
    assert len(first["items"]) == 2
    rest = await client.get(
        f"/v1/auth/me/security-events?limit=2&cursor={first['next_cursor']}", headers=headers
    )
    assert [e["type"] for e in rest.json()["items"]] == ["auth.login_succeeded"]


async def test_the_chain_still_verifies_with_personal_events(client, session):
    _, _, headers = await _admin(client, session)
    await client.post(
        "/v1/auth/login", json={"email": "ghost@example.com", "password": "whatever-x"}
    )
    report = (await client.get("/v1/ledger/verify", headers=headers)).json()
    assert report["intact"] is True


async def test_the_invitations_path_is_not_taken_for_a_member_id(client, session):
    # /members/{user_id} used to match "invitations" too, so PATCH answered 422 instead of 405.
    workspace = await create_workspace(session)
    admin = await create_member(session, workspace, "admin")
    await session.commit()
    headers = await auth_headers(client, admin, workspace)
    for method in ("PATCH", "POST"):
        response = await client.request(method, "/v1/members/invitations", headers=headers, json={})
        assert response.status_code == 405, (method, response.text)
        assert response.json()["error"] == "method_not_allowed"
        assert set(response.headers["allow"].split(", ")) == {"GET"}
