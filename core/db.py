"""The request-scoped database session, for HTTP requests and WebSockets alike.

It is typed on ``HTTPConnection``, the common base of ``Request`` and ``WebSocket``, so a
WebSocket endpoint gets its session the same way a route does. The app keeps its session
factory on ``app.state.session_factory``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.requests import HTTPConnection


async def get_session(connection: HTTPConnection) -> AsyncIterator[AsyncSession]:
    """Connection-scoped session: commits when the endpoint succeeds, rolls back when it fails.

    Jobs enqueued during the request are sent by the session's after-commit hook
    (``backend.enqueue``), so a failed request never starts work.
    """
    factory: async_sessionmaker[AsyncSession] = connection.app.state.session_factory
    async with factory() as session:
        if reads_only(connection) and isinstance(session.bind, AsyncEngine):
            # A read needs no transaction: no BEGIN and COMMIT round trips on PostgreSQL, no
            # write lock on SQLite, so reads never queue behind each other (backend/db.py, which
            # also refuses a write in such a request).
            await session.connection(execution_options=_read_options(session.bind))
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


READS_ONLY = "stakazo_reads_only"


def reads_only(connection: HTTPConnection) -> bool:
    """API reads: GET and HEAD under /v1 never write (checked: backend/db.py refuses a write
    in such a transaction). Unversioned GETs (OAuth callbacks) may."""
    return (
        connection.scope["type"] == "http"
        and connection.scope["method"] in ("GET", "HEAD")
        and connection.scope["path"].startswith("/v1/")
    )


def _read_options(engine: AsyncEngine) -> dict[str, Any]:
    if engine.dialect.name == "sqlite":
        # SQLite's driver is already out of transaction control (backend/db.py sends each
        # BEGIN itself, and sends none for a read); switching it to autocommit and back would
        # hand that control back to the driver when the pool restores the default.
        return {READS_ONLY: True}
    return {READS_ONLY: True, "isolation_level": "AUTOCOMMIT"}


# "function" scope: the commit happens before the response is sent, never after it.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
