from __future__ import annotations

import uuid
from dataclasses import dataclass

from backend.models import User


@dataclass(frozen=True)
class Principal:
    """The authenticated caller of a request; ``session_id`` is its refresh-token family."""

    user: User
    session_id: uuid.UUID
