from enum import StrEnum


class CalendarListPlatformType0(StrEnum):
    INSTAGRAM = "instagram"
    TIKTOK = "tiktok"
    YOUTUBE = "youtube"

    def __str__(self) -> str:
        return str(self.value)
