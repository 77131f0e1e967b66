from enum import StrEnum


class ClipOutStatus(StrEnum):
    APPROVED = "approved"
    CANDIDATE = "candidate"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
