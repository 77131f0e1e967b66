from enum import StrEnum


class AssetState(StrEnum):
    ANALYZING = "analyzing"
    FAILED = "failed"
    PROBING = "probing"
    READY = "ready"
    REJECTED = "rejected"
    UPLOADED = "uploaded"

    def __str__(self) -> str:
        return str(self.value)
