from enum import StrEnum


class ScoringModelOutState(StrEnum):
    ACTIVE = "active"
    CANDIDATE = "candidate"
    REJECTED = "rejected"
    RETIRED = "retired"

    def __str__(self) -> str:
        return str(self.value)
