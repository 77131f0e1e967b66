from enum import StrEnum


class CalendarItemState(StrEnum):
    AWAITING_APPROVAL = "awaiting_approval"
    CANCELLED = "cancelled"
    DRAFT = "draft"
    FAILED = "failed"
    PROCESSING = "processing"
    PUBLISHED = "published"
    QUEUED = "queued"
    SCHEDULED = "scheduled"
    UPLOADING = "uploading"

    def __str__(self) -> str:
        return str(self.value)
