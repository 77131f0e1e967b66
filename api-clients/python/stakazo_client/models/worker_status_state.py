from enum import StrEnum


class WorkerStatusState(StrEnum):
    ALIVE = "alive"
    MISSING = "missing"
    STOPPED = "stopped"

    def __str__(self) -> str:
        return str(self.value)
