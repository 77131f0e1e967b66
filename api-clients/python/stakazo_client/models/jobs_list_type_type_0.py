from enum import StrEnum


class JobsListTypeType0(StrEnum):
    LEDGER_AUDIT = "ledger.audit"
    MEDIA_ANALYZE = "media.analyze"
    MEDIA_PROCESS = "media.process"
    MEDIA_RENDER_VARIANT = "media.render_variant"

    def __str__(self) -> str:
        return str(self.value)
