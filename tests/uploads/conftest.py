from __future__ import annotations

from collections.abc import AsyncIterator
from types import SimpleNamespace

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.config import Settings
from tests.factories import auth_headers, create_member, create_workspace
from tests.uploads.helpers import build_client


@pytest.fixture
async def client(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[httpx.AsyncClient]:
    async with build_client(settings, session_factory) as client:
        yield client


@pytest.fixture
async def editor(client, session) -> SimpleNamespace:
    """An editor of a fresh workspace, signed in: ``.workspace``, ``.user``, ``.headers``."""
    workspace = await create_workspace(session)
    user = await create_member(session, workspace, "editor")
    await session.commit()
    headers = await auth_headers(client, user, workspace)
    return SimpleNamespace(workspace=workspace, user=user, headers=headers)
