from enum import StrEnum


class OutboxRetriedKind(StrEnum):
    AI_HEALTH_RUNS = "ai_health_runs"
    ALERT_NOTIFICATIONS = "alert_notifications"
    JOBS = "jobs"
    NOTIFICATION_SUBSCRIPTIONS = "notification_subscriptions"
    PUBLICATIONS = "publications"
    WEBHOOK_DELIVERIES = "webhook_deliveries"

    def __str__(self) -> str:
        return str(self.value)
