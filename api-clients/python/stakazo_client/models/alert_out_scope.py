from enum import StrEnum


class AlertOutScope(StrEnum):
    INSTANCE = "instance"
    WORKSPACE = "workspace"

    def __str__(self) -> str:
        return str(self.value)
