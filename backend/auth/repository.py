from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    bindparam,
    delete,
    exists,
    func,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import Instance, LoginFailure, RefreshToken, User
from backend.models.instance import SINGLETON_ID


async def get_user(session: AsyncSession, user_id: uuid.UUID) -> User | None:
    return await session.get(User, user_id)


async def get_user_by_email(session: AsyncSession, email: str) -> User | None:
    result = await session.execute(select(User).where(User.email == email.lower()))
    return result.scalar_one_or_none()


async def add(session: AsyncSession, *rows: object) -> None:
    session.add_all(rows)
    await session.flush()


async def instance_exists(session: AsyncSession) -> bool:
    return bool(await session.scalar(select(exists().where(Instance.id == SINGLETON_ID))))


async def claim_instance(session: AsyncSession, first_admin_id: uuid.UUID) -> bool:
    """Insert the singleton row; False when another registration got there first."""
    try:
        async with session.begin_nested():
            session.add(Instance(id=SINGLETON_ID, first_admin_id=first_admin_id))
    except IntegrityError:
        return False
    return True


async def failures_since(
    session: AsyncSession,
    *,
    account: str | None = None,
    address: str | None = None,
    since: datetime,
) -> Sequence[datetime]:
    statement = select(LoginFailure.failed_at).where(LoginFailure.failed_at >= since)
    if account is not None:
        statement = statement.where(LoginFailure.account == account)
    if address is not None:
        statement = statement.where(LoginFailure.client_address == address)
    result = await session.execute(statement.order_by(LoginFailure.failed_at))
    return result.scalars().all()


async def failed_accounts_since(
    session: AsyncSession, *, address: str, since: datetime
) -> Sequence[datetime]:
    """One time per account failed from ``address``: its latest failure, oldest first."""
    latest = func.max(LoginFailure.failed_at)
    statement = (
        select(latest)
        .where(LoginFailure.client_address == address, LoginFailure.failed_at >= since)
        .group_by(LoginFailure.account)
        .order_by(latest)
    )
    return (await session.execute(statement)).scalars().all()


async def clear_failures(session: AsyncSession, account: str, address: str) -> None:
    """A success from one address forgives that address only, not a guesser elsewhere."""
    await session.execute(
        delete(LoginFailure).where(
            LoginFailure.account == account, LoginFailure.client_address == address
        )
    )


async def prune_failures(session: AsyncSession, before: datetime) -> int:
    result = await session.execute(delete(LoginFailure).where(LoginFailure.failed_at < before))
    return int(getattr(result, "rowcount", 0) or 0)


async def get_refresh_token(session: AsyncSession, token_hash: str) -> RefreshToken | None:
    # FOR UPDATE (PostgreSQL) makes two simultaneous refreshes with one token run one after the
    # other, so the second sees the first's rotation and is treated as reuse.
    result = await session.execute(
        select(RefreshToken).where(RefreshToken.token_hash == token_hash).with_for_update()
    )
    return result.scalar_one_or_none()


async def revoke_family(session: AsyncSession, family_id: uuid.UUID, now: datetime) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


async def revoke_all_for_user(session: AsyncSession, user_id: uuid.UUID, now: datetime) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


async def revoke_other_sessions(
    session: AsyncSession, user_id: uuid.UUID, keep_family: uuid.UUID, now: datetime
) -> None:
    await session.execute(
        update(RefreshToken)
        .where(
            RefreshToken.user_id == user_id,
            RefreshToken.family_id != keep_family,
            RefreshToken.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )


async def trim_sessions(session: AsyncSession, user_id: uuid.UUID, now: datetime, keep: int) -> int:
    """Delete all but the user's ``keep`` newest live sessions; returns how many went."""
    newest = func.max(RefreshToken.created_at)
    live = await session.execute(
        select(RefreshToken.family_id)
        .where(
            RefreshToken.user_id == user_id,
            RefreshToken.revoked_at.is_(None),
            RefreshToken.expires_at > now,
        )
        .group_by(RefreshToken.family_id)
        .order_by(newest.desc())
    )
    evicted = list(live.scalars().all())[keep:]
    if evicted:
        await session.execute(delete(RefreshToken).where(RefreshToken.family_id.in_(evicted)))
    return len(evicted)


def live_session(family_id: Any, user_id: Any, now: Any) -> ColumnElement[bool]:
    """The family has a spendable token, and it belongs to ``user_id``: a session id stands only
    for the user it was issued to."""
    return exists().where(
        RefreshToken.family_id == family_id,
        RefreshToken.user_id == user_id,
        RefreshToken.revoked_at.is_(None),
        RefreshToken.used_at.is_(None),
        RefreshToken.expires_at > now,
    )


async def session_is_live(
    session: AsyncSession, family_id: uuid.UUID, user_id: uuid.UUID, now: datetime
) -> bool:
    return bool(await session.scalar(select(live_session(family_id, user_id, now))))


async def live_user(
    session: AsyncSession, user_id: uuid.UUID, family_id: uuid.UUID, now: datetime
) -> User | None:
    """The active user ``user_id`` if session ``family_id`` of theirs is live, in one query."""
    parameters = {"user_id": user_id, "family_id": family_id, "now": now}
    return (await session.execute(_live_user_statement(), parameters)).scalar_one_or_none()


@cache
def _live_user_statement() -> Select[User]:
    # Built once: every signed-in request runs it (docs/performance.md).
    user_id: BindParameter[Any] = bindparam("user_id")
    return select(User).where(
        User.id == user_id,
        User.is_active.is_(True),
        live_session(bindparam("family_id"), user_id, bindparam("now")),
    )


async def prune_refresh_tokens(session: AsyncSession, before: datetime) -> int:
    result = await session.execute(delete(RefreshToken).where(RefreshToken.expires_at < before))
    return int(getattr(result, "rowcount", 0) or 0)
