"""Small factories: real rows through the real services, with overridable fields."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth import passwords
from backend.config import get_settings
from backend.iam import repository as iam_repository
from backend.models import Membership, User, Workspace

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
    response = await client.post("/auth/login", json={"email": email, "password": password})
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
