from enum import StrEnum


class ProposeRulesPlatform(StrEnum):
    INSTAGRAM = "instagram"
    TIKTOK = "tiktok"
    YOUTUBE = "youtube"

    def __str__(self) -> str:
        return str(self.value)
