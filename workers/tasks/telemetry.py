"""The telemetry collection beat runs every ``telemetry_interval_seconds``."""

from __future__ import annotations

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import get_settings
from backend.telemetry import service as telemetry
from workers.tasks.base import task

log = structlog.get_logger(__name__)


@task("telemetry.collect")
async def collect(session: AsyncSession) -> dict[str, int]:
    """Snapshots of the instance and of every workspace, stored in this task's one transaction
    with what the snapshot listeners write; then snapshots past the retention are removed."""
    settings = get_settings()
    collection = await telemetry.collect_and_store(session, settings)
    pruned = await telemetry.prune(session, settings)
    log.debug("telemetry.collected", workspaces=len(collection.workspaces), pruned=pruned)
    return {"workspaces": len(collection.workspaces), "pruned": pruned}
