from enum import StrEnum


class UploadOutState(StrEnum):
    COMPLETED = "completed"
    RECEIVING = "receiving"

    def __str__(self) -> str:
        return str(self.value)
