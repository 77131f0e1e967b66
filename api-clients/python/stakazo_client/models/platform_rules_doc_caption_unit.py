from enum import StrEnum


class PlatformRulesDocCaptionUnit(StrEnum):
    BYTES = "bytes"
    CHARACTERS = "characters"
    UTF16_UNITS = "utf16_units"

    def __str__(self) -> str:
        return str(self.value)
