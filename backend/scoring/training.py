"""One training run for a workspace and platform: labels, a time-ordered split, a fit leaning on
the default weights, held-out NDCG@5 against the scorer in use, and the stored result. Every run
is kept, whatever came of it."""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.models import ScoringModel
from backend.platforms.registry import display_name
from backend.scoring import repository
from backend.scoring.labels import Example, examples
from core.ranking import (
    ENOUGH_RESULTS,
    LinearScorer,
    fit_pairwise,
    mean_ndcg,
    prior_strength,
    unit_range,
)

log = structlog.get_logger(__name__)

HELDOUT_SHARE = 0.25  # the latest quarter of the labelled posts, by publishing time
MIN_RESULTS = 20
MIN_GROUPS = 3
REQUIRED_GAIN = 0.10  # a candidate replaces the scorer in use only if NDCG@5 is 10% higher


@dataclass(frozen=True)
class Outcome:
    model: ScoringModel
    activate: bool


def scorer_of(model: ScoringModel) -> LinearScorer:
    return LinearScorer(
        dict(model.params.get("weights", {})), float(model.params.get("baseline", 0.0))
    )


def split(found: Sequence[Example]) -> tuple[list[Example], list[Example]]:
    """Oldest first in, the latest ``HELDOUT_SHARE`` out: the later period the model must rank."""
    held = math.ceil(len(found) * HELDOUT_SHARE) if len(found) >= 2 else 0
    return list(found[: len(found) - held]), list(found[len(found) - held :])


def _groups(found: Sequence[Example]) -> dict[uuid.UUID, list[Example]]:
    by_group: dict[uuid.UUID, list[Example]] = {}
    for example in found:
        by_group.setdefault(example.group, []).append(example)
    return by_group


def ranked_groups(found: Sequence[Example]) -> int:
    return sum(1 for members in _groups(found).values() if len(members) >= 2)


def heldout_ndcg(scorer: LinearScorer, found: Sequence[Example]) -> float | None:
    return mean_ndcg(
        [
            ([scorer.score(e.features) for e in members], [e.label for e in members])
            for members in _groups(found).values()
        ]
    )


def _spread(names: Sequence[str], x: np.ndarray) -> dict[str, Any]:
    """Where the training clips lay, per feature: what tells an unexplored clip (explore.py)."""
    if len(x) == 0:
        return {"mean": {}, "std": {}}
    return {
        "mean": {n: round(float(v), 6) for n, v in zip(names, x.mean(axis=0), strict=True)},
        "std": {n: round(float(v), 6) for n, v in zip(names, x.std(axis=0), strict=True)},
    }


def _note(
    platform: str, enough: bool, labelled: int, groups: int, activate: bool, metrics: dict[str, Any]
) -> str:
    name = display_name(platform)
    if not enough:
        return (
            f"Not enough data to learn from: {labelled} labelled {name} results in "
            f"{groups} videos with two clips or more; learning needs {MIN_RESULTS} results in "
            f"{MIN_GROUPS} such videos (and leans on the default weights until about "
            f"{ENOUGH_RESULTS})."
        )
    if metrics["ndcg5_candidate"] is None or metrics["ndcg5_active"] is None:
        return (
            "Trained, but the later period has no video with two clips to rank: "
            "kept as a candidate."
        )
    if activate:
        return (
            f"Ranks the later period {metrics['improvement']:.0%} better than the scorer "
            "in use: activated."
        )
    return (
        f"Ranks the later period {metrics['improvement']:+.0%} against the scorer in use; "
        f"{REQUIRED_GAIN:.0%} better is needed to replace it: kept as a candidate."
    )


async def run(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    platform: str,
    defaults: Mapping[str, float],
    *,
    trained_by_id: uuid.UUID | None,
) -> Outcome:
    await repository.lock_scoring(session, workspace_id)
    found = examples(await repository.published(session, workspace_id, platform))
    train, heldout = split(found)
    names = sorted(set(defaults) | {n for e in found for n in e.features})
    x = np.array([[e.features.get(n, 0.0) for n in names] for e in train], dtype=np.float64)
    x = x.reshape(len(train), len(names))
    groups = ranked_groups(train)
    enough = len(found) >= MIN_RESULTS and groups >= MIN_GROUPS
    strength = prior_strength(len(train))
    active = await repository.active_model(session, workspace_id, platform)
    in_use = scorer_of(active) if active is not None else LinearScorer(dict(defaults))
    if enough:
        labels = np.array([e.label for e in train], dtype=np.float64)
        prior = np.array([defaults.get(n, 0.0) for n in names], dtype=np.float64)
        raw = fit_pairwise(x, labels, [e.group for e in train], prior, strength)
        candidate, kind = unit_range(names, raw), "linear"
    else:
        candidate, kind = LinearScorer(dict(defaults)), "prior"
    ndcg_candidate, ndcg_active = heldout_ndcg(candidate, heldout), heldout_ndcg(in_use, heldout)
    improvement = (
        ndcg_candidate / ndcg_active - 1 if ndcg_candidate is not None and ndcg_active else None
    )
    activate = (
        enough
        and ndcg_candidate is not None
        and ndcg_active is not None
        and ndcg_candidate >= (1 + REQUIRED_GAIN) * ndcg_active
    )
    metrics: dict[str, Any] = {
        "ndcg5_candidate": ndcg_candidate,
        "ndcg5_active": ndcg_active,
        "active_version": None if active is None else active.version,
        "improvement": improvement,
        "required_improvement": REQUIRED_GAIN,
        "results": len(found),
        "train_rows": len(train),
        "heldout_rows": len(heldout),
        "groups": groups,
        "heldout_groups": ranked_groups(heldout),
        "period_from": heldout[0].published_at.isoformat() if heldout else None,
        "period_to": heldout[-1].published_at.isoformat() if heldout else None,
        "prior_strength": round(strength, 6),
        "enough_data": enough,
    }
    model = ScoringModel(
        id=uuid.uuid4(),
        workspace_id=workspace_id,
        platform=platform,
        version=await repository.next_version(session, workspace_id, platform),
        kind=kind,
        state="candidate",
        params={
            "weights": dict(candidate.weights),
            "baseline": candidate.baseline,
            "features": names,
            **_spread(names, x),
        },
        metrics=metrics,
        training_rows=len(train),
        trained_by_id=trained_by_id,
        note=_note(platform, enough, len(found), groups, activate, metrics),
    )
    await repository.add(session, model)
    await ledger.record(
        session,
        "scoring.trained",
        workspace_id=workspace_id,
        actor_id=trained_by_id,
        payload={
            "model_id": str(model.id),
            "platform": platform,
            "version": model.version,
            "kind": kind,
            "ndcg5_candidate": ndcg_candidate,
            "ndcg5_active": ndcg_active,
            "enough_data": enough,
        },
    )
    log.info(
        "scoring.trained",
        workspace_id=str(workspace_id),
        platform=platform,
        version=model.version,
        results=len(found),
        ndcg5_candidate=ndcg_candidate,
        ndcg5_active=ndcg_active,
        activate=activate,
    )
    return Outcome(model, activate)
