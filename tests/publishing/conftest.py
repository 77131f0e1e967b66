"""The publishing engine against the sandbox over real HTTP: an API on the test's transaction
whose settings point at the sandbox, accounts connected through the real consent pages, a clip
with ready variants, and a way to run the engine on a publication."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.app import create_app
from backend.models import Publication
from tests.factories import POST_CHOICES, auth_headers, create_member, create_workspace
from tests.platforms.conftest import Sandbox, sandbox  # noqa: F401 - the fixture, shared
from tests.publishing.support import (
    approve_consent,
    clip_with_variants,
    make_compliant_video,
    path_and_query,
)
from workers.publishing.engine import Outcome, run_publication


@pytest.fixture(scope="session")
def compliant_video(scratch_dir: Path) -> Path:
    return make_compliant_video(scratch_dir / "publishing" / "compliant.mp4")


@dataclass
class World:
    api: httpx.AsyncClient
    headers: dict[str, str]
    sandbox: Sandbox
    session: AsyncSession
    sessions: async_sessionmaker[AsyncSession]
    clip_id: str

    async def connect(self, platform: str, username: str) -> dict[str, Any]:
        started = await self.api.post(
            f"/v1/accounts/connect/{platform}", json={}, headers=self.headers
        )
        assert started.status_code == 200, started.text
        location = await anyio.to_thread.run_sync(
            approve_consent, started.json()["authorize_url"], username
        )
        done = await self.api.get(path_and_query(location), headers={"Accept": "application/json"})
        assert done.status_code == 200, done.text
        account: dict[str, Any] = done.json()["account"]
        return account

    async def approve(self, account: dict[str, Any], caption: str, **extra: Any) -> str:
        platform = account["platform"]
        chosen = {platform: POST_CHOICES[platform]} if platform in POST_CHOICES else {}
        if extra.get("mode") == "draft":
            chosen = {}
        body = {"create": {"clip_id": self.clip_id, "account_ids": [account["id"]],
                           "caption": caption, **chosen, **extra}}  # fmt: skip
        confirmed = await self.api.post("/v1/confirm_publish", json=body, headers=self.headers)
        assert confirmed.status_code == 200, confirmed.text
        publication_id: str = confirmed.json()["items"][0]["id"]
        return publication_id

    async def run(self, publication_id: str, **settings_changes: Any) -> Outcome:
        """One engine run, as a worker would do it (its retries are separate runs)."""
        import uuid

        settings = self.sandbox.settings.model_copy(update=settings_changes)
        return await run_publication(self.sessions, settings, uuid.UUID(publication_id))

    async def run_until_final(self, publication_id: str, runs: int = 10) -> list[Outcome]:
        """Run again whenever the engine asked to, like the broker would (without waiting
        out its backoff: the wait is the broker's business, the decision is the engine's)."""
        outcomes: list[Outcome] = []
        for _ in range(runs):
            await self.due_now(publication_id)
            outcome = await self.run(publication_id)
            outcomes.append(outcome)
            if outcome in ("published", "failed", "deferred"):
                break
        return outcomes

    async def due_now(self, publication_id: str) -> None:
        import uuid

        publication = await self.session.get(
            Publication, uuid.UUID(publication_id), populate_existing=True
        )
        assert publication is not None
        publication.next_attempt_at = None
        await self.session.commit()

    async def publication(self, publication_id: str) -> dict[str, Any]:
        response = await self.api.get(f"/v1/publications/{publication_id}", headers=self.headers)
        result: dict[str, Any] = response.json()
        return result

    async def trail(self, publication_id: str) -> list[str]:
        response = await self.api.get(
            f"/v1/ledger?publication_id={publication_id}&limit=200", headers=self.headers
        )
        return [event["type"] for event in reversed(response.json()["items"])]

    def posts(self, platform: str, caption: str) -> list[dict[str, Any]]:
        stats = self.sandbox.stats()
        return [p for p in stats[platform]["posts"] if p["caption"] == caption]  # type: ignore[index]


@pytest.fixture
async def world(
    sandbox: Sandbox,  # noqa: F811 - the fixture imported above
    session: AsyncSession,
    session_factory: async_sessionmaker[AsyncSession],
    compliant_video: Path,
) -> AsyncIterator[World]:
    app = create_app(sandbox.settings, session_factory=session_factory)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as api:
        workspace = await create_workspace(session)
        admin = await create_member(session, workspace, "admin")
        clip, _ = await clip_with_variants(session, sandbox.settings, workspace, compliant_video)
        await session.commit()
        headers = await auth_headers(api, admin, workspace)
        yield World(api, headers, sandbox, session, session_factory, str(clip.id))
