"""A workspace ready for campaigns: an editor, an admin and a viewer signed in, one connected
account per platform, and clips from two tagged videos with per-platform scores."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from backend.models import Asset, Clip
from tests.broker import drain
from tests.factories import (
    auth_headers,
    create_clip,
    create_member,
    create_platform_account,
    create_workspace,
)

PLATFORMS = ("instagram", "tiktok", "youtube")


def tomorrow() -> date:
    return datetime.now(UTC).date() + timedelta(days=1)


def every_day(*times: str) -> list[dict[str, Any]]:
    return [{"weekday": day, "time": time} for day in range(7) for time in times]


@pytest.fixture
async def team(client, session) -> SimpleNamespace:
    workspace = await create_workspace(session)
    users = {
        role: await create_member(session, workspace, role)
        for role in ("editor", "admin", "viewer")
    }
    accounts = {
        platform: await create_platform_account(
            session, workspace, platform, username=f"brand_{platform}"
        )
        for platform in PLATFORMS
    }
    first = await create_clip(session, workspace, transcript="Growth is a habit. Here is how.")
    asset = await session.get(Asset, first.asset_id)
    assert asset is not None
    asset.tags = ["launch"]
    clips = [first]
    for i in range(5):
        clips.append(
            Clip(
                id=uuid.uuid4(),
                workspace_id=workspace.id,
                asset_id=first.asset_id,
                start_seconds=0.0,
                end_seconds=30.0 + i,
                rank=i + 2,
                score=0.5,
                scores={p: round(0.9 - i * 0.1, 2) for p in PLATFORMS},
                transcript=f"Clip number {i}. More words.",
            )
        )
    session.add_all(clips[1:])
    await session.commit()
    drain("publish")
    headers = {role: await auth_headers(client, user, workspace) for role, user in users.items()}
    return SimpleNamespace(workspace=workspace, accounts=accounts, clips=clips, **headers)


def campaign_body(team: SimpleNamespace, *platforms: str, **extra: Any) -> dict[str, Any]:
    starts = tomorrow()
    return {
        "name": "Spring launch",
        "time_zone": "Europe/Madrid",
        "starts_on": starts.isoformat(),
        "ends_on": (starts + timedelta(days=1)).isoformat(),
        "targets": [
            {"account_id": str(team.accounts[p].id), "slots": every_day("10:00", "18:00")}
            for p in platforms or ("instagram",)
        ],
        **extra,
    }
