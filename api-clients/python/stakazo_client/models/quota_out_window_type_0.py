from enum import StrEnum


class QuotaOutWindowType0(StrEnum):
    PACIFIC_DAY = "pacific_day"
    ROLLING_DAY = "rolling_day"

    def __str__(self) -> str:
        return str(self.value)
