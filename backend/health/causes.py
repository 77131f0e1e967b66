"""The fixed vocabulary of causes a finding may name, most fundamental first.

The order is the tie-break between findings of a run: when Redis is down, the queue backlog and
the failing jobs are its symptoms, so a cause earlier in this list is shown before a later one
(docs/ai-health.md, "Ranking"). Each cause carries the advice that stands when no model answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CauseName = Literal[
    "database_down",
    "sqlite_locked",
    "redis_down",
    "broker_down",
    "disk_full",
    "storage_unreachable",
    "out_of_memory",
    "worker_dead",
    "ledger_broken",
    "ffmpeg_failing",
    "oauth_expired",
    "quota_exhausted",
    "platform_rate_limited",
    "platform_unavailable",
    "webhook_signature_failures",
    "job_type_slow",
    "queue_backlog",
    "outbox_dead",
    "publish_failing",
    "job_failures",
    "alert_open",
]


@dataclass(frozen=True)
class Cause:
    name: CauseName
    meaning: str
    advice: str


CAUSES: tuple[Cause, ...] = (
    Cause(
        "database_down",
        "The database refuses or drops connections.",
        "Check that PostgreSQL is running and reachable at STAKAZO_DATABASE_URL "
        "(pg_isready, its log, max_connections).",
    ),
    Cause(
        "sqlite_locked",
        "SQLite answers 'database is locked': writers wait on each other.",
        "Run fewer writers on SQLite (one worker), or move to PostgreSQL for this load.",
    ),
    Cause(
        "redis_down",
        "Redis (broker and event transport) refuses connections.",
        "Restart Redis and check its memory limit and persistence; workers reconnect by "
        "themselves and the outbox re-sends lost messages.",
    ),
    Cause(
        "broker_down",
        "Task messages cannot be sent to or taken from the broker.",
        "Check STAKAZO_BROKER_URL and the broker process; pending work is re-sent by the "
        "outbox once it answers.",
    ),
    Cause(
        "disk_full",
        "The media disk is (almost) full.",
        "Free space under STAKAZO_MEDIA_DIR (old renders, uploads) or grow the volume.",
    ),
    Cause(
        "storage_unreachable",
        "Object storage (S3-compatible) cannot be reached or refuses our credentials.",
        "Check the S3 endpoint, bucket and credentials; renders and uploads wait until it answers.",
    ),
    Cause(
        "out_of_memory",
        "Work is killed for lack of memory.",
        "Lower the media worker's concurrency or give the machine more memory.",
    ),
    Cause(
        "worker_dead",
        "A worker stopped beating, or a queue has work and no consumer.",
        "Restart the missing worker (stakazo worker / the supervisor) and check why it died.",
    ),
    Cause(
        "ledger_broken",
        "The audit ledger's hash chain does not verify.",
        "Run `stakazo ledger verify`, find the first broken event and restore it from backup; "
        "do not write to the ledger by hand.",
    ),
    Cause(
        "ffmpeg_failing",
        "ffmpeg fails on the files it is given.",
        "Check the ffmpeg binary (STAKAZO_FFMPEG_PATH or imageio-ffmpeg) and run one failing "
        "file by hand with `stakazo clip`.",
    ),
    Cause(
        "oauth_expired",
        "Platform tokens expired or were revoked: the accounts need reconnecting.",
        "Reconnect the accounts named in the evidence; publishing to them waits until then.",
    ),
    Cause(
        "quota_exhausted",
        "A platform's daily quota is used up.",
        "Wait for the quota to reset or spread publications over the day; ask the platform "
        "for a higher quota if it keeps happening.",
    ),
    Cause(
        "platform_rate_limited",
        "A platform answers 429: we call it too often.",
        "Publications retry with backoff by themselves; schedule fewer at once.",
    ),
    Cause(
        "platform_unavailable",
        "A platform answers 5xx or times out.",
        "Nothing to fix here: publications retry with backoff; watch the platform's status page.",
    ),
    Cause(
        "webhook_signature_failures",
        "Platform callbacks arrive with signatures that do not verify.",
        "Check the app secrets configured for the platform (they may have been rotated), and "
        "whether someone is sending forged callbacks.",
    ),
    Cause(
        "job_type_slow",
        "One job type takes far longer than it usually does.",
        "Look at the slow jobs' inputs (length, resolution) and the worker's load.",
    ),
    Cause(
        "queue_backlog",
        "Messages pile up in a queue faster than workers take them.",
        "Add workers or concurrency for that queue, or find what makes its tasks slow.",
    ),
    Cause(
        "outbox_dead",
        "The outbox gave up on messages after too many sends.",
        "Look at GET /v1/outbox: fix what their errors say, then retry them.",
    ),
    Cause(
        "publish_failing",
        "Publications fail for a reason no narrower cause explains.",
        "Read the publications' errors; retry them once the reason is fixed.",
    ),
    Cause(
        "job_failures",
        "Jobs fail more often than usual for a reason no narrower cause explains.",
        "Read the failing jobs' errors (GET /v1/jobs?state=failed).",
    ),
    Cause(
        "alert_open",
        "An alert is open that no analyzer explains further.",
        "Read the alert and acknowledge it once handled.",
    ),
)

BY_NAME: dict[str, Cause] = {cause.name: cause for cause in CAUSES}
# Lower comes first: root causes before their symptoms.
PRIORITY: dict[str, int] = {cause.name: index for index, cause in enumerate(CAUSES)}
