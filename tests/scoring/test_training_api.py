"""Training over the API: a job, every run stored with its held-out metrics, activation only for
a clear winner, rolling back and forward, rejecting, who may do what, and what is rescored."""

from __future__ import annotations

import uuid

import numpy as np
import pytest

from backend.models import Clip, ScoringModel
from backend.scoring import service
from tests.broker import drain
from tests.factories import auth_headers, create_member, create_workspace
from tests.scoring.conftest import ledger_types
from tests.scoring.support import seed_results

METRIC_FIELDS = {
    "ndcg5_candidate", "ndcg5_active", "active_version", "improvement", "results",
    "train_rows", "heldout_rows", "groups", "period_from", "period_to", "prior_strength",
    "enough_data",
}  # fmt: skip


@pytest.fixture
async def team(client, session):
    workspace = await create_workspace(session)
    people = {
        role: await create_member(session, workspace, role)
        for role in ("admin", "editor", "viewer")
    }
    await session.commit()
    headers = {role: await auth_headers(client, user, workspace) for role, user in people.items()}
    return workspace, headers


async def _train(client, headers, run_job, platform="tiktok"):
    drain()
    started = await client.post("/v1/scoring/train", headers=headers, json={"platform": platform})
    assert started.status_code == 202, started.text
    job = started.json()
    assert (job["type"], job["state"], job["params"]) == (
        "scoring.train",
        "pending",
        {"platform": platform},
    )
    assert [m["task"] for m in drain()] == ["scoring.train"]
    assert await run_job(job["id"]) == "succeeded"
    done = await client.get(f"/v1/jobs/{job['id']}", headers=headers)
    assert (done.json()["state"], done.json()["progress"]) == ("succeeded", 100)
    return done.json()["result"]["platforms"][platform]


async def test_every_run_is_stored_and_only_a_clear_winner_is_activated(
    client, session, team, run_job
):
    workspace, headers = team
    await seed_results(session, workspace, np.random.default_rng(7), videos=80, clips_per_video=5)
    await session.commit()

    first = await _train(client, headers["admin"], run_job)
    assert (first["version"], first["state"], first["enough_data"]) == (1, "active", True)
    assert "scoring.rescore" in [m["task"] for m in drain()]
    # The same results again: the new version is no 10% better than the one it would replace.
    second = await _train(client, headers["admin"], run_job)
    assert (second["version"], second["state"]) == (2, "candidate")

    listed = (
        await client.get("/v1/scoring/models?platform=tiktok", headers=headers["viewer"])
    ).json()
    assert [(m["version"], m["state"]) for m in listed["items"]] == [
        (2, "candidate"),
        (1, "active"),
    ]
    newest, oldest = listed["items"]
    assert set(newest["metrics"]) >= METRIC_FIELDS
    assert oldest["metrics"]["active_version"] is None  # compared with the default weights
    assert oldest["metrics"]["ndcg5_candidate"] >= 1.1 * oldest["metrics"]["ndcg5_active"]
    assert newest["metrics"]["active_version"] == 1
    assert newest["metrics"]["ndcg5_candidate"] < 1.1 * newest["metrics"]["ndcg5_active"]
    assert (newest["metrics"]["train_rows"], newest["metrics"]["heldout_rows"]) == (300, 100)
    assert newest["metrics"]["period_from"] < newest["metrics"]["period_to"]
    assert "10% better is needed" in newest["note"]
    assert oldest["activated_at"] is not None
    assert oldest["activated_by_id"] is None
    assert sum(abs(w) for w in oldest["weights"].values()) == pytest.approx(1.0, abs=1e-4)
    only_active = await client.get("/v1/scoring/models?state=active", headers=headers["viewer"])
    assert [m["version"] for m in only_active.json()["items"]] == [1]
    one = await client.get(f"/v1/scoring/models/{newest['id']}", headers=headers["viewer"])
    assert one.json() == newest
    assert await ledger_types(session, workspace.id) == [
        "scoring.trained",
        "scoring.activated",
        "scoring.trained",
    ]


async def test_an_admin_rolls_forward_and_back_and_rejects(client, session, team, run_job):
    workspace, headers = team
    await seed_results(session, workspace, np.random.default_rng(8), videos=80, clips_per_video=5)
    await session.commit()
    v1 = (await _train(client, headers["admin"], run_job))["model_id"]
    v2 = (await _train(client, headers["admin"], run_job))["model_id"]
    admin = headers["admin"]

    forward = await client.post(f"/v1/scoring/models/{v2}/activate", headers=admin)
    assert forward.status_code == 200, forward.text
    assert forward.json()["state"] == "active"
    back = await client.post(f"/v1/scoring/models/{v1}/activate", headers=admin)
    assert back.json()["state"] == "active"
    assert [m["task"] for m in drain()] == ["scoring.rescore", "scoring.rescore"]
    states = {
        m["id"]: m["state"]
        for m in (await client.get("/v1/scoring/models", headers=admin)).json()["items"]
    }
    assert states == {v1: "active", v2: "retired"}
    again = await client.post(f"/v1/scoring/models/{v1}/activate", headers=admin)
    assert again.status_code == 200  # already active: nothing changes

    refused = await client.post(f"/v1/scoring/models/{v1}/reject", headers=admin)
    assert (refused.status_code, refused.json()["error"]) == (409, "scoring_model_active")
    rejected = await client.post(f"/v1/scoring/models/{v2}/reject", headers=admin)
    assert rejected.json()["state"] == "rejected"
    revived = await client.post(f"/v1/scoring/models/{v2}/activate", headers=admin)
    assert (revived.status_code, revived.json()["error"]) == (409, "scoring_model_rejected")
    missing = await client.post(f"/v1/scoring/models/{uuid.uuid4()}/activate", headers=admin)
    assert missing.status_code == 404
    assert (await ledger_types(session, workspace.id))[-3:] == [
        "scoring.activated",
        "scoring.rolled_back",
        "scoring.rejected",
    ]


async def test_editors_and_viewers_read_but_only_admins_train_and_decide(client, session, team):
    workspace, headers = team
    model = ScoringModel(
        workspace_id=workspace.id, platform="tiktok", version=1, kind="prior", state="candidate"
    )
    session.add(model)
    await session.commit()
    for role in ("editor", "viewer"):
        train = await client.post("/v1/scoring/train", headers=headers[role], json={})
        assert train.status_code == 403, role
        assert "rules:approve" in train.json()["detail"]
        for action in ("activate", "reject"):
            response = await client.post(
                f"/v1/scoring/models/{model.id}/{action}", headers=headers[role]
            )
            assert response.status_code == 403, (role, action)
        listed = await client.get("/v1/scoring/models", headers=headers[role])
        assert [m["id"] for m in listed.json()["items"]] == [str(model.id)]


async def test_too_little_data_is_said_in_words(client, session, team, run_job):
    workspace, headers = team
    seeded = await seed_results(
        session, workspace, np.random.default_rng(9), videos=2, clips_per_video=3
    )
    await session.commit()

    run = await _train(client, headers["admin"], run_job)
    assert (run["state"], run["enough_data"]) == ("candidate", False)
    assert run["note"].startswith("Not enough data to learn from: 6 labelled TikTok results")
    model = (
        await client.get(f"/v1/scoring/models/{run['model_id']}", headers=headers["viewer"])
    ).json()
    assert model["kind"] == "prior"
    assert set(model["metrics"]) >= METRIC_FIELDS
    assert (model["metrics"]["heldout_rows"], model["metrics"]["enough_data"]) == (2, False)

    clip = seeded.clips[0]
    score = (
        await client.get(f"/v1/clips/{clip.id}/score?platform=tiktok", headers=headers["viewer"])
    ).json()
    assert score["model"] is None
    assert score["enough_data"] is False
    assert score["message"].startswith(
        "Scored with the default weights: this workspace has 6 TikTok results"
    )


async def test_activation_rescores_only_the_clips_still_to_publish(session, team):
    workspace, _ = team
    seeded = await seed_results(
        session, workspace, np.random.default_rng(10), videos=80, clips_per_video=5
    )
    unpublished = Clip(
        workspace_id=workspace.id,
        asset_id=seeded.clips[0].asset_id,
        start_seconds=500.0,
        end_seconds=530.0,
        rank=9,
        score=0.5,
        scores={"tiktok": 0.5, "youtube": 0.9},
        features=dict(seeded.clips[0].features),
    )
    session.add(unpublished)
    await session.flush()
    outcome = await service.training.run(
        session, workspace.id, "tiktok", _defaults(), trained_by_id=None
    )
    assert outcome.activate
    ctx = _admin_ctx(workspace.id)
    await service.activate(session, ctx, outcome.model.id)

    assert await service.rescore(session, outcome.model.id) == 1
    expected = service.training.scorer_of(outcome.model).score(
        {**unpublished.features, "duration_fit": unpublished.features["duration_fit"]["tiktok"]}
    )
    assert unpublished.scores == {"tiktok": round(expected, 4), "youtube": 0.9}
    assert unpublished.score == 0.9  # the best platform's score
    assert all(clip.scores == {"tiktok": 0.5} for clip in seeded.clips)  # published: as they were
    assert await service.rescore(session, outcome.model.id) == 0


def _defaults():
    from backend.rules.defaults import SCORING_WEIGHTS_V1

    return SCORING_WEIGHTS_V1["tiktok"]


def _admin_ctx(workspace_id):
    from types import SimpleNamespace

    return SimpleNamespace(workspace_id=workspace_id, user_id=None)


async def test_training_a_workspace_with_no_results_says_so(client, session, team, run_job):
    _, headers = team
    started = await client.post("/v1/scoring/train", headers=headers["admin"], json={})
    assert await run_job(started.json()["id"]) == "succeeded"
    job = (await client.get(f"/v1/jobs/{started.json()['id']}", headers=headers["admin"])).json()
    assert job["result"] == {
        "platforms": {},
        "note": "No platform has published results yet: nothing to learn.",
    }
    listed = await client.get("/v1/scoring/models", headers=headers["admin"])
    assert listed.json()["items"] == []
