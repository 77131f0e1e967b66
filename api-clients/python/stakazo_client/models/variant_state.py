from enum import StrEnum


class VariantState(StrEnum):
    FAILED = "failed"
    PENDING = "pending"
    READY = "ready"
    RENDERING = "rendering"

    def __str__(self) -> str:
        return str(self.value)
