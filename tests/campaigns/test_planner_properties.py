"""Random campaigns: no pick ever breaks a constraint (checked by the independent checker of
bench/planner_check.py), every skip names its constraint, and planning again with the picks in
place adds nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.campaigns.facts import (
    CampaignRules,
    ClipFacts,
    Limits,
    PastPost,
    PlanInput,
    Target,
)
from backend.campaigns.planner import plan
from bench.planner_check import violations

PLATFORMS = ("instagram", "tiktok", "youtube")
ZONES = ("UTC", "Europe/Madrid", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe")
CONSTRAINTS = {"past", "blackout", "nonexistent_time", "min_gap", "daily_quota", "no_clip"}
START = date(2027, 3, 10)  # spans the March clock changes in both hemispheres' zones
NOW = datetime(2027, 3, 11, 12, tzinfo=UTC)  # some slots are already past

clock = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))
slots = st.lists(st.tuples(st.integers(0, 6), clock), min_size=1, max_size=8)


@st.composite
def campaigns(draw: st.DrawFn) -> PlanInput:
    assets = [f"asset-{i}" for i in range(draw(st.integers(1, 6)))]
    clips = tuple(
        ClipFacts(
            id=f"clip-{i}",
            asset_id=draw(st.sampled_from(assets)),
            duration=draw(st.floats(0.5, 1000)),
            scores={p: draw(st.floats(0, 1)) for p in PLATFORMS},
            tags=frozenset(draw(st.lists(st.sampled_from(["a", "b", "c"]), max_size=2))),
            rejected=draw(st.booleans()) and draw(st.booleans()),
        )
        for i in range(draw(st.integers(0, 25)))
    )
    targets = tuple(
        Target(f"acct-{i}", draw(st.sampled_from(PLATFORMS)), tuple(draw(slots)))
        for i in range(draw(st.integers(1, 6)))
    )
    limits = {
        p: Limits(
            min_duration=draw(st.floats(0, 30)),
            max_duration=draw(st.floats(30, 900)),
            posts_per_day=draw(st.integers(1, 6)),
            window=(draw(clock), draw(clock)),
        )
        for p in PLATFORMS
    }
    days = draw(st.integers(1, 21))
    earlier = (
        [draw(st.sampled_from(clips)) for _ in range(draw(st.integers(0, 10)))] if clips else []
    )
    history = []
    for clip in earlier:
        at = NOW + timedelta(hours=draw(st.integers(-24 * 120, 24 * 20)))
        history.append(
            PastPost(
                draw(st.sampled_from(targets)).account_id,
                clip.id,
                clip.asset_id,
                at,
                published=at < NOW and draw(st.booleans()),  # only the past can be published
                performance=draw(st.none() | st.floats(0, 5)),
            )
        )
    rules = CampaignRules(
        seed=draw(st.text(max_size=8)),
        time_zone=draw(st.sampled_from(ZONES)),
        starts_on=START,
        ends_on=START + timedelta(days=days - 1),
        mode=draw(st.sampled_from(["slots", "cadence"])),
        posts_per_day=draw(st.integers(1, 6)),
        min_gap_minutes=draw(st.integers(0, 600)),
        blackout=frozenset(
            START + timedelta(days=d) for d in draw(st.lists(st.integers(0, days), max_size=4))
        ),
        source_asset_ids=frozenset(draw(st.lists(st.sampled_from(assets), max_size=2))),
        source_tags=frozenset(draw(st.lists(st.sampled_from(["a", "b"]), max_size=1))),
        evergreen=draw(st.booleans()),
        cooldown_days=draw(st.integers(1, 60)),
        max_reuses=draw(st.integers(0, 3)),
        exploration_share=draw(st.sampled_from([0.0, 0.1, 0.5])),
    )
    published = {
        p: frozenset(draw(st.lists(st.sampled_from([c.id for c in clips] or ["none"]))))
        for p in PLATFORMS
    }
    return PlanInput(rules, targets, clips, limits, NOW, tuple(history), frozenset(), published)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(campaigns())
def test_no_pick_ever_breaks_a_constraint_and_replanning_adds_nothing(facts: PlanInput) -> None:
    result = plan(facts)
    assert violations(facts, result.picks) == []
    assert all(skip.constraint in CONSTRAINTS and skip.reason for skip in result.skips)
    assert all(pick.reason["text"] for pick in result.picks)
    assert plan(facts).picks == result.picks  # deterministic

    applied = tuple(
        PastPost(p.account_id, p.clip_id, p.asset_id, p.slot_at, published=False)
        for p in result.picks
    )
    again = replace(
        facts,
        history=facts.history + applied,
        taken=frozenset((p.account_id, p.slot_at) for p in result.picks),
    )
    second = plan(again)
    assert second.picks == []
    assert second.kept == len(result.picks)
