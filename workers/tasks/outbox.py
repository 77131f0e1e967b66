"""The one re-sender of lost, failed and due messages, for every kind (``backend/outbox``)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import get_settings
from backend.outbox import service
from workers.tasks.base import task


@task("outbox.redispatch")
async def redispatch(session: AsyncSession) -> dict[str, int]:
    return await service.redispatch(session, get_settings())
