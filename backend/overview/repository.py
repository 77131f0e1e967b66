from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from backend.models import Asset, Clip, Job, Publication


async def _by_state(
    session: AsyncSession,
    workspace_column: InstrumentedAttribute[uuid.UUID],
    state_column: InstrumentedAttribute[Any],
    workspace_id: uuid.UUID,
    *where: Any,
) -> dict[str, int]:
    """One GROUP BY: each state that has rows, with how many."""
    result = await session.execute(
        select(state_column, func.count())
        .where(workspace_column == workspace_id, *where)
        .group_by(state_column)
    )
    return {str(state): int(count) for state, count in result.all()}


async def jobs_by_state(session: AsyncSession, workspace_id: uuid.UUID) -> dict[str, int]:
    return await _by_state(session, Job.workspace_id, Job.state, workspace_id)


async def assets_by_state(session: AsyncSession, workspace_id: uuid.UUID) -> dict[str, int]:
    return await _by_state(session, Asset.workspace_id, Asset.state, workspace_id)


async def clips_by_status(session: AsyncSession, workspace_id: uuid.UUID) -> dict[str, int]:
    # Versions replaced by an edit are the same clip: counted once, as its latest.
    return await _by_state(
        session, Clip.workspace_id, Clip.status, workspace_id, Clip.latest.is_(True)
    )


async def publications_by_state(session: AsyncSession, workspace_id: uuid.UUID) -> dict[str, int]:
    return await _by_state(session, Publication.workspace_id, Publication.state, workspace_id)
