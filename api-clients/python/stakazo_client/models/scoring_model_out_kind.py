from enum import StrEnum


class ScoringModelOutKind(StrEnum):
    LAMBDARANK = "lambdarank"
    LINEAR = "linear"
    PRIOR = "prior"

    def __str__(self) -> str:
        return str(self.value)
