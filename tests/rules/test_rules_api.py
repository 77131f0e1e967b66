"""The rules and scoring weights in force, as any member of a workspace reads them."""

from __future__ import annotations

from tests.factories import auth_headers, create_member, create_workspace


async def test_a_viewer_reads_the_platform_rules_and_scoring_weights(client, session):
    workspace = await create_workspace(session)
    viewer = await create_member(session, workspace, "viewer")
    await session.commit()
    headers = await auth_headers(client, viewer, workspace)

    rules = await client.get("/v1/platform-rules", headers=headers)
    assert rules.status_code == 200
    platforms = {rule["platform"] for rule in rules.json()["items"]}
    assert platforms >= {"instagram", "tiktok", "youtube"}

    weights = await client.get("/v1/scoring-weights", headers=headers)
    assert weights.status_code == 200
    versions = [w["version"] for w in weights.json()["items"]]
    assert versions
    assert versions == sorted(versions)
