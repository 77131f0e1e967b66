from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from backend.platforms.base import Platform

ModelState = Literal["candidate", "active", "rejected", "retired"]
ModelKind = Literal["prior", "linear", "lambdarank"]


class TrainingMetrics(BaseModel):
    """Held-out results of a run: the latest quarter of the labelled posts, ranked per video."""

    ndcg5_candidate: float | None = Field(
        None, description="NDCG@5 of this version on the held-out period (null: nothing to rank)."
    )
    ndcg5_active: float | None = Field(
        None, description="NDCG@5 of the scorer in use when it was trained, same period."
    )
    active_version: int | None = Field(
        None, description="The version in use then; null means the default weights."
    )
    improvement: float | None = Field(None, description="ndcg5_candidate / ndcg5_active - 1.")
    required_improvement: float = 0.1
    results: int = Field(0, description="Labelled publications (a reading at 48 h or 7 days).")
    train_rows: int = 0
    heldout_rows: int = 0
    groups: int = Field(0, description="Source videos with two training posts or more.")
    heldout_groups: int = 0
    period_from: datetime | None = None
    period_to: datetime | None = None
    prior_strength: float = Field(
        1.0, description="How much the default weights still counted (1 = all, 0 = none)."
    )
    enough_data: bool = False


class ScoringModelOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    platform: str
    version: int
    kind: ModelKind
    state: ModelState
    weights: dict[str, float]
    baseline: float
    metrics: TrainingMetrics
    training_rows: int
    trained_by_id: uuid.UUID | None
    activated_at: datetime | None
    activated_by_id: uuid.UUID | None
    note: str
    created_at: datetime


class TrainRequest(BaseModel):
    platform: Platform | None = Field(
        None, description="One platform; left out, every platform the workspace publishes to."
    )


class ModelRef(BaseModel):
    id: uuid.UUID
    version: int
    kind: ModelKind
    state: ModelState


class ScoreContribution(BaseModel):
    feature: str = Field(description="A clip feature, or 'baseline' (the model's constant).")
    value: float
    weight: float
    contribution: float = Field(description="value x weight")


class ClipScoreOut(BaseModel):
    clip_id: uuid.UUID
    platform: str
    score: float = Field(description="The sum of the contributions.")
    model: ModelRef | None = Field(description="The learnt version in use; null: default weights.")
    contributions: list[ScoreContribution] = Field(description="Largest in size first.")
    results: int = Field(description="Published posts on this platform with a reading.")
    enough_data: bool = Field(description="Enough results for the data to outweigh the defaults.")
    unexplored: bool = Field(description="Unlike the clips the model learnt from.")
    message: str


def model_view(model: Any) -> ScoringModelOut:
    return ScoringModelOut(
        id=model.id,
        platform=model.platform,
        version=model.version,
        kind=model.kind,
        state=model.state,
        weights=model.params.get("weights", {}),
        baseline=float(model.params.get("baseline", 0.0)),
        metrics=TrainingMetrics.model_validate(model.metrics or {}),
        training_rows=model.training_rows,
        trained_by_id=model.trained_by_id,
        activated_at=model.activated_at,
        activated_by_id=model.activated_by_id,
        note=model.note,
        created_at=model.created_at,
    )
