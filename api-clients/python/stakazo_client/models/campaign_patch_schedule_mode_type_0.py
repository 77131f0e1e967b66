from enum import StrEnum


class CampaignPatchScheduleModeType0(StrEnum):
    CADENCE = "cadence"
    SLOTS = "slots"

    def __str__(self) -> str:
        return str(self.value)
