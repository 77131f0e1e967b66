from typing import Any

from fastapi import APIRouter


class Emulator:
    def __init__(self, context: Any) -> None:
        self.router = APIRouter()

    def stats(self) -> dict[str, Any]:
        return {}
