from enum import StrEnum


class CampaignPostOutState(StrEnum):
    CANCELLED = "cancelled"
    FAILED = "failed"
    PLANNED = "planned"
    PUBLISHED = "published"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
