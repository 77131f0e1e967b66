from enum import StrEnum


class AiHealthListRunsOutcomeType0(StrEnum):
    DETERMINISTIC = "deterministic"
    MODEL = "model"

    def __str__(self) -> str:
        return str(self.value)
