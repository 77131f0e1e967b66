from enum import StrEnum


class BestTimeSource(StrEnum):
    HISTORY = "history"
    PLATFORM_DEFAULT = "platform_default"

    def __str__(self) -> str:
        return str(self.value)
