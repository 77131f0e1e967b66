"""GET /v1/alerts (filters, pages), GET /v1/alerts/{id}, acknowledge and silence: who may, what
each workspace sees (its own alerts and the instance's), and what is refused."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import quote

from backend.alerts import service
from backend.telemetry.schemas import LedgerHealth
from core.clock import utcnow
from tests.alerts.snapshots import quiet, worker
from tests.factories import auth_headers, create_member, create_workspace

BROKEN = {"ledger": LedgerHealth(verified=False, detail="event 3 is missing")}


async def _world(client, session, settings):
    mine, theirs = await create_workspace(session), await create_workspace(session)
    admin = await create_member(session, mine, "admin")
    viewer = await create_member(session, mine, "viewer")
    their_admin = await create_member(session, theirs, "admin")
    missing = quiet(None, workers=[worker("render@box", "missing")])
    [instance] = (await service.evaluate(session, missing, settings, history=[])).opened
    [own] = (await service.evaluate(session, quiet(mine.id, **BROKEN), settings, history=[])).opened
    [other] = (
        await service.evaluate(session, quiet(theirs.id, **BROKEN), settings, history=[])
    ).opened
    await session.commit()
    return {
        "admin": await auth_headers(client, admin, mine),
        "viewer": await auth_headers(client, viewer, mine),
        "their_admin": await auth_headers(client, their_admin, theirs),
        "admin_id": admin.id,
        "instance": instance,
        "own": own,
        "other": other,
    }


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


async def test_members_see_their_workspace_alerts_and_the_instance_ones(client, session, settings):
    w = await _world(client, session, settings)
    listed = await client.get("/v1/alerts?include_total=true", headers=w["viewer"])
    assert set(_ids(listed)) == {str(w["instance"].id), str(w["own"].id)}
    assert listed.json()["total"] == 2
    theirs = await client.get("/v1/alerts", headers=w["their_admin"])
    assert set(_ids(theirs)) == {str(w["instance"].id), str(w["other"].id)}

    one = await client.get(f"/v1/alerts/{w['instance'].id}", headers=w["viewer"])
    assert one.status_code == 200
    body = one.json()
    assert (body["scope"], body["workspace_id"], body["rule"], body["severity"]) == (
        "instance",
        None,
        "worker_missing",
        "critical",
    )
    assert (body["silenced"], body["acknowledged_at"], body["count"]) == (False, None, 1)
    assert "render@box" in body["message"]
    hidden = await client.get(f"/v1/alerts/{w['other'].id}", headers=w["viewer"])
    assert (hidden.status_code, hidden.json()["error"]) == (404, "alert_not_found")


async def test_only_managers_acknowledge_and_silence(client, session, settings):
    w = await _world(client, session, settings)
    alert_id = w["own"].id
    for method, path, body in (
        ("POST", "acknowledge", None),
        ("POST", "silence", {"minutes": 30}),
        ("DELETE", "silence", None),
    ):
        refused = await client.request(
            method, f"/v1/alerts/{alert_id}/{path}", json=body, headers=w["viewer"]
        )
        assert refused.status_code == 403, (path, refused.text)
        assert "telemetry:manage" in refused.json()["detail"]
    acked = await client.post(f"/v1/alerts/{alert_id}/acknowledge", headers=w["admin"])
    assert acked.status_code == 200
    assert acked.json()["acknowledged_by_id"] == str(w["admin_id"])
    first_ack = acked.json()["acknowledged_at"]
    again = await client.post(f"/v1/alerts/{alert_id}/acknowledge", headers=w["admin"])
    assert again.json()["acknowledged_at"] == first_ack
    # Another workspace cannot reach this workspace's alert at all.
    foreign = await client.post(f"/v1/alerts/{alert_id}/acknowledge", headers=w["their_admin"])
    assert foreign.status_code == 404


async def test_an_instance_alert_acknowledged_elsewhere_does_not_show_who(
    client, session, settings
):
    w = await _world(client, session, settings)
    instance_id = w["instance"].id
    acked = await client.post(f"/v1/alerts/{instance_id}/acknowledge", headers=w["admin"])
    assert acked.json()["acknowledged_by_id"] == str(w["admin_id"])
    seen = (await client.get(f"/v1/alerts/{instance_id}", headers=w["their_admin"])).json()
    assert seen["acknowledged_at"] is not None
    assert seen["acknowledged_by_id"] is None  # a member of another workspace


async def test_silence_takes_a_bounded_duration_and_can_end(client, session, settings):
    w = await _world(client, session, settings)
    path = f"/v1/alerts/{w['own'].id}/silence"
    for nonsense in ({"minutes": 0}, {"minutes": 7 * 24 * 60 + 1}, {"minutes": "soon"}, {}):
        refused = await client.post(path, json=nonsense, headers=w["admin"])
        assert refused.status_code == 422, nonsense
    silenced = await client.post(path, json={"minutes": 90}, headers=w["admin"])
    assert silenced.status_code == 200
    body = silenced.json()
    assert body["silenced"] is True
    until = datetime.fromisoformat(body["silenced_until"])
    assert until > utcnow() + timedelta(minutes=89)
    # Still updated while silenced.
    await service.evaluate(session, quiet(w["own"].workspace_id, **BROKEN), settings, history=[])
    await session.commit()
    seen = (await client.get(f"/v1/alerts/{w['own'].id}", headers=w["viewer"])).json()
    assert (seen["count"], seen["silenced"]) == (2, True)
    ended = await client.delete(path, headers=w["admin"])
    assert (ended.json()["silenced"], ended.json()["silenced_until"]) == (False, None)


async def test_a_resolved_alert_is_not_acknowledged_or_silenced(client, session, settings):
    w = await _world(client, session, settings)
    await service.evaluate(session, quiet(w["own"].workspace_id), settings, history=[])
    await session.commit()
    for path, body in (("acknowledge", None), ("silence", {"minutes": 5})):
        refused = await client.post(
            f"/v1/alerts/{w['own'].id}/{path}", json=body, headers=w["admin"]
        )
        assert (refused.status_code, refused.json()["error"]) == (409, "alert_resolved")


async def test_listing_filters_and_pages(client, session, settings):
    w = await _world(client, session, settings)
    admin, instance, own = w["admin"], str(w["instance"].id), str(w["own"].id)
    await client.post(f"/v1/alerts/{instance}/silence", json={"minutes": 10}, headers=admin)
    await client.post(f"/v1/alerts/{own}/acknowledge", headers=admin)
    await service.evaluate(session, quiet(w["own"].workspace_id), settings, history=[])
    await session.commit()

    async def listed(query: str) -> set[str]:
        return set(_ids(await client.get(f"/v1/alerts?{query}", headers=w["viewer"])))

    assert await listed("state=open") == {instance}
    assert await listed("state=resolved") == {own}
    assert await listed("severity=critical") == {instance, own}
    assert await listed("severity=info") == set()
    assert await listed("rule=worker_missing") == {instance}
    assert await listed("silenced=true") == {instance}
    assert await listed("silenced=false") == {own}
    assert await listed("acknowledged=true") == {own}
    assert await listed("acknowledged=false") == {instance}
    later = quote((utcnow() + timedelta(minutes=5)).isoformat())
    earlier = quote((utcnow() - timedelta(hours=1)).isoformat())
    assert await listed(f"since={later}") == set()
    assert await listed(f"since={earlier}&until={later}") == {instance, own}
    assert await listed(f"until={earlier}") == set()
    refused = await client.get("/v1/alerts?severity=dreadful", headers=w["viewer"])
    assert refused.status_code == 422

    first = (await client.get("/v1/alerts?limit=1&include_total=true", headers=w["viewer"])).json()
    assert first["total"] == 2
    assert first["next_cursor"]
    cursor = quote(first["next_cursor"])
    second = (await client.get(f"/v1/alerts?limit=1&cursor={cursor}", headers=w["viewer"])).json()
    assert second["next_cursor"] is None
    assert {first["items"][0]["id"], second["items"][0]["id"]} == {instance, own}
