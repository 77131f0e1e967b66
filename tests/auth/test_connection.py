"""authenticate_connection: one rule for HTTP requests and WebSockets."""

from __future__ import annotations

import pytest
from starlette.requests import HTTPConnection

from backend.auth.connection import authenticate_connection
from backend.errors import AppError
from tests.factories import DEFAULT_PASSWORD, create_user, login


def _websocket(headers: dict[str, str]) -> HTTPConnection:
    return HTTPConnection(
        {
            "type": "websocket",
            "path": "/v1/events",
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
            "query_string": b"",
        }
    )


async def test_a_websocket_with_the_session_cookie_must_come_from_the_dashboard(
    client, session, settings
):
    user = await create_user(session)
    await session.commit()
    signed_in = await client.post(
        "/v1/auth/session", json={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    cookie = f"stakazo_access={signed_in.cookies['stakazo_access']}"
    for origin in (None, "https://evil.example"):
        headers = {"Cookie": cookie, **({"Origin": origin} if origin else {})}
        with pytest.raises(AppError) as refused:
            await authenticate_connection(_websocket(headers), session, settings)
        assert refused.value.code == "origin_not_allowed"
    dashboard = {"Cookie": cookie, "Origin": settings.effective_dashboard_origin}
    principal = await authenticate_connection(_websocket(dashboard), session, settings)
    assert principal.user.id == user.id


async def test_a_websocket_with_a_bearer_token_needs_no_origin(client, session, settings):
    user = await create_user(session)
    await session.commit()
    token = (await login(client, user.email))["access_token"]
    connection = _websocket({"Authorization": f"Bearer {token}"})
    assert (await authenticate_connection(connection, session, settings)).user.id == user.id
    with pytest.raises(AppError) as missing:
        await authenticate_connection(_websocket({}), session, settings)
    assert missing.value.status_code == 401
