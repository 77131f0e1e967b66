from enum import StrEnum


class FindingCause(StrEnum):
    ALERT_OPEN = "alert_open"
    BROKER_DOWN = "broker_down"
    DATABASE_DOWN = "database_down"
    DISK_FULL = "disk_full"
    FFMPEG_FAILING = "ffmpeg_failing"
    JOB_FAILURES = "job_failures"
    JOB_TYPE_SLOW = "job_type_slow"
    LEDGER_BROKEN = "ledger_broken"
    OAUTH_EXPIRED = "oauth_expired"
    OUTBOX_DEAD = "outbox_dead"
    OUT_OF_MEMORY = "out_of_memory"
    PLATFORM_RATE_LIMITED = "platform_rate_limited"
    PLATFORM_UNAVAILABLE = "platform_unavailable"
    PUBLISH_FAILING = "publish_failing"
    QUEUE_BACKLOG = "queue_backlog"
    QUOTA_EXHAUSTED = "quota_exhausted"
    REDIS_DOWN = "redis_down"
    SQLITE_LOCKED = "sqlite_locked"
    STORAGE_UNREACHABLE = "storage_unreachable"
    WEBHOOK_SIGNATURE_FAILURES = "webhook_signature_failures"
    WORKER_DEAD = "worker_dead"

    def __str__(self) -> str:
        return str(self.value)
