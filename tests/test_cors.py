"""Only the dashboard's origin may make credentialed (cookie) requests across origins."""

from __future__ import annotations

import httpx

from backend.app import create_app


async def _preflight(client: httpx.AsyncClient, origin: str) -> httpx.Headers:
    response = await client.options(
        "/v1/auth/me",
        headers={"Origin": origin, "Access-Control-Request-Method": "PATCH"},
    )
    return response.headers


async def test_credentials_only_for_the_dashboard(settings, session_factory):
    configured = settings.model_copy(
        update={
            "dashboard_origin": "https://dash.example",
            "cors_origins": ["https://partner.example", "https://dash.example"],
        }
    )
    app = create_app(configured, session_factory)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        dashboard = await _preflight(client, "https://dash.example")
        assert dashboard["access-control-allow-origin"] == "https://dash.example"
        assert dashboard["access-control-allow-credentials"] == "true"
        partner = await _preflight(client, "https://partner.example")
        assert partner["access-control-allow-origin"] == "https://partner.example"
        assert "access-control-allow-credentials" not in partner
        stranger = await _preflight(client, "https://evil.example")
        assert "access-control-allow-origin" not in stranger
        simple = await client.get("/debug/health", headers={"Origin": "https://dash.example"})
        assert simple.headers["access-control-allow-credentials"] == "true"
