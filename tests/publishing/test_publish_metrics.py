"""Each engine run is counted in /metrics by platform, outcome and error class."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from backend.metrics import service


def _outcomes(settings) -> dict[tuple[str, str, str], float]:
    text = service.render(settings).decode()
    return {
        (s.labels["platform"], s.labels["outcome"], s.labels["error_class"]): s.value
        for family in text_string_to_metric_families(text)
        if family.name == "stakazo_publish_outcomes"
        for s in family.samples
    }


async def test_a_publication_counts_as_published_and_a_revoked_account_as_auth(world):
    settings = world.sandbox.settings
    before = _outcomes(settings)
    account = await world.connect("tiktok", "counted")
    assert await world.run_until_final(await world.approve(account, "counted")) == ["published"]
    world.sandbox.platform_control(
        "tiktok", "POST", "/revoke", json={"remote_account_id": account["remote_id"]}
    )
    assert await world.run_until_final(await world.approve(account, "refused")) == ["failed"]

    after = _outcomes(settings)
    for labels in (("tiktok", "published", "none"), ("tiktok", "failed", "auth")):
        assert after[labels] == before[labels] + 1, labels
