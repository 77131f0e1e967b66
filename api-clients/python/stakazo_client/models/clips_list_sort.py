from enum import StrEnum


class ClipsListSort(StrEnum):
    CREATED_AT = "created_at"
    SCORE = "score"
    START = "start"
    VALUE_1 = "-score"
    VALUE_3 = "-start"
    VALUE_5 = "-created_at"

    def __str__(self) -> str:
        return str(self.value)
