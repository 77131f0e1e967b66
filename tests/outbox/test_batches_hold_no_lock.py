"""A batch task waiting on a slow platform holds no transaction (and so not the ledger's lock):
another writer appending to the ledger commits at once, on separate engines with real commits."""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta
from typing import Any

import anyio
from sqlalchemy import select

from backend import ledger
from backend.db import create_engine, create_session_factory
from backend.models import LedgerEvent, PlatformAccount
from backend.models.base import utcnow
from tests.factories import create_platform_account, create_workspace
from tests.servers import serving
from workers.publishing import tokens

PROMPT_SECONDS = 10.0


class Gate:
    """A platform that answers nothing until the test lets it (then a 503)."""

    def __init__(self) -> None:
        self.entered, self.release = threading.Event(), threading.Event()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        self.entered.set()
        await anyio.to_thread.run_sync(self.release.wait)
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": 503, "headers": headers})
        await send({"type": "http.response.body", "body": b'{"error": {"code": "busy"}}'})


async def test_a_slow_platform_does_not_hold_up_ledger_writers(scratch_database_url, settings):
    gate = Gate()
    batch_engine = create_engine(scratch_database_url, settings)
    writer_engine = create_engine(scratch_database_url, settings)
    sessions, writers = create_session_factory(batch_engine), create_session_factory(writer_engine)
    try:
        async with sessions() as session:
            workspace = await create_workspace(session)
            # First in line: refused without a call (no refresh token), which records
            # account.needs_reauth; second: a call the gate holds.
            refused = await create_platform_account(
                session,
                workspace,
                refresh_token_encrypted=None,
                access_expires_at=utcnow() + timedelta(minutes=1),
            )
            await create_platform_account(
                session, workspace, access_expires_at=utcnow() + timedelta(minutes=2)
            )
            await session.commit()
        with serving(gate) as url:  # type: ignore[arg-type]
            slow = settings.model_copy(update={"sandbox_url": url, "platforms_mode": "sandbox"})
            batch = asyncio.create_task(tokens.refresh_due(sessions, slow))
            try:
                assert await asyncio.to_thread(gate.entered.wait, 30), "the call never started"
                async with writers() as session:
                    await asyncio.wait_for(_append(session, workspace.id), timeout=PROMPT_SECONDS)
                assert not batch.done()  # the batch really was still waiting on the platform
            finally:
                gate.release.set()
            assert await batch == (0, 1)
        async with writers() as session:
            types = list(await session.scalars(select(LedgerEvent.type).order_by(LedgerEvent.seq)))
        assert "account.needs_reauth" in types
        assert "test.written_meanwhile" in types
        async with writers() as session:
            marked = await session.get(PlatformAccount, refused.id)
        assert marked is not None
        assert marked.status == "needs_reauth"
    finally:
        await batch_engine.dispose()
        await writer_engine.dispose()


async def _append(session, workspace_id) -> None:
    await ledger.record(session, "test.written_meanwhile", workspace_id=workspace_id)
    await session.commit()
