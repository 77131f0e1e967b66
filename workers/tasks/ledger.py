from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import get_settings
from backend.ledger import service as ledger
from backend.models import Job
from workers.tasks.base import Progress, job_task


@job_task("ledger.audit")
async def audit(session: AsyncSession, job: Job, progress: Progress) -> dict[str, Any]:
    """Walk the job's workspace's chain with progress; the report (as GET /ledger/verify gives
    it) becomes the job's result."""
    report = await ledger.verify_for_workspace(
        session, get_settings(), job.workspace_id, progress=progress
    )
    return {
        "intact": report.intact,
        "events_checked": report.events_checked,
        "head_sequence": report.head_sequence,
        "first_broken_sequence": report.first_broken_sequence,
        "problem": report.problem,
    }
