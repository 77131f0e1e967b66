"""A session belongs to one user: a token naming someone else's session is refused.

Kept apart from test_tokens.py because it needs the key (a leaked or default one) to sign: the
signature is valid, only the pairing of ``sub`` and ``sid`` is forged."""

from __future__ import annotations

from jose import jwt

from tests.factories import create_member, create_workspace, login
from tests.security.support import assert_json_error


async def test_a_validly_signed_token_pairing_one_user_with_anothers_session_is_refused(
    client, session, settings
):
    workspace = await create_workspace(session)
    admin = await create_member(session, workspace, "admin")
    intruder = await create_member(session, workspace, "viewer")
    await session.commit()
    admin_claims = jwt.get_unverified_claims((await login(client, admin.email))["access_token"])
    intruder_claims = jwt.get_unverified_claims(
        (await login(client, intruder.email))["access_token"]
    )
    ours = settings.secret_key.get_secret_value()
    headers = {"X-Workspace-Id": str(workspace.id)}

    # The intruder's live session, claimed for the admin: impersonation if sid is not tied to sub.
    as_admin = jwt.encode({**intruder_claims, "sub": admin_claims["sub"]}, ours, "HS256")
    response = await client.get(
        "/v1/auth/me", headers={**headers, "Authorization": f"Bearer {as_admin}"}
    )
    assert assert_json_error(response, 401)["error"] == "invalid_token"
    # And the other way round: the admin's session under the intruder's name.
    as_intruder = jwt.encode({**admin_claims, "sub": intruder_claims["sub"]}, ours, "HS256")
    response = await client.get(
        "/v1/members", headers={**headers, "Authorization": f"Bearer {as_intruder}"}
    )
    assert assert_json_error(response, 401)["error"] == "invalid_token"
