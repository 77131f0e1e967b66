from enum import StrEnum


class UpdateClipRequestStatusType0(StrEnum):
    APPROVED = "approved"
    CANDIDATE = "candidate"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
