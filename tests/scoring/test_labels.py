"""Labels: each post's result against its own account's median, so a small account's hit counts
as much as a large one's; the 7-day reading when there is one, else the one nearest 48 hours."""

from __future__ import annotations

import math
import uuid
from datetime import UTC, datetime, timedelta

from backend.scoring.labels import Published, Reading, examples, flatten
from core.ranking import mean_ndcg, ndcg_at

START = datetime(2026, 9, 1, tzinfo=UTC)
BIG, SMALL = uuid.uuid4(), uuid.uuid4()


def _post(account, views, *, hours=48, day=0, watch=None, readings=None):
    published_at = START + timedelta(days=day)
    return Published(
        publication_id=uuid.uuid4(),
        account_id=account,
        group=uuid.uuid4(),
        published_at=published_at,
        features={},
        readings=readings or [Reading(published_at + timedelta(hours=hours), views, watch)],
    )


def test_a_small_and_a_big_account_compare_by_their_own_median():
    posts = [
        _post(BIG, 10_000, day=0), _post(BIG, 20_000, day=1), _post(BIG, 5_000, day=2),
        _post(SMALL, 100, day=3), _post(SMALL, 200, day=4), _post(SMALL, 50, day=5),
    ]  # fmt: skip
    labels = [e.label for e in examples(posts)]  # oldest first
    big_median, big_hit, big_miss, small_median, small_hit, small_miss = labels
    assert big_median == small_median == 0.0
    assert abs(big_hit - math.log(2)) < 0.001
    assert abs(small_hit - math.log(2)) < 0.01
    assert abs(big_miss - small_miss) < 0.02
    assert big_miss < 0
    # The small account's hit beats the big account's ordinary post, whatever the raw views.
    assert small_hit > big_median


def test_the_seven_day_reading_wins_and_young_posts_wait():
    published = START
    week_old = _post(BIG, 0, readings=[
        Reading(published + timedelta(hours=47), 1_000, None),
        Reading(published + timedelta(days=7, hours=2), 4_000, None),
        Reading(published + timedelta(days=9), 9_000, None),
    ])  # fmt: skip
    two_days = _post(BIG, 0, readings=[
        Reading(published + timedelta(hours=30), 500, None),
        Reading(published + timedelta(hours=60), 2_000, None),
    ])  # fmt: skip
    young = _post(BIG, 0, readings=[Reading(published + timedelta(hours=10), 100, None)])
    found = {e.publication_id: e for e in examples([week_old, two_days, young])}
    assert set(found) == {week_old.publication_id, two_days.publication_id}
    assert found[week_old.publication_id].horizon == "7d"
    assert found[two_days.publication_id].horizon == "48h"
    # Median of 4,000 and 2,000 is 3,000.
    assert abs(found[week_old.publication_id].label - math.log(4_001 / 3_001)) < 1e-12


def test_watch_time_per_view_counts_where_the_platform_gives_it():
    held = _post(SMALL, 1_000, watch=20_000.0, day=0)  # 20 s a view
    skimmed = _post(SMALL, 1_000, watch=5_000.0, day=1)  # 5 s a view
    held_label, skimmed_label = (e.label for e in examples([held, skimmed]))
    assert held_label > 0 > skimmed_label
    assert abs(held_label - 0.5 * math.log((20.1) / (12.6))) < 1e-9


def test_flatten_takes_this_platforms_duration_fit():
    features = {
        "hook": 0.5,
        "faces": 1,
        "note": "x",
        "duration_fit": {"tiktok": 0.25, "youtube": 1},
    }
    assert flatten(features, "tiktok") == {"hook": 0.5, "faces": 1.0, "duration_fit": 0.25}
    assert flatten({}, "youtube") == {"duration_fit": 0.0}


def test_ndcg_at_five():
    assert ndcg_at([3, 2, 1], [2, 1, 0]) == 1.0
    assert ndcg_at([1, 2, 3], [0, 0, 0]) is None
    worst = ndcg_at([1, 2, 3], [2, 1, 0])
    assert worst is not None
    assert 0 < worst < 1
    # Groups of one, or whose results are all alike, are left out of the mean.
    assert mean_ndcg([([1.0], [5.0]), ([1, 2], [1.0, 1.0]), ([2, 1], [1.0, 0.0])]) == 1.0
