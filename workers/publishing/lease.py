"""Who works on a publication. A run claims it with a conditional UPDATE, proves it is alive by
moving ``heartbeat_at``, and stops the moment another run has taken over (it was presumed dead)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import or_, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import Publication
from backend.models.publication import IN_FLIGHT_STATES
from core.clock import utcnow

# A message may arrive a little before ``next_attempt_at`` (clock skew between machines).
EARLY_TOLERANCE = timedelta(seconds=2)


class LeaseLost(Exception):
    """Another run took the publication over; this one must stop without writing."""


async def claim(
    session: AsyncSession, publication_id: uuid.UUID, stale_after_seconds: int
) -> str | None:
    now = utcnow()
    lease_id = uuid.uuid4().hex
    result = await session.execute(
        update(Publication)
        .where(
            Publication.id == publication_id,
            Publication.state.in_(IN_FLIGHT_STATES),
            or_(
                Publication.heartbeat_at.is_(None),
                Publication.heartbeat_at < now - timedelta(seconds=stale_after_seconds),
            ),
            or_(
                Publication.next_attempt_at.is_(None),
                Publication.next_attempt_at <= now + EARLY_TOLERANCE,
            ),
        )
        .values(lease_id=lease_id, heartbeat_at=now)
        .execution_options(synchronize_session=False)
    )
    await session.commit()
    return lease_id if result.rowcount == 1 else None  # type: ignore[attr-defined]


async def heartbeat(session: AsyncSession, publication_id: uuid.UUID, lease_id: str) -> None:
    result = await session.execute(
        update(Publication)
        .where(Publication.id == publication_id, Publication.lease_id == lease_id)
        .values(heartbeat_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise LeaseLost(str(publication_id))


def release(publication: Publication) -> None:
    publication.lease_id, publication.heartbeat_at = None, None
