"""Synthetic results: clips of many source videos published to accounts of very different sizes,
whose views follow a hidden preference over the clip features."""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy.ext.asyncio import AsyncSession

from backend.models import Asset, Clip, Publication, PublicationMetric, Workspace
from backend.rules.defaults import SCORING_WEIGHTS_V1
from core.clock import utcnow
from tests.factories import create_platform_account

FEATURES = ("hook", "cut_rate", "speech_density", "silence_ratio", "motion", "faces")
# What this audience likes, unlike the default weights: faces and speech, not hooks or cuts.
HIDDEN = {
    "hook": -0.6,
    "cut_rate": -0.8,
    "speech_density": 1.0,
    "silence_ratio": 0.2,
    "motion": -0.4,
    "faces": 1.5,
    "duration_fit": 0.3,
}
ACCOUNT_SIZES = (150, 20_000, 3_000_000)


def random_features(rng: np.random.Generator, narrow: tuple[str, ...] = ()) -> dict[str, object]:
    """Uniform in [0, 1]; the ``narrow`` features only in [0, 0.2]."""
    values: dict[str, object] = {
        name: round(float(rng.uniform()) * (0.2 if name in narrow else 1.0), 4) for name in FEATURES
    }
    values["duration_fit"] = {p: round(float(rng.uniform()), 4) for p in SCORING_WEIGHTS_V1}
    return values


def hidden_utility(features: dict[str, float]) -> float:
    return sum(weight * features.get(name, 0.0) for name, weight in HIDDEN.items())


@dataclass
class Seeded:
    clips: list[Clip] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)


async def seed_results(
    session: AsyncSession,
    workspace: Workspace,
    rng: np.random.Generator,
    *,
    videos: int,
    clips_per_video: int,
    platform: str = "tiktok",
    start: datetime | None = None,
    read_after: timedelta = timedelta(hours=48),
    noise: float = 0.3,
    narrow: tuple[str, ...] = (),
) -> Seeded:
    """Each video's clips go out over the days after ``start`` (default: 90 days ago), each to
    one of the accounts; one reading ``read_after`` publishing. Views are the account's size
    times exp(2.5 x hidden utility), times log-normal noise."""
    start = start or utcnow() - timedelta(days=90)
    accounts = [
        await create_platform_account(session, workspace, platform, username=f"size-{size}")
        for size in ACCOUNT_SIZES
    ]
    seeded = Seeded()
    for video in range(videos):
        asset = Asset(
            id=uuid.uuid4(),
            workspace_id=workspace.id,
            display_name=f"video-{video}.mp4",
            storage_key=f"assets/{uuid.uuid4().hex}/source.mp4",
            size_bytes=1000,
            sha256=uuid.uuid4().hex * 2,
            state="ready",
            duration_seconds=600.0,
        )
        session.add(asset)
        for rank in range(clips_per_video):
            features = random_features(rng, narrow)
            clip = Clip(
                id=uuid.uuid4(),
                workspace_id=workspace.id,
                asset_id=asset.id,
                start_seconds=float(rank * 30),
                end_seconds=float(rank * 30 + 25),
                rank=rank + 1,
                score=0.5,
                scores={platform: 0.5},
                features=features,
            )
            seeded.clips.append(clip)
            session.add(clip)
            account_index = int(rng.integers(len(accounts)))
            account = accounts[account_index]
            published_at = start + timedelta(hours=video * 24 * 60 / videos + rank)
            flat = {**features, "duration_fit": features["duration_fit"][platform]}  # type: ignore[index]
            utility = hidden_utility(flat)  # type: ignore[arg-type]
            views = ACCOUNT_SIZES[account_index] * math.exp(2.5 * utility) * rng.lognormal(0, noise)
            publication = Publication(
                id=uuid.uuid4(),
                workspace_id=workspace.id,
                clip_id=clip.id,
                account_id=account.id,
                platform=platform,
                sandbox=True,
                idempotency_key=uuid.uuid4().hex,
                state="published",
                published_at=published_at,
            )
            seeded.publications.append(publication)
            session.add(publication)
            session.add(
                PublicationMetric(
                    id=uuid.uuid4(),
                    publication_id=publication.id,
                    workspace_id=workspace.id,
                    captured_at=published_at + read_after,
                    views=int(views),
                )
            )
    await session.flush()
    return seeded
