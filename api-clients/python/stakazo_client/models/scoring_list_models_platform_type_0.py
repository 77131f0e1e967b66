from enum import StrEnum


class ScoringListModelsPlatformType0(StrEnum):
    INSTAGRAM = "instagram"
    TIKTOK = "tiktok"
    YOUTUBE = "youtube"

    def __str__(self) -> str:
        return str(self.value)
