"""The campaign planner at full size, side by side with a naive planner.

30 days x 50 accounts (on the three platforms) x 1,000 clips from 100 sources, 3 slots a day,
a 60-minute gap, two blackout dates, evergreen on with a history of published posts, 10%
exploration. The planner (backend/campaigns/planner.py) is timed best of N runs; the baseline
is the straightforward planner: for every slot, scan every clip, filter it, score it and take
the best (same constraints, no pre-sorting, no early stop). Both plans are verified by the
independent checker (bench/planner_check.py).

Run: ``python -m bench.planner [--runs 5]``. A full run writes bench/results/planner.json; a
smaller one (``--days``/``--accounts``/``--clips`` changed) only prints.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

from backend.campaigns import planner
from backend.campaigns.facts import (
    CampaignRules,
    ClipFacts,
    Limits,
    PastPost,
    Pick,
    Plan,
    PlanInput,
    Skip,
    Target,
)
from backend.campaigns.facts_db import limits_from_rules
from backend.platforms import registry
from bench.planner_check import violations

RESULTS = Path(__file__).resolve().parent / "results" / "planner.json"
FULL = {"days": 30, "accounts": 50, "clips": 1000}
TARGET_SECONDS = 2.0
PLATFORMS: tuple[str, ...] = tuple(plugin.name for plugin in registry.plugins())
# Each platform's limits as the planner gets them when no rules version was ever changed: the
# plugin's first render rules and its published posting rules.
LIMITS: dict[str, Limits] = {
    plugin.name: limits_from_rules(plugin.name, {**plugin.render_rules_v1, **plugin.posting_rules})
    for plugin in registry.plugins()
}


def build(days: int, accounts: int, clips: int, seed: int = 14) -> PlanInput:
    rng = random.Random(seed)
    starts = date(2027, 3, 1)
    now = datetime(2027, 2, 28, tzinfo=UTC)
    slots = tuple(
        (weekday, clock(h, m)) for weekday in range(7) for h, m in ((9, 0), (13, 0), (18, 30))
    )
    targets = tuple(Target(f"acct-{i:03d}", PLATFORMS[i % 3], slots) for i in range(accounts))
    facts = tuple(
        ClipFacts(
            id=f"clip-{i:04d}",
            asset_id=f"asset-{i % 100:03d}",
            duration=rng.uniform(5, 240),
            scores={p: round(rng.random(), 4) for p in PLATFORMS},
            tags=frozenset({f"tag-{i % 7}"}),
            rejected=rng.random() < 0.03,
        )
        for i in range(clips)
    )
    reposted = [(t, facts[rng.randrange(clips)]) for t in targets for _ in range(10)]
    history = tuple(
        PastPost(
            t.account_id,
            clip.id,
            clip.asset_id,
            now - timedelta(days=rng.randint(31, 120)),
            published=True,
            performance=rng.uniform(0.2, 3.0),
        )
        for t, clip in reposted
    )
    rules = CampaignRules(
        seed="bench",
        time_zone="Europe/Madrid",  # March holds the spring-forward change
        starts_on=starts,
        ends_on=starts + timedelta(days=days - 1),
        min_gap_minutes=60,
        blackout=frozenset({starts + timedelta(days=6), starts + timedelta(days=13)}),
        evergreen=True,
        cooldown_days=30,
        max_reuses=2,
        exploration_share=0.1,
    )
    published = {p: frozenset(rng.sample([c.id for c in facts], clips // 5)) for p in PLATFORMS}
    return PlanInput(rules, targets, facts, LIMITS, now, history, frozenset(), published)


def naive(facts: PlanInput) -> Plan:
    """For every slot, every clip: the obvious planner, same rules, no index."""
    rules = facts.campaign
    gap = timedelta(minutes=rules.min_gap_minutes)
    posts: dict[str, list[tuple[datetime, str]]] = {t.account_id: [] for t in facts.targets}
    for post in facts.history:
        posts[post.account_id].append((post.at, post.clip_id))
    result = Plan()
    work = [
        (s, t)
        for t in facts.targets
        for s in planner.target_slots(rules, t, facts.limits[t.platform])
    ]
    work.sort(key=lambda item: (item[0].at, item[1].account_id))
    for slot, target in work:
        mine = posts[target.account_id]
        limits = facts.limits[target.platform]
        day_count = sum(1 for at, _ in mine if at.astimezone(slot.at.tzinfo).date() == slot.day)
        if not slot.exists or slot.day in rules.blackout or slot.at <= facts.now:
            result.skips.append(Skip(target.account_id, slot.at, "calendar", ""))
            continue
        if any(abs(at - slot.at) < gap for at, _ in mine) or day_count >= limits.posts_per_day:
            result.skips.append(Skip(target.account_id, slot.at, "spacing", ""))
            continue
        best: tuple[float, ClipFacts] | None = None
        for clip in facts.clips:
            if (
                clip.rejected
                or not planner.fits(clip, limits)
                or not planner.in_sources(clip, rules)
            ):
                continue
            if any(clip_id == clip.id for _, clip_id in mine):
                continue
            score = clip.scores.get(target.platform, 0.0)
            if best is None or score > best[0]:
                best = (score, clip)
        if best is None:
            result.skips.append(Skip(target.account_id, slot.at, "no_clip", ""))
            continue
        score, clip = best
        result.picks.append(
            Pick(
                target.account_id,
                target.platform,
                slot.at,
                clip.id,
                clip.asset_id,
                score,
                False,
                0,
                {},
            )
        )
        mine.append((slot.at, clip.id))
    return result


def best_of(runs: int, facts: PlanInput, run: Any) -> tuple[float, Plan]:
    timings, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = run(facts)
        timings.append(time.perf_counter() - started)
    assert result is not None
    return min(timings), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--naive-runs", type=int, default=1)
    for name, value in FULL.items():
        parser.add_argument(f"--{name}", type=int, default=value)
    args = parser.parse_args(argv)
    facts = build(args.days, args.accounts, args.clips)
    ours_s, ours = best_of(args.runs, facts, planner.plan)
    naive_s, baseline = best_of(args.naive_runs, facts, naive)
    ours_bad, naive_bad = violations(facts, ours.picks), violations(facts, baseline.picks)
    slots = len(ours.picks) + len(ours.skips) + ours.kept
    rows = [
        ("planner", ours_s, len(ours.picks), len(ours.skips), len(ours_bad)),
        ("naive", naive_s, len(baseline.picks), len(baseline.skips), len(naive_bad)),
    ]
    print(f"{args.days} days x {args.accounts} accounts x {args.clips} clips: {slots} slots")
    print(f"{'':8} {'seconds':>8} {'picks':>6} {'skips':>6} {'violations':>10}")
    for name, seconds, picks, skips, bad in rows:
        print(f"{name:8} {seconds:8.3f} {picks:6d} {skips:6d} {bad:10d}")
    ratio = naive_s / ours_s if ours_s else float("inf")
    met = ours_s < TARGET_SECONDS and not ours_bad
    print(
        f"naive / planner: {ratio:.1f}x; target < {TARGET_SECONDS} s, 0 violations: "
        f"{'met' if met else 'NOT met'}"
    )
    for line in ours_bad[:10]:
        print("  violation:", line)
    full = all(getattr(args, name) == value for name, value in FULL.items())
    if full:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(
            json.dumps(
                {
                    "date": datetime.now(UTC).replace(microsecond=0).isoformat(),
                    "machine": {
                        "platform": platform.platform(),
                        "python": platform.python_version(),
                        "cpus": __import__("os").cpu_count(),
                    },
                    "settings": {
                        **FULL,
                        "slots_per_day": 3,
                        "platforms": list(PLATFORMS),
                        "runs": args.runs,
                        "naive_runs": args.naive_runs,
                    },
                    "slots": slots,
                    "planner": {
                        "seconds": round(ours_s, 4),
                        "picks": len(ours.picks),
                        "skips": len(ours.skips),
                        "violations": len(ours_bad),
                        "explorations": sum(p.exploration for p in ours.picks),
                        "reuses": sum(p.reuse > 0 for p in ours.picks),
                    },
                    "naive": {
                        "seconds": round(naive_s, 4),
                        "picks": len(baseline.picks),
                        "skips": len(baseline.skips),
                        "violations": len(naive_bad),
                    },
                    "ratio_naive_to_planner": round(ratio, 1),
                    "target": {"target": f"< {TARGET_SECONDS} s, 0 violations", "met": met},
                },
                indent=2,
            )
            + "\n"
        )
        print(f"wrote {RESULTS.relative_to(RESULTS.parents[2])}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
