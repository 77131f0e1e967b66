"""The planner, one constraint at a time, on plain facts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from backend.campaigns.facts import CampaignRules, ClipFacts, Limits, PastPost, PlanInput, Target
from backend.campaigns.planner import plan
from bench.planner_check import violations

NOW = datetime(2027, 3, 1, tzinfo=UTC)
START = date(2027, 3, 2)  # a Tuesday
LIMITS = {"tiktok": Limits(3, 600, 15), "youtube": Limits(1, 60, 6)}


def clip(i: int, score: float, asset: str = "a", **extra) -> ClipFacts:
    fields = {"duration": 30.0, "scores": {"tiktok": score, "youtube": score}}
    return ClipFacts(id=f"c{i}", asset_id=asset, **(fields | extra))


def facts(*clips: ClipFacts, days: int = 1, times=("10:00",), **rules) -> PlanInput:
    slots = tuple((d, time.fromisoformat(t)) for d in range(7) for t in times)
    campaign = CampaignRules(
        seed="s", time_zone="UTC", starts_on=START, ends_on=START + timedelta(days=days - 1)
    )
    return PlanInput(
        campaign=replace(campaign, **rules),
        targets=(Target("acct", "tiktok", slots),),
        clips=clips,
        limits=LIMITS,
        now=NOW,
    )


def test_the_best_clip_goes_first_with_its_reason():
    result = plan(facts(clip(1, 0.4), clip(2, 0.9), days=2))
    assert [p.clip_id for p in result.picks] == ["c2", "c1"]
    assert "Highest score left for TikTok (0.90)" in result.picks[0].reason["text"]


def test_blackout_past_and_skipped_hour_are_skips_with_their_constraint():
    spring = facts(clip(1, 0.9), times=("02:30",), time_zone="Europe/Madrid")
    spring = replace(
        spring,
        campaign=replace(spring.campaign, starts_on=date(2027, 3, 28), ends_on=date(2027, 3, 28)),
    )
    assert [s.constraint for s in plan(spring).skips] == ["nonexistent_time"]
    blackout = plan(facts(clip(1, 0.9), days=2, blackout=frozenset({START})))
    assert [s.constraint for s in blackout.skips] == ["blackout"]
    assert len(blackout.picks) == 1
    past = plan(replace(facts(clip(1, 0.9)), now=datetime(2027, 3, 3, tzinfo=UTC)))
    assert [s.constraint for s in past.skips] == ["past"]


def test_slots_follow_the_zone_across_the_clock_change():
    result = plan(
        facts(
            *(clip(i, 0.5) for i in range(4)),
            time_zone="America/New_York",
            starts_on=date(2027, 3, 13),
            ends_on=date(2027, 3, 16),
        )
    )
    hours = [p.slot_at.hour for p in result.picks]
    assert hours == [15, 14, 14, 14]  # 10:00 EST, then 10:00 EDT from 14 March


def test_the_gap_counts_the_accounts_other_publications():
    other = PastPost("acct", "x", "b", datetime(2027, 3, 2, 10, 30, tzinfo=UTC), published=False)
    result = plan(replace(facts(clip(1, 0.9), min_gap_minutes=60), history=(other,)))
    assert [s.constraint for s in result.skips] == ["min_gap"]
    assert "less than 60 minutes" in result.skips[0].reason


def test_the_daily_quota_comes_from_the_platform():
    limits = {"tiktok": Limits(3, 600, 2)}
    result = plan(
        replace(
            facts(
                *(clip(i, 0.5) for i in range(5)),
                times=("09:00", "12:00", "15:00"),
                min_gap_minutes=0,
            ),
            limits=limits,
        )
    )
    assert len(result.picks) == 2
    assert [s.constraint for s in result.skips] == ["daily_quota"]


def test_duration_rejection_and_sources_filter_clips():
    clips = (
        clip(1, 0.99, duration=900.0),  # longer than TikTok takes
        clip(2, 0.98, rejected=True),
        clip(3, 0.97, asset="other"),
        clip(4, 0.5, asset="mine"),
        clip(5, 0.4, asset="tagged", tags=frozenset({"launch"})),
    )
    result = plan(
        facts(
            *clips, days=3, source_asset_ids=frozenset({"mine"}), source_tags=frozenset({"launch"})
        )
    )
    assert [p.clip_id for p in result.picks] == ["c4", "c5"]
    assert [s.constraint for s in result.skips] == ["no_clip"]


def test_a_clip_never_repeats_on_an_account_but_evergreen_brings_the_best_back():
    old = NOW - timedelta(days=40)
    history = (
        PastPost("acct", "c1", "a", old, published=True, performance=0.5),
        PastPost("acct", "c2", "a", old, published=True, performance=2.5),
        PastPost("acct", "c3", "a", NOW - timedelta(days=5), published=True, performance=9.0),
    )
    clips = (clip(1, 0.9), clip(2, 0.1), clip(3, 0.8))
    strict = plan(replace(facts(*clips), history=history))
    assert [s.constraint for s in strict.skips] == ["no_clip"]
    evergreen = plan(
        replace(
            facts(*clips, days=3, evergreen=True, cooldown_days=30, max_reuses=1), history=history
        )
    )
    # Best performer first (c2: 2.5x the median), then c1; c3 is still cooling down.
    assert [(p.clip_id, p.reuse) for p in evergreen.picks] == [("c2", 1), ("c1", 1)]
    assert "2.5x the account's median views" in evergreen.picks[0].reason["text"]
    assert [s.constraint for s in evergreen.skips] == ["no_clip"]


def test_sources_are_spread_and_the_reason_says_so():
    result = plan(
        facts(clip(1, 0.9, asset="a"), clip(2, 0.85, asset="a"), clip(3, 0.8, asset="b"), days=2)
    )
    assert [p.clip_id for p in result.picks] == ["c1", "c3"]  # not "a" twice in a row
    two = replace(
        facts(clip(1, 0.9, asset="a"), clip(2, 0.89, asset="b")),
        targets=(Target("x", "tiktok", ((1, time(10)),)), Target("y", "tiktok", ((1, time(10)),))),
    )
    picks = plan(two).picks
    assert {p.asset_id for p in picks} == {"a", "b"}
    assert "other account" in picks[1].reason["text"]


def test_exploration_takes_an_unpublished_lower_clip_deterministically():
    clips = tuple(clip(i, 1 - i / 100) for i in range(30))
    explore = facts(*clips, days=20, exploration_share=0.5)
    explore = replace(explore, published_on={"tiktok": frozenset({"c5"})})
    first, second = plan(explore), plan(explore)
    assert first.picks == second.picks
    explored = [p for p in first.picks if p.exploration]
    assert 3 <= len(explored) <= 17
    assert all("Exploration" in p.reason["text"] and p.clip_id != "c5" for p in explored)
    assert violations(explore, first.picks) == []


def test_planning_again_with_the_picks_in_place_adds_nothing():
    first = facts(*(clip(i, 0.5) for i in range(10)), days=5)
    result = plan(first)
    history = tuple(
        PastPost(p.account_id, p.clip_id, p.asset_id, p.slot_at, False) for p in result.picks
    )
    taken = frozenset((p.account_id, p.slot_at) for p in result.picks)
    again = plan(replace(first, history=history, taken=taken))
    assert (again.picks, again.kept) == ([], 5)


def test_cadence_spreads_posts_over_the_window():
    cadence = replace(
        facts(*(clip(i, 0.5) for i in range(6)), mode="cadence", posts_per_day=3),
        limits={"tiktok": Limits(3, 600, 15, (time(9), time(21)))},
    )
    assert [p.slot_at.hour for p in plan(cadence).picks] == [9, 15, 21]
