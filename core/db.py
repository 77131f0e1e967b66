"""The request-scoped database session, for HTTP requests and WebSockets alike.

It is typed on ``HTTPConnection``, the common base of ``Request`` and ``WebSocket``, so a
WebSocket endpoint gets its session the same way a route does. The app keeps its session
factory on ``app.state.session_factory``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import HTTPConnection


async def get_session(connection: HTTPConnection) -> AsyncIterator[AsyncSession]:
    """Connection-scoped session: commits when the endpoint succeeds, rolls back when it fails.

    Jobs enqueued during the request are sent by the session's after-commit hook
    (``backend.enqueue``), so a failed request never starts work.
    """
    factory: async_sessionmaker[AsyncSession] = connection.app.state.session_factory
    async with factory() as session:
        try:
            yield session
        except BaseException as error:
            # An error whose class sets ``keeps_changes`` (``backend.errors.AppError``) carries
            # evidence that must outlive it, such as a failed login: commit, then let it answer.
            if getattr(error, "keeps_changes", False) is True:
                await session.commit()
            else:
                await session.rollback()
            raise
        else:
            await session.commit()


# "function" scope: the commit happens before the response is sent, never after it.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
