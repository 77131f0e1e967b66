from enum import StrEnum


class CampaignPostOutSource(StrEnum):
    CSV = "csv"
    PLANNER = "planner"

    def __str__(self) -> str:
        return str(self.value)
