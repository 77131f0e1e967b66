from enum import StrEnum


class NotificationsOutState(StrEnum):
    ACTIVE = "active"
    DEAD = "dead"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
