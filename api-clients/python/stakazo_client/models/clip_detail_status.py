from enum import StrEnum


class ClipDetailStatus(StrEnum):
    APPROVED = "approved"
    CANDIDATE = "candidate"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
