from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import get_settings
from backend.ledger import service as ledger
from backend.models import Job
from workers.tasks.base import Progress, job_task


@job_task("ledger.audit")
async def audit(session: AsyncSession, job: Job, progress: Progress) -> dict[str, Any]:
    """Walk the whole chain with progress; the report becomes the job's result."""
    report = await ledger.verify(session, get_settings(), progress=progress)
    return {
        "intact": report.intact,
        "events_checked": report.events_checked,
        "head_sequence": report.head_sequence,
        "head_hash": report.head_hash,
        "first_broken_sequence": report.first_broken_sequence,
        "problem": report.problem,
    }
