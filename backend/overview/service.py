from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from backend.overview import repository
from backend.overview.schemas import Overview, StateCounts


def _counts(by_state: dict[str, int]) -> StateCounts:
    return StateCounts(total=sum(by_state.values()), by_state=dict(sorted(by_state.items())))


async def overview(session: AsyncSession, workspace_id: uuid.UUID) -> Overview:
    """Four small GROUP BY queries, one per resource."""
    return Overview(
        jobs=_counts(await repository.jobs_by_state(session, workspace_id)),
        assets=_counts(await repository.assets_by_state(session, workspace_id)),
        clips=_counts(await repository.clips_by_status(session, workspace_id)),
        publications=_counts(await repository.publications_by_state(session, workspace_id)),
    )
