from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.outbox.registry import Kind


async def counts(session: AsyncSession, kind: Kind, workspace_id: uuid.UUID) -> dict[str, int]:
    model = kind.model
    live = and_(kind.open, model.dead_at.is_(None))
    state = case(
        (model.dead_at.is_not(None), "dead"),
        (and_(live, kind.failing), "retrying"),
        (live, "waiting"),
        else_="done",
    )
    result = await session.execute(
        select(state, func.count()).where(kind.in_workspace(workspace_id)).group_by(state)
    )
    found = {name: int(count) for name, count in result.all()}
    return {name: found.get(name, 0) for name in ("waiting", "retrying", "dead")}


async def dead(session: AsyncSession, kind: Kind, workspace_id: uuid.UUID, limit: int) -> list[Any]:
    model = kind.model
    result = await session.scalars(
        select(model)
        .where(model.dead_at.is_not(None), kind.in_workspace(workspace_id))
        .order_by(model.dead_at.desc())
        .limit(limit)
    )
    return list(result)


async def get_dead(
    session: AsyncSession, kind: Kind, workspace_id: uuid.UUID, item_id: uuid.UUID
) -> Any | None:
    model = kind.model
    result = await session.scalars(
        select(model)
        .where(model.id == item_id, model.dead_at.is_not(None), kind.in_workspace(workspace_id))
        .with_for_update()
    )
    return result.first()
