from enum import StrEnum


class RunDetailOutcomeType0(StrEnum):
    DETERMINISTIC = "deterministic"
    MODEL = "model"

    def __str__(self) -> str:
        return str(self.value)
