"""Explaining a clip's score, and telling the planner which clips the model knows little about.

A learnt model only knows the kind of clips the workspace published. So that it does not only
relearn its own picks, the planner may give ``EXPLORATION_SHARE`` of its slots to clips unlike
those: a clip is *unexplored* when there is no learnt model yet, or when one of its features
lies more than ``NOVELTY_LIMIT`` standard deviations from the training clips' mean (the spread
is kept with each model)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import Clip, ScoringModel
from backend.platforms.registry import display_name
from backend.scoring import repository
from backend.scoring.labels import flatten
from backend.scoring.schemas import ClipScoreOut, ModelRef, ScoreContribution
from backend.scoring.training import MIN_RESULTS, scorer_of
from core.ranking import ENOUGH_RESULTS, LinearScorer

EXPLORATION_SHARE = 0.10
NOVELTY_LIMIT = 2.0
MIN_SPREAD = 0.05  # a feature every training clip shared still allows a little difference


def novelty(model: ScoringModel, values: Mapping[str, float]) -> float | None:
    """The largest distance, in standard deviations, of a feature from the training clips."""
    mean, std = model.params.get("mean") or {}, model.params.get("std") or {}
    if not mean:
        return None
    return max(
        abs(values.get(name, 0.0) - float(centre)) / max(float(std.get(name, 0.0)), MIN_SPREAD)
        for name, centre in mean.items()
    )


def is_unexplored(model: ScoringModel | None, values: Mapping[str, float]) -> bool:
    if model is None or model.kind == "prior":
        return True
    distance = novelty(model, values)
    return distance is None or distance > NOVELTY_LIMIT


async def unexplored_clips(
    session: AsyncSession, workspace_id: uuid.UUID, platform: str, clips: Sequence[Clip]
) -> set[uuid.UUID]:
    """Which of ``clips`` the workspace's model for ``platform`` has seen nothing like."""
    model = await repository.active_model(session, workspace_id, platform)
    return {
        clip.id for clip in clips if is_unexplored(model, flatten(clip.features or {}, platform))
    }


def _message(platform: str, model: ScoringModel | None, results: int) -> str:
    name = display_name(platform)
    if model is None or model.kind == "prior":
        if results < MIN_RESULTS:
            return (
                f"Scored with the default weights: this workspace has {results} {name} results; "
                f"learning starts with {MIN_RESULTS} and leans on the defaults until around "
                f"{ENOUGH_RESULTS}."
            )
        return (
            f"Scored with the default weights: no version learnt from this workspace's "
            f"{results} {name} results has ranked them better yet."
        )
    trained = (
        f"Scored with version {model.version}, learnt from {model.training_rows} {name} results"
    )
    if results < ENOUGH_RESULTS:
        return f"{trained}; until around {ENOUGH_RESULTS} it leans on the default weights."
    return f"{trained}."


def explain(
    clip: Clip,
    platform: str,
    model: ScoringModel | None,
    defaults: Mapping[str, float],
    results: int,
) -> ClipScoreOut:
    values = flatten(clip.features or {}, platform)
    scorer = scorer_of(model) if model is not None else LinearScorer(dict(defaults))
    rows = scorer.contributions(values)
    return ClipScoreOut(
        clip_id=clip.id,
        platform=platform,
        score=scorer.score(values),
        model=None
        if model is None
        else ModelRef(id=model.id, version=model.version, kind=model.kind, state=model.state),
        contributions=[
            ScoreContribution(feature=f, value=v, weight=w, contribution=c) for f, v, w, c in rows
        ],
        results=results,
        enough_data=results >= ENOUGH_RESULTS,
        unexplored=is_unexplored(model, values),
        message=_message(platform, model, results),
    )
