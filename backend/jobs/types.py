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
    "media.process": JobType(
        task="media.process",
        permission="assets:write",
        description="Probe, analyse, find and score clips, render their variants.",
    ),
    "media.analyze": JobType(
        task="media.analyze",
        permission="assets:write",
        description="Analyse a video again and find its clips again (after new weights).",
    ),
    "media.transcribe": JobType(
        task="media.transcribe",
        permission="assets:write",
        description="Recognise speech after the first clips; refine their edges and scores.",
    ),
    "media.render_variant": JobType(
        task="media.render_variant",
        permission="clips:write",
        description="Render one clip for one platform (9:16, platform codec rules).",
    ),
    "ledger.audit": JobType(
        task="ledger.audit",
        permission="ledger:read",
        description="Re-verify the workspace's audit trail in the background and keep the report.",
    ),
    "scoring.train": JobType(
        task="scoring.train",
        permission="rules:approve",
        description="Learn the clip score from the workspace's results; keep every run.",
    ),
}
