"""The liveness probe is answered before routing, exactly as its route would answer."""

from __future__ import annotations

from backend.debug.service import liveness
from tests.metrics.scrape import scrape, value


async def test_the_probe_answers_like_its_route_and_is_counted(client):
    labels = {"method": "GET", "route": "/debug/health", "status": "2xx"}
    counted = "stakazo_http_requests_total"
    before = await scrape(client)
    answer = await client.get("/debug/health")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "version": liveness().version}
    assert answer.headers["content-type"] == "application/json"
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["content-security-policy"].startswith("default-src 'none'")
    after = await scrape(client)
    assert value(after, "stakazo_http_requests", counted, **labels) == (
        value(before, "stakazo_http_requests", counted, **labels) + 1
    )


async def test_anything_else_passes_through(client):
    assert (await client.post("/debug/health")).status_code == 405
    assert (await client.get("/debug/health/more")).status_code == 404
