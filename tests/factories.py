"""Small factories: real rows through the real services, with overridable fields."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth import passwords
from backend.config import get_settings
from backend.iam import repository as iam_repository
from backend.models import (
    Asset,
    Clip,
    Membership,
    PlatformAccount,
    Publication,
    User,
    Workspace,
)
from core.clock import utcnow

DEFAULT_PASSWORD = "a-long-enough-password"


async def create_user(session: AsyncSession, **overrides: Any) -> User:
    password = overrides.pop("password", DEFAULT_PASSWORD)
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "email": f"user-{uuid.uuid4().hex[:10]}@example.com",
        "name": "Test User",
        "password_hash": await passwords.hash_password(password, get_settings().bcrypt_rounds),
    }
    fields.update(overrides)
    user = User(**fields)
    session.add(user)
    await session.flush()
    return user


async def create_workspace(session: AsyncSession, **overrides: Any) -> Workspace:
    workspace = Workspace(**{"id": uuid.uuid4(), "name": "Brand", **overrides})
    session.add(workspace)
    await session.flush()
    return workspace


async def create_membership(
    session: AsyncSession, user: User, workspace: Workspace, role: str = "editor"
) -> Membership:
    role_row = await iam_repository.get_role_by_name(session, role)
    assert role_row is not None
    membership = Membership(user_id=user.id, workspace_id=workspace.id, role_id=role_row.id)
    session.add(membership)
    await session.flush()
    return membership


async def create_member(
    session: AsyncSession, workspace: Workspace, role: str, **overrides: Any
) -> User:
    user = await create_user(session, **overrides)
    await create_membership(session, user, workspace, role)
    return user


async def login(
    client: httpx.AsyncClient, email: str, password: str = DEFAULT_PASSWORD
) -> dict[str, Any]:
    response = await client.post("/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return dict(response.json())


async def auth_headers(
    client: httpx.AsyncClient,
    user: User,
    workspace: Workspace | None = None,
    password: str = DEFAULT_PASSWORD,
) -> dict[str, str]:
    tokens = await login(client, user.email, password)
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    if workspace is not None:
        headers["X-Workspace-Id"] = str(workspace.id)
    return headers


async def create_clip(session: AsyncSession, workspace: Workspace, **overrides: Any) -> Clip:
    asset = Asset(
        id=uuid.uuid4(),
        workspace_id=workspace.id,
        display_name="talk.mp4",
        storage_key=f"assets/{uuid.uuid4().hex}/source.mp4",
        size_bytes=1000,
        sha256=uuid.uuid4().hex * 2,
        state="ready",
        duration_seconds=120.0,
    )
    session.add(asset)
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "workspace_id": workspace.id,
        "asset_id": asset.id,
        "start_seconds": 10.0,
        "end_seconds": 40.0,
        "rank": 1,
        "score": 0.8,
        "transcript": "the best part of the talk",
    }
    fields.update(overrides)
    clip = Clip(**fields)
    session.add(clip)
    await session.flush()
    return clip


async def create_platform_account(
    session: AsyncSession, workspace: Workspace, platform: str = "tiktok", **overrides: Any
) -> PlatformAccount:
    from backend.accounts.crypto import TokenCipher

    cipher = TokenCipher(get_settings())
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "workspace_id": workspace.id,
        "platform": platform,
        "remote_id": f"remote-{uuid.uuid4().hex[:12]}",
        "username": "brand",
        "sandbox": True,
        "access_token_encrypted": cipher.encrypt(overrides.pop("access_token", "access-token")),
        "refresh_token_encrypted": cipher.encrypt(overrides.pop("refresh_token", "refresh-token")),
        "access_expires_at": utcnow() + timedelta(hours=2),
    }
    fields.update(overrides)
    account = PlatformAccount(**fields)
    session.add(account)
    await session.flush()
    return account


# The user's choices a publication of each platform carries (made explicitly, as the API asks).
POST_CHOICES: dict[str, dict[str, Any]] = {
    "tiktok": {
        "privacy_level": "PUBLIC_TO_EVERYONE",
        "disable_comment": False,
        "disable_duet": False,
        "disable_stitch": False,
        "brand_content_toggle": False,
        "brand_organic_toggle": False,
        "is_aigc": False,
    },
    "youtube": {"made_for_kids": False},
}


async def create_publication(
    session: AsyncSession, account: PlatformAccount, clip: Clip | None = None, **overrides: Any
) -> Publication:
    if clip is None:
        workspace = await session.get(Workspace, account.workspace_id)
        assert workspace is not None
        clip = await create_clip(session, workspace)
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "workspace_id": account.workspace_id,
        "clip_id": clip.id,
        "account_id": account.id,
        "platform": account.platform,
        "sandbox": account.sandbox,
        "idempotency_key": uuid.uuid4().hex,
        "caption": "A clip worth watching",
        "state": "processing",
        "options": dict(POST_CHOICES.get(account.platform, {})),
    }
    fields.update(overrides)
    publication = Publication(**fields)
    session.add(publication)
    await session.flush()
    return publication
