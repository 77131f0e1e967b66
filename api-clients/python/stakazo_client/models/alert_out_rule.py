from enum import StrEnum


class AlertOutRule(StrEnum):
    ACCOUNT_NEEDS_REAUTH = "account_needs_reauth"
    BACKLOG_GROWING = "backlog_growing"
    DISK_LOW = "disk_low"
    FAILURE_RATE = "failure_rate"
    JOB_OVERDUE = "job_overdue"
    LEDGER_BROKEN = "ledger_broken"
    QUEUE_UNCONSUMED = "queue_unconsumed"
    QUOTA_NEARLY_USED = "quota_nearly_used"
    TOKEN_EXPIRING = "token_expiring"
    WEBHOOKS_FAILING = "webhooks_failing"
    WORKER_MISSING = "worker_missing"

    def __str__(self) -> str:
        return str(self.value)
