from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import OAuthState, PlatformAccount
from backend.pagination import Key, Slice, Window, keyset


async def add(session: AsyncSession, account: PlatformAccount) -> PlatformAccount:
    session.add(account)
    await session.flush()
    return account


async def get(session: AsyncSession, account_id: uuid.UUID) -> PlatformAccount | None:
    return await session.get(PlatformAccount, account_id)


async def lock(session: AsyncSession, account: PlatformAccount) -> None:
    """Lock the row until the transaction ends and read it again (``FOR UPDATE`` on PostgreSQL;
    on SQLite every transaction already holds the write lock), so the caller sees the tokens a
    concurrent writer committed while it waited."""
    await session.execute(
        select(PlatformAccount)
        .where(PlatformAccount.id == account.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


async def get_in_workspace(
    session: AsyncSession, workspace_id: uuid.UUID, account_id: uuid.UUID
) -> PlatformAccount | None:
    account = await session.get(PlatformAccount, account_id)
    return account if account is not None and account.workspace_id == workspace_id else None


async def page_in_workspace(
    session: AsyncSession, workspace_id: uuid.UUID, window: Window
) -> Slice[PlatformAccount]:
    statement = select(PlatformAccount).where(PlatformAccount.workspace_id == workspace_id)
    keys = (
        Key(PlatformAccount.created_at, descending=False),
        Key(PlatformAccount.id, descending=False),
    )
    return await keyset(session, statement, keys, window, count=True)


async def find_by_remote(
    session: AsyncSession, platform: str, remote_id: str
) -> list[PlatformAccount]:
    """The same platform account may be connected in several workspaces."""
    result = await session.scalars(
        select(PlatformAccount).where(
            PlatformAccount.platform == platform, PlatformAccount.remote_id == remote_id
        )
    )
    return list(result)


async def find_in_workspace_by_remote(
    session: AsyncSession, workspace_id: uuid.UUID, platform: str, remote_id: str
) -> PlatformAccount | None:
    result = await session.scalars(
        select(PlatformAccount).where(
            PlatformAccount.workspace_id == workspace_id,
            PlatformAccount.platform == platform,
            PlatformAccount.remote_id == remote_id,
        )
    )
    return result.first()


async def due_for_refresh(
    session: AsyncSession, before: datetime, limit: int = 100
) -> list[PlatformAccount]:
    result = await session.scalars(
        select(PlatformAccount)
        .where(
            PlatformAccount.status == "connected",
            PlatformAccount.access_expires_at.is_not(None),
            PlatformAccount.access_expires_at < before,
        )
        .order_by(PlatformAccount.access_expires_at)
        .limit(limit)
    )
    return list(result)


async def connected(session: AsyncSession, platform: str) -> list[PlatformAccount]:
    result = await session.scalars(
        select(PlatformAccount).where(
            PlatformAccount.platform == platform, PlatformAccount.status == "connected"
        )
    )
    return list(result)


async def all_encrypted(session: AsyncSession) -> list[PlatformAccount]:
    return list(await session.scalars(select(PlatformAccount)))


async def add_state(session: AsyncSession, state: OAuthState) -> OAuthState:
    session.add(state)
    await session.flush()
    return state


async def get_state(session: AsyncSession, state_hash: str) -> OAuthState | None:
    result = await session.scalars(select(OAuthState).where(OAuthState.state_hash == state_hash))
    return result.first()


async def trim_states(
    session: AsyncSession, user_id: uuid.UUID, now: datetime, keep_open: int
) -> None:
    """Forget a user's finished connect flows, and all but the newest ``keep_open`` open ones."""
    await session.execute(
        delete(OAuthState).where(
            OAuthState.user_id == user_id,
            or_(OAuthState.used_at.is_not(None), OAuthState.expires_at <= now),
        )
    )
    newest = (
        select(OAuthState.id)
        .where(OAuthState.user_id == user_id)
        .order_by(OAuthState.created_at.desc(), OAuthState.id)
        .limit(keep_open)
    )
    await session.execute(
        delete(OAuthState).where(OAuthState.user_id == user_id, OAuthState.id.not_in(newest))
    )
