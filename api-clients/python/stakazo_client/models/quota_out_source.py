from enum import StrEnum


class QuotaOutSource(StrEnum):
    COUNTED = "counted"
    PLATFORM = "platform"
    UNLIMITED = "unlimited"

    def __str__(self) -> str:
        return str(self.value)
