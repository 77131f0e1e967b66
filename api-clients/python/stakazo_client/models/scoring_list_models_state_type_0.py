from enum import StrEnum


class ScoringListModelsStateType0(StrEnum):
    ACTIVE = "active"
    CANDIDATE = "candidate"
    REJECTED = "rejected"
    RETIRED = "retired"

    def __str__(self) -> str:
        return str(self.value)
