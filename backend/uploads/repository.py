from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import Upload

_LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL: FOR UPDATE NOWAIT found the row locked


class UploadLocked(Exception):
    """Another transaction holds the upload row (a concurrent PATCH)."""


async def add(session: AsyncSession, upload: Upload) -> Upload:
    session.add(upload)
    await session.flush()
    return upload


async def get_in_workspace(
    session: AsyncSession, workspace_id: uuid.UUID, upload_id: uuid.UUID
) -> Upload | None:
    result = await session.execute(
        select(Upload).where(Upload.id == upload_id, Upload.workspace_id == workspace_id)
    )
    return result.scalar_one_or_none()


async def lock_in_workspace(
    session: AsyncSession, workspace_id: uuid.UUID, upload_id: uuid.UUID
) -> Upload | None:
    """The upload row, locked until commit so two writers never append at once.

    PostgreSQL refuses at once instead of waiting (NOWAIT); SQLite has no row locks, and its
    write lock, taken when the transaction begins, already serialises writers.
    """
    statement = (
        select(Upload)
        .where(Upload.id == upload_id, Upload.workspace_id == workspace_id)
        .with_for_update(nowait=True)
        .execution_options(populate_existing=True)
    )
    try:
        result = await session.execute(statement)
    except DBAPIError as error:
        if _sqlstate(error) == _LOCK_NOT_AVAILABLE:
            raise UploadLocked() from None
        raise
    return result.scalar_one_or_none()


def _sqlstate(error: DBAPIError) -> str | None:
    original = error.orig
    code = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    return str(code) if code else None


async def delete(session: AsyncSession, upload: Upload) -> None:
    await session.delete(upload)
    await session.flush()


async def expired(session: AsyncSession, now: datetime, limit: int = 500) -> Sequence[Upload]:
    """Unfinished uploads past their expiry, oldest first."""
    result = await session.execute(
        select(Upload)
        .where(Upload.state == "receiving", Upload.expires_at <= now)
        .order_by(Upload.expires_at)
        .limit(limit)
    )
    return result.scalars().all()
