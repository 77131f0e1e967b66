"""Learnt clip scores: training runs (on demand and daily), activating and rolling back a
version, rescoring the clips still to be published, and a clip's score explained.

Without an active version for a platform, the default weights (``scoring_weights``) score."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.clips import service as clips
from backend.enqueue import enqueue
from backend.errors import Conflict, NotFound
from backend.iam.context import WorkspaceContext
from backend.jobs import service as jobs
from backend.models import Job, ScoringModel
from backend.pagination import Slice, Window
from backend.rules import service as rules
from backend.rules.service import ScoringSetup
from backend.scoring import explore, repository, training
from backend.scoring.labels import flatten
from backend.scoring.schemas import ClipScoreOut
from core.clock import utcnow
from core.ranking import BASELINE, LinearScorer

log = structlog.get_logger(__name__)

TRAIN_JOB = "scoring.train"
RESCORE_TASK = "scoring.rescore"

Progress = Callable[[float, float], Awaitable[None]]


class ModelNotFound(NotFound):
    code = "scoring_model_not_found"
    default_message = "No such scoring model version in this workspace."


class ModelRejected(Conflict):
    code = "scoring_model_rejected"
    default_message = "This version was rejected; train a new one instead of activating it."


class ModelActive(Conflict):
    code = "scoring_model_active"
    default_message = "This version scores the workspace's clips now; activate another first."


async def list_models(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    window: Window,
    *,
    platform: str | None = None,
    state: str | None = None,
) -> Slice[ScoringModel]:
    return await repository.models_page(
        session, workspace_id, window, platform=platform, state=state
    )


async def get_model(
    session: AsyncSession, workspace_id: uuid.UUID, model_id: uuid.UUID
) -> ScoringModel:
    model = await repository.get_model(session, workspace_id, model_id)
    if model is None:
        raise ModelNotFound()
    return model


async def request_training(
    session: AsyncSession, ctx: WorkspaceContext, platform: str | None
) -> Job:
    """A ``scoring.train`` job: its progress and result are the job's."""
    return await jobs.submit(
        session,
        workspace_id=ctx.workspace_id,
        type=TRAIN_JOB,
        created_by_id=ctx.user_id,
        params={} if platform is None else {"platform": platform},
    )


async def _platforms(session: AsyncSession, job: Job, defaults: dict[str, Any]) -> list[str]:
    if job.params.get("platform"):
        return [str(job.params["platform"])]
    return [p for p in defaults if await repository.results_count(session, job.workspace_id, p) > 0]


async def train_job(session: AsyncSession, job: Job, progress: Progress) -> dict[str, Any]:
    """Train each platform the job names (or every one with results); activate the winners."""
    defaults = (await rules.scoring_setup(session)).weights
    platforms = await _platforms(session, job, defaults)
    if not platforms:
        return {"platforms": {}, "note": "No platform has published results yet: nothing to learn."}
    trained: dict[str, Any] = {}
    for done, platform in enumerate(platforms):
        outcome = await training.run(
            session,
            job.workspace_id,
            platform,
            defaults.get(platform, {}),
            trained_by_id=job.created_by_id,
        )
        if outcome.activate:
            await _make_active(session, outcome.model, actor_id=None, event="scoring.activated")
        trained[platform] = {
            "model_id": str(outcome.model.id),
            "version": outcome.model.version,
            "state": outcome.model.state,
            "enough_data": outcome.model.metrics["enough_data"],
            "note": outcome.model.note,
        }
        await progress(done + 1, len(platforms))
    return {"platforms": trained}


async def _make_active(
    session: AsyncSession, model: ScoringModel, *, actor_id: uuid.UUID | None, event: str
) -> None:
    await repository.lock_scoring(session, model.workspace_id)
    current = await repository.active_model(session, model.workspace_id, model.platform)
    if current is not None and current.id != model.id:
        current.state = "retired"
        await session.flush()  # one active version at a time, even between the two writes
    model.state, model.activated_at, model.activated_by_id = "active", utcnow(), actor_id
    await ledger.record(
        session,
        event,
        workspace_id=model.workspace_id,
        actor_id=actor_id,
        payload={
            "model_id": str(model.id),
            "platform": model.platform,
            "version": model.version,
            "previous_version": None if current is None else current.version,
        },
    )
    enqueue(session, RESCORE_TASK, model_id=model.id)
    log.info(event, platform=model.platform, version=model.version)


async def activate(
    session: AsyncSession, ctx: WorkspaceContext, model_id: uuid.UUID
) -> ScoringModel:
    """Roll back (to an older version) or forward; the clips still to publish are rescored."""
    await repository.lock_scoring(session, ctx.workspace_id)
    model = await repository.get_model(session, ctx.workspace_id, model_id)
    if model is None:
        raise ModelNotFound()
    if model.state == "rejected":
        raise ModelRejected()
    if model.state == "active":
        return model
    current = await repository.active_model(session, ctx.workspace_id, model.platform)
    back = current is not None and model.version < current.version
    event = "scoring.rolled_back" if back else "scoring.activated"
    await _make_active(session, model, actor_id=ctx.user_id, event=event)
    return model


async def reject(session: AsyncSession, ctx: WorkspaceContext, model_id: uuid.UUID) -> ScoringModel:
    await repository.lock_scoring(session, ctx.workspace_id)
    model = await repository.get_model(session, ctx.workspace_id, model_id)
    if model is None:
        raise ModelNotFound()
    if model.state == "active":
        raise ModelActive()
    if model.state != "rejected":
        model.state = "rejected"
        await ledger.record(
            session,
            "scoring.rejected",
            workspace_id=model.workspace_id,
            actor_id=ctx.user_id,
            payload={
                "model_id": str(model.id),
                "platform": model.platform,
                "version": model.version,
            },
        )
    return model


async def rescore(session: AsyncSession, model_id: uuid.UUID) -> int:
    """Score the workspace's unpublished clips for the model's platform with whatever is active
    there now (a later activation may have overtaken this one); returns how many changed."""
    model = await session.get(ScoringModel, model_id)
    if model is None:
        return 0
    platform = model.platform
    active = await repository.active_model(session, model.workspace_id, platform)
    defaults = (await rules.scoring_setup(session)).weights.get(platform, {})
    scorer = training.scorer_of(active) if active is not None else LinearScorer(defaults)
    changed = 0
    for clip in await repository.unpublished_clips(session, model.workspace_id):
        score = round(scorer.score(flatten(clip.features or {}, platform)), 4)
        if clip.scores.get(platform) != score:
            clip.scores = {**clip.scores, platform: score}
            clip.score = max(clip.scores.values())
            changed += 1
    log.info("scoring.rescored", platform=platform, clips=changed)
    return changed


async def schedule(session: AsyncSession) -> int:
    """A training job for every workspace and platform with results newer than its last run."""
    pairs = await repository.with_new_results(session)
    for workspace_id, platform in pairs:
        await jobs.submit(
            session,
            workspace_id=workspace_id,
            type=TRAIN_JOB,
            created_by_id=None,
            params={"platform": platform},
        )
    log.info("scoring.scheduled", jobs=len(pairs))
    return len(pairs)


async def workspace_setup(
    session: AsyncSession, workspace_id: uuid.UUID, setup: ScoringSetup
) -> ScoringSetup:
    """The weights new clips of this workspace are scored with: each platform's active learnt
    version (its constant as the ``baseline`` feature, always 1) over the default weights."""
    weights = dict(setup.weights)
    for model in await repository.active_models(session, workspace_id):
        if model.platform in weights:
            scorer = training.scorer_of(model)
            weights[model.platform] = {**scorer.weights, BASELINE: scorer.baseline}
    return dataclasses.replace(setup, weights=weights)


async def clip_score(
    session: AsyncSession, ctx: WorkspaceContext, clip_id: uuid.UUID, platform: str | None
) -> ClipScoreOut:
    clip = await clips.get(session, ctx, clip_id)
    defaults = (await rules.scoring_setup(session)).weights
    if platform is None:
        known = {p: s for p, s in clip.scores.items() if p in defaults}
        platform = max(known, key=lambda p: known[p]) if known else next(iter(sorted(defaults)))
    model = await repository.active_model(session, ctx.workspace_id, platform)
    results = await repository.results_count(session, ctx.workspace_id, platform)
    return explore.explain(clip, platform, model, defaults.get(platform, {}), results)
