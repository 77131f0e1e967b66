"""Periodic housekeeping run by beat."""

from __future__ import annotations

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth import service as auth
from backend.config import get_settings
from backend.uploads import service as uploads
from workers.tasks.base import task

log = structlog.get_logger(__name__)


@task("auth.prune")
async def prune(session: AsyncSession) -> dict[str, int]:
    removed = await auth.prune(session, get_settings())
    log.info("auth.pruned", **removed)
    return removed


@task("uploads.prune_expired")
async def prune_expired_uploads(session: AsyncSession) -> int:
    return await uploads.prune_expired(session, get_settings())
