from __future__ import annotations

from pydantic import BaseModel, Field


class StateCounts(BaseModel):
    total: int = Field(description="All of them, whatever their state")
    by_state: dict[str, int] = Field(description="Only states that have at least one")


class Overview(BaseModel):
    jobs: StateCounts
    assets: StateCounts = Field(description="Videos, by state")
    clips: StateCounts = Field(description="By status: candidate, approved, rejected, …")
    publications: StateCounts
