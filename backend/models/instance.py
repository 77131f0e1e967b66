from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from backend.models.base import Base, CreatedAt

SINGLETON_ID = 1


class Instance(CreatedAt, Base):
    """One row, written by the first registration: its primary key makes bootstrap race-free."""

    __tablename__ = "instance"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    first_admin_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
