from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import Workspace


async def workspace(session: AsyncSession, workspace_id: uuid.UUID) -> Workspace | None:
    return await session.get(Workspace, workspace_id)
