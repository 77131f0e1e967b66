"""The telemetry collection beat runs every ``telemetry_interval_seconds``: snapshots, then the
alert rules on them, in one transaction (the alerts' events and notices leave on its commit).

The task layer puts the two together: alerts read snapshots, so telemetry cannot call them
without an import cycle."""

from __future__ import annotations

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.alerts import service as alerts
from backend.config import get_settings
from backend.telemetry import service as telemetry
from workers.tasks.base import task

log = structlog.get_logger(__name__)


@task("telemetry.collect")
async def collect(session: AsyncSession) -> dict[str, int]:
    """Snapshots of the instance and of every workspace, the alerts they open, update and
    resolve, all in this task's one transaction; then snapshots past the retention go."""
    settings = get_settings()
    collection = await telemetry.collect_and_store(session, settings)
    opened = resolved = 0
    for snapshot in (collection.instance, *collection.workspaces.values()):
        evaluation = await alerts.evaluate(session, snapshot, settings)
        opened += len(evaluation.opened)
        resolved += len(evaluation.resolved)
    pruned = await telemetry.prune(session, settings)
    log.debug(
        "telemetry.collected",
        workspaces=len(collection.workspaces),
        alerts_opened=opened,
        alerts_resolved=resolved,
        pruned=pruned,
    )
    return {
        "workspaces": len(collection.workspaces),
        "alerts_opened": opened,
        "alerts_resolved": resolved,
        "pruned": pruned,
    }
