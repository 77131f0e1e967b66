from enum import StrEnum


class OutboxRetryKind(StrEnum):
    JOBS = "jobs"
    NOTIFICATION_SUBSCRIPTIONS = "notification_subscriptions"
    PUBLICATIONS = "publications"
    WEBHOOK_DELIVERIES = "webhook_deliveries"

    def __str__(self) -> str:
        return str(self.value)
