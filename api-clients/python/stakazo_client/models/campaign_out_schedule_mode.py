from enum import StrEnum


class CampaignOutScheduleMode(StrEnum):
    CADENCE = "cadence"
    SLOTS = "slots"

    def __str__(self) -> str:
        return str(self.value)
