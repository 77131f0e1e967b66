"""The job types a user can start, the task that runs each and the permission each needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class JobType:
    task: str
    permission: str
    description: str


JOB_TYPES: Final[dict[str, JobType]] = {
    "ledger.audit": JobType(
        task="ledger.audit",
        permission="ledger:read",
        description="Re-verify the whole audit trail in the background and keep the report.",
    ),
}
