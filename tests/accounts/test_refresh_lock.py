"""Two refreshes of the same TikTok account at once (a worker and beat, say) must not log it out:
TikTok retires a refresh token once used, so the second must wait for the first and reuse its
tokens instead of sending the retired one. Real concurrency: two engines, committed rows."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from backend.accounts import service
from backend.accounts.crypto import TokenCipher
from backend.db import create_engine, create_session_factory
from backend.models import LedgerEvent, PlatformAccount
from tests.factories import create_platform_account, create_workspace
from tests.platforms.conftest import Sandbox, sandbox  # noqa: F401 - the fixture, shared
from tests.platforms.tiktok_helpers import connect


async def test_two_concurrent_refreshes_make_one_call_and_keep_the_account(
    scratch_database_url,
    sandbox: Sandbox,  # noqa: F811 - the fixture imported above
):
    settings = sandbox.settings
    grant = await connect(sandbox, "lock_creator")
    cipher = TokenCipher(settings)
    engines = [create_engine(scratch_database_url, settings) for _ in range(2)]
    factories = [create_session_factory(engine) for engine in engines]
    try:
        async with factories[0]() as session:
            workspace = await create_workspace(session)
            account = await create_platform_account(
                session,
                workspace,
                "tiktok",
                access_token_encrypted=cipher.encrypt(grant.access_token),
                refresh_token_encrypted=cipher.encrypt(grant.refresh_token or ""),
            )
            await session.commit()
        sessions = [factory() for factory in factories]
        # Both hold the account as it was, with the same refresh token, before either refreshes.
        loaded = []
        for s in sessions:
            loaded.append(await s.get(PlatformAccount, account.id))
            await s.commit()  # SQLite: one open transaction at a time

        async def refresh(index: int) -> bool:
            row = loaded[index]
            assert row is not None
            done = await service.refresh(sessions[index], settings, row)
            await sessions[index].commit()
            return done

        results = await asyncio.gather(refresh(0), refresh(1))
        for s in sessions:
            await s.close()

        async with factories[0]() as session:
            stored = await session.get(PlatformAccount, account.id)
            assert stored is not None
            refreshes = await session.scalar(
                select(func.count())
                .select_from(LedgerEvent)
                .where(LedgerEvent.type == "account.token_refreshed")
            )
            assert results == [True, True]
            assert stored.status == "connected", stored.last_error
            assert refreshes == 1  # one call to TikTok; the other found its tokens
            # The stored refresh token is the newest: TikTok still accepts it.
            assert await service.refresh(session, settings, stored)
            await session.commit()
    finally:
        for engine in engines:
            await engine.dispose()
