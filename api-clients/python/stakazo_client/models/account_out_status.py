from enum import StrEnum


class AccountOutStatus(StrEnum):
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"
    NEEDS_REAUTH = "needs_reauth"

    def __str__(self) -> str:
        return str(self.value)
