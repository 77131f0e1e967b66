"""Applying a received webhook event to the publications and accounts it names."""

from __future__ import annotations

import uuid

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import get_settings
from backend.webhooks import service
from workers.tasks.base import task

log = structlog.get_logger(__name__)


@task(service.APPLY_TASK)
async def apply(session: AsyncSession, delivery_id: str) -> str:
    """Idempotent: a delivery already applied is skipped, a failed one is tried again."""
    try:
        return await service.apply_delivery(session, get_settings(), uuid.UUID(delivery_id))
    except service.DeliveryMissing as error:
        log.error("webhooks.delivery_missing", error=str(error))
        return "missing"
