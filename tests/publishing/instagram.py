"""Instagram accounts for engine tests: the connect flow is Instagram Login; this turns a
connected account into one connected through Facebook Login for Business, which Stakazo has no
connect flow for (the sandbox issues the token that flow ends with)."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import httpx

from backend.accounts.crypto import TokenCipher
from backend.models import PlatformAccount


async def use_facebook_login(world: Any, account: dict[str, Any]) -> None:
    sandbox = world.sandbox
    async with httpx.AsyncClient(timeout=10) as http:
        answer = await http.post(
            f"{sandbox.url}/instagram/_sandbox/facebook_login",
            json={"username": account["username"]},
        )
    answer.raise_for_status()
    token = answer.json()
    row = await world.session.get(PlatformAccount, uuid.UUID(account["id"]))
    assert row is not None
    assert row.remote_id == token["user_id"]
    row.access_token_encrypted = TokenCipher(sandbox.settings).encrypt(token["access_token"])
    row.scopes = list(token["scopes"])
    await world.session.commit()


async def fetched_by_instagram(world: Any, container_id: str | None, within: float = 10) -> None:
    """Until the sandbox holds the whole video it fetched from our signed link."""
    assert container_id is not None
    deadline = time.monotonic() + within
    while True:
        held = world.sandbox.platform_control(
            "instagram", "GET", f"/containers/{container_id}"
        ).json()
        if held["file_size"] and held["received_bytes"] == held["file_size"]:
            return
        assert time.monotonic() < deadline, f"Instagram has not fetched the video: {held}"
        await asyncio.sleep(0.05)
