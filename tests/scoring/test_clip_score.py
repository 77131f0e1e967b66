"""A clip's score explained: contributions largest first that add up to the score, with the
default weights and with a learnt version; new clips scored the same way; unexplored clips."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np

from backend.rules import service as rules
from backend.rules.defaults import PLATFORM_RULES_V1, SCORING_WEIGHTS_V1
from backend.scoring import explore, service, training
from backend.scoring.labels import flatten
from tests.factories import auth_headers, create_clip, create_member, create_workspace
from tests.scoring.support import seed_results
from workers.media.scoring import duration_fit, score_clip
from workers.media.segment import Candidate

FEATURES = {
    "hook": 0.9, "cut_rate": 0.2, "speech_density": 0.7, "silence_ratio": 0.3, "motion": 0.4,
    "faces": 0.8, "duration_fit": {"tiktok": 1.0, "youtube": 0.5, "instagram": 0.75},
}  # fmt: skip


def _assert_explained(body: dict) -> None:
    contributions = [c["contribution"] for c in body["contributions"]]
    assert abs(math.fsum(contributions) - body["score"]) < 1e-9
    assert abs(sum(contributions) - body["score"]) < 1e-9
    sizes = [abs(c) for c in contributions]
    assert sizes == sorted(sizes, reverse=True)
    for row in body["contributions"]:
        assert abs(row["value"] * row["weight"] - row["contribution"]) < 1e-12


async def test_default_weights_explain_the_clip_and_say_so(client, session):
    workspace = await create_workspace(session)
    viewer = await create_member(session, workspace, "viewer")
    clip = await create_clip(
        session, workspace, features=FEATURES, scores={"tiktok": 0.6, "youtube": 0.7}
    )
    await session.commit()
    headers = await auth_headers(client, viewer, workspace)

    body = (await client.get(f"/v1/clips/{clip.id}/score?platform=tiktok", headers=headers)).json()
    _assert_explained(body)
    assert (body["platform"], body["model"], body["enough_data"]) == ("tiktok", None, False)
    weights = SCORING_WEIGHTS_V1["tiktok"]
    expected = sum(w * flatten(FEATURES, "tiktok")[name] for name, w in weights.items())
    assert abs(body["score"] - expected) < 1e-12
    assert [c["feature"] for c in body["contributions"][:2]] == ["hook", "duration_fit"]
    assert "baseline" not in [c["feature"] for c in body["contributions"]]
    assert body["message"] == (
        "Scored with the default weights: this workspace has 0 TikTok results; learning starts "
        "with 20 and leans on the defaults until around 200."
    )
    best = (await client.get(f"/v1/clips/{clip.id}/score", headers=headers)).json()
    assert best["platform"] == "youtube"  # left out: the platform the clip scores best on
    other = await create_workspace(session, name="other")
    stranger = await create_member(session, other, "admin")
    await session.commit()
    elsewhere = await client.get(
        f"/v1/clips/{clip.id}/score", headers=await auth_headers(client, stranger, other)
    )
    assert elsewhere.status_code == 404


async def test_a_learnt_version_explains_with_its_baseline_and_scores_new_clips_alike(
    client, session
):
    workspace = await create_workspace(session)
    viewer = await create_member(session, workspace, "viewer")
    await seed_results(session, workspace, np.random.default_rng(11), videos=80, clips_per_video=5)
    clip = await create_clip(session, workspace, features=FEATURES, scores={"tiktok": 0.6})
    outcome = await training.run(
        session, workspace.id, "tiktok", SCORING_WEIGHTS_V1["tiktok"], trained_by_id=None
    )
    await service.activate(
        session, SimpleNamespace(workspace_id=workspace.id, user_id=None), outcome.model.id
    )
    await session.commit()
    headers = await auth_headers(client, viewer, workspace)

    body = (await client.get(f"/v1/clips/{clip.id}/score?platform=tiktok", headers=headers)).json()
    _assert_explained(body)
    assert body["model"] == {
        "id": str(outcome.model.id),
        "version": 1,
        "kind": "linear",
        "state": "active",
    }
    assert 0.0 <= body["score"] <= 1.0
    assert "baseline" in [c["feature"] for c in body["contributions"]]
    assert (body["results"], body["enough_data"]) == (400, True)
    assert body["message"] == "Scored with version 1, learnt from 300 TikTok results."

    # The media pipeline scores a new clip of this workspace with the same weights.
    setup = await service.workspace_setup(session, workspace.id, await rules.scoring_setup(session))
    assert setup.weights["youtube"] == SCORING_WEIGHTS_V1["youtube"]
    span = Candidate(0.0, 30.0)
    fits = {p: duration_fit(30.0, PLATFORM_RULES_V1[p]) for p in setup.weights}
    plain = {k: v for k, v in FEATURES.items() if k != "duration_fit"}
    extractor = SimpleNamespace(features=lambda _: plain)
    scored = score_clip(extractor, span, setup.weights, setup.rules)  # type: ignore[arg-type]
    learnt = training.scorer_of(outcome.model).score({**plain, "duration_fit": fits["tiktok"]})
    assert scored.scores["tiktok"] == round(learnt, 4)


async def test_clips_unlike_the_training_clips_are_unexplored(session):
    workspace = await create_workspace(session)
    await seed_results(
        session,
        workspace,
        np.random.default_rng(12),
        videos=80,
        clips_per_video=5,
        narrow=("faces",),
    )
    usual = await create_clip(session, workspace, features={**FEATURES, "faces": 0.1})
    unusual = await create_clip(session, workspace, features={**FEATURES, "faces": 0.9})
    assert await explore.unexplored_clips(session, workspace.id, "tiktok", [usual, unusual]) == {
        usual.id,
        unusual.id,
    }  # nothing learnt yet: every clip is exploration
    outcome = await training.run(
        session, workspace.id, "tiktok", SCORING_WEIGHTS_V1["tiktok"], trained_by_id=None
    )
    await service.activate(
        session, SimpleNamespace(workspace_id=workspace.id, user_id=None), outcome.model.id
    )
    assert await explore.unexplored_clips(session, workspace.id, "tiktok", [usual, unusual]) == {
        unusual.id
    }
    assert explore.EXPLORATION_SHARE == 0.10
