from enum import StrEnum


class ModelRefKind(StrEnum):
    LAMBDARANK = "lambdarank"
    LINEAR = "linear"
    PRIOR = "prior"

    def __str__(self) -> str:
        return str(self.value)
