"""Running the real task bodies of the media pipeline inside a test's transaction."""

from __future__ import annotations

import uuid
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import select

from backend.models import Job
from workers.tasks import base


class _Celery:
    def __init__(self) -> None:
        self.request = SimpleNamespace(retries=0)

    def retry(self, exc: Exception, countdown: float) -> Exception:
        return exc


async def run_job(session, job_id: str) -> str:
    from workers.tasks import media, render, transcribe

    job = await session.get(Job, uuid.UUID(job_id), populate_existing=True)
    body = {
        "media.process": media.process,
        "media.analyze": media.analyze,
        "media.render_variant": render.render_variant,
        "media.transcribe": transcribe.transcribe,
    }[job.type]
    return await base._run_job(_Celery(), body.__wrapped_body__, job.id)


async def upload(client, headers, path: Path, name: str | None = None) -> dict:
    with path.open("rb") as handle:
        response = await client.post(
            "/v1/upload", headers=headers, files={"file": (name or path.name, handle, "video/mp4")}
        )
    assert response.status_code in (200, 201), response.text
    return response.json()


async def jobs_of(session, asset_id: str, type_: str) -> list[Job]:
    result = await session.execute(
        select(Job).where(Job.asset_id == uuid.UUID(asset_id), Job.type == type_)
    )
    return list(result.scalars().all())
