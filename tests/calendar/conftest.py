"""A workspace with two admins, an editor and a viewer, signed in, and a TikTok account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import Campaign, CampaignPost, Clip, PlatformAccount, Publication, Workspace
from tests.factories import (
    auth_headers,
    create_clip,
    create_member,
    create_platform_account,
    create_publication,
    create_workspace,
)


@dataclass
class Team:
    client: httpx.AsyncClient
    session: AsyncSession
    workspace: Workspace
    account: PlatformAccount
    clip: Clip
    headers: dict[str, dict[str, str]]  # by role: admin, second_admin, editor, viewer

    async def publication(self, **fields: Any) -> Publication:
        account = fields.pop("account", self.account)
        publication = await create_publication(self.session, account, self.clip, **fields)
        await self.session.commit()
        return publication

    async def campaign_post(
        self, publication: Publication, campaign: Campaign | None = None
    ) -> CampaignPost:
        if campaign is None:
            today = datetime.now(UTC).date()
            campaign = Campaign(
                workspace_id=self.workspace.id,
                name="Launch week",
                starts_on=today,
                ends_on=today + timedelta(days=30),
            )
            self.session.add(campaign)
            await self.session.flush()
        assert publication.publish_at is not None
        post = CampaignPost(
            campaign_id=campaign.id,
            workspace_id=self.workspace.id,
            account_id=publication.account_id,
            clip_id=publication.clip_id,
            publication_id=publication.id,
            slot_at=publication.publish_at,
            state="scheduled",
        )
        self.session.add(post)
        await self.session.commit()
        return post

    async def ledger(self, publication_id: object) -> list[dict[str, Any]]:
        response = await self.client.get(
            f"/v1/ledger?publication_id={publication_id}&limit=200", headers=self.headers["admin"]
        )
        assert response.status_code == 200, response.text
        return list(reversed(response.json()["items"]))


@pytest.fixture
async def team(client: httpx.AsyncClient, session: AsyncSession) -> Team:
    workspace = await create_workspace(session)
    users = {
        "admin": await create_member(session, workspace, "admin", name="Ana"),
        "second_admin": await create_member(session, workspace, "admin", name="Bo"),
        "editor": await create_member(session, workspace, "editor"),
        "viewer": await create_member(session, workspace, "viewer"),
    }
    account = await create_platform_account(
        session, workspace, "tiktok", username="brand", display_name="Brand TV"
    )
    clip = await create_clip(session, workspace)
    await session.commit()
    headers = {role: await auth_headers(client, user, workspace) for role, user in users.items()}
    return Team(client, session, workspace, account, clip, headers)


def later(hours: float = 24) -> datetime:
    return (datetime.now(UTC) + timedelta(hours=hours)).replace(microsecond=0)
