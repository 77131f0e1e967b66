"""One person may create only so many workspaces (STAKAZO_MAX_WORKSPACES_PER_USER)."""

from __future__ import annotations

from tests.factories import auth_headers, create_user


async def test_workspace_creation_stops_at_the_limit(client, session, settings):
    client._transport.app.state.settings = settings.model_copy(  # type: ignore[attr-defined]
        update={"max_workspaces_per_user": 3}
    )
    user = await create_user(session)
    await session.commit()
    headers = await auth_headers(client, user)
    for n in range(3):
        created = await client.post("/v1/workspaces", headers=headers, json={"name": f"Brand {n}"})
        assert created.status_code == 201, created.text
    refused = await client.post("/v1/workspaces", headers=headers, json={"name": "One too many"})
    assert refused.status_code == 403
    assert refused.json()["error"] == "workspace_limit_reached"
    assert "3 workspaces" in refused.json()["detail"]
    assert len((await client.get("/v1/workspaces", headers=headers)).json()["items"]) == 3
    # Someone else is not affected by this user's count.
    other = await create_user(session)
    await session.commit()
    other_headers = await auth_headers(client, other)
    fine = await client.post("/v1/workspaces", headers=other_headers, json={"name": "Mine"})
    assert fine.status_code == 201
