"""The baseline of bench/api.py: FastAPI on the same uvicorn, with nothing of Stakazo's.

``/bare/none`` answers without touching anything; ``/bare/query`` runs one 20-row query on the
same database Stakazo serves from (``STAKAZO_BENCH_BARE_DATABASE_URL``), through SQLAlchemy's
async engine with its default pool, and returns the rows as JSON. Served by
``uvicorn --factory bench.api_bare:create_app``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

QUERY = text(
    "SELECT id, display_name, state, size_bytes, created_at FROM assets "
    "ORDER BY created_at DESC LIMIT 20"
)


def create_app() -> FastAPI:
    engine = create_async_engine(os.environ["STAKAZO_BENCH_BARE_DATABASE_URL"])

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await engine.dispose()

    app = FastAPI(lifespan=lifespan)

    @app.get("/bare/none")
    async def nothing() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/bare/query")
    async def one_query() -> list[dict[str, Any]]:
        async with engine.connect() as connection:
            rows = (await connection.execute(QUERY)).mappings().all()
        return [{**row, "id": str(row["id"]), "created_at": str(row["created_at"])} for row in rows]

    return app
