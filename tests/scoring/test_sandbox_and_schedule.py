"""The acceptance test: posts published to the sandbox, their insights collected, training stores
a version with held-out metrics. And the daily round trains only where results are new."""

from __future__ import annotations

import uuid
from datetime import timedelta

import numpy as np
from sqlalchemy import select

from backend.models import Job, Publication, PublicationMetric
from backend.scoring import service
from tests.broker import drain
from tests.factories import create_workspace
from tests.scoring.support import seed_results
from workers.publishing import insights


async def test_training_on_sandbox_insights_stores_a_version_with_heldout_metrics(world, run_job):
    published = []
    for name in ("small_creator", "big_brand"):
        account = await world.connect("tiktok", name)
        publication_id = await world.approve(account, f"posted by {name}")
        assert await world.run_until_final(publication_id) == ["published"]
        published.append(uuid.UUID(publication_id))
    assert await insights.collect(world.sessions, world.sandbox.settings) == 2
    # Two days pass: the posts went out three days before their first reading.
    for publication_id in published:
        publication = await world.session.get(Publication, publication_id, populate_existing=True)
        assert publication is not None
        assert publication.published_at is not None
        publication.published_at -= timedelta(days=3)
    await world.session.commit()

    started = await world.api.post("/v1/scoring/train", headers=world.headers, json={})
    assert started.status_code == 202, started.text
    assert await run_job(started.json()["id"]) == "succeeded"
    job = (await world.api.get(f"/v1/jobs/{started.json()['id']}", headers=world.headers)).json()
    assert list(job["result"]["platforms"]) == ["tiktok"]  # the only platform with results

    models = (await world.api.get("/v1/scoring/models", headers=world.headers)).json()["items"]
    [model] = models
    assert (model["platform"], model["version"], model["state"]) == ("tiktok", 1, "candidate")
    metrics = model["metrics"]
    assert (metrics["results"], metrics["train_rows"], metrics["heldout_rows"]) == (2, 1, 1)
    assert metrics["enough_data"] is False
    # One clip is no ranking: the held-out NDCG is there, and says there was nothing to rank.
    assert "ndcg5_candidate" in metrics
    assert metrics["ndcg5_candidate"] is None
    assert metrics["period_from"] is not None
    assert model["note"].startswith("Not enough data to learn from: 2 labelled TikTok results")

    score = await world.api.get(
        f"/v1/clips/{world.clip_id}/score?platform=tiktok", headers=world.headers
    )
    assert score.json()["message"].startswith(
        "Scored with the default weights: this workspace has 2 TikTok results"
    )


async def test_the_daily_round_trains_where_results_are_new(session):
    fresh = await create_workspace(session)
    await seed_results(session, fresh, np.random.default_rng(13), videos=4, clips_per_video=2)
    quiet = await create_workspace(session)
    await session.commit()
    drain()

    assert (fresh.id, "tiktok") in await service.repository.with_new_results(session)
    assert await service.schedule(session) >= 1
    await session.commit()
    jobs = (
        await session.scalars(select(Job).where(Job.workspace_id.in_([fresh.id, quiet.id])))
    ).all()
    assert [(j.workspace_id, j.type, j.params) for j in jobs] == [
        (fresh.id, "scoring.train", {"platform": "tiktok"})
    ]
    assert "scoring.train" in [m["task"] for m in drain()]

    # Trained since its last reading: nothing new until another reading comes.
    await service.training.run(session, fresh.id, "tiktok", {"hook": 1.0}, trained_by_id=None)
    assert (fresh.id, "tiktok") not in await service.repository.with_new_results(session)
    publication = (
        await session.scalars(select(Publication).where(Publication.workspace_id == fresh.id))
    ).first()
    assert publication is not None
    session.add(
        PublicationMetric(
            publication_id=publication.id,
            workspace_id=fresh.id,
            captured_at=service.utcnow() + timedelta(minutes=1),
            views=10,
        )
    )
    await session.flush()
    assert (fresh.id, "tiktok") in await service.repository.with_new_results(session)
