"""Best times to post: the pure scoring, and GET /v1/accounts/{id}/best-times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from backend.calendar import best_times, defaults
from backend.calendar.best_times import Post, score_hours
from backend.models import PublicationMetric
from backend.platforms import registry
from tests.calendar.conftest import Team

# A Tuesday, 09:00 UTC, well in the past.
TUESDAY_9 = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


def flat(weekday: int, hour: int) -> float:
    return 1.0


def _history(good: int, ordinary: int) -> list[Post]:
    """``good`` Tuesday 09:00 posts at 300 views; ``ordinary`` Wednesday 14:00 ones at 100."""
    return [Post(TUESDAY_9 + timedelta(weeks=i), 300) for i in range(good)] + [
        Post(TUESDAY_9 + timedelta(days=1, hours=5, weeks=i), 100) for i in range(ordinary)
    ]


def test_an_hour_the_account_does_well_at_comes_first() -> None:
    slots = score_hours(_history(6, 6), flat)
    best = slots[0]
    assert (best.weekday, best.hour, best.posts, best.source) == (1, 9, 6, "history")
    # Median 200: the good hour's posts are 1.5 each, shrunk toward 1.0 by three prior posts.
    assert best.score == round((6 * 1.5 + best_times.PRIOR_POSTS) / (6 + best_times.PRIOR_POSTS), 3)
    assert len(slots) == best_times.TOP
    # The ordinary hour (0.5 each) sinks below every untouched hour.
    assert all((s.weekday, s.hour) != (2, 14) for s in slots)


def test_few_posts_move_an_hour_less_than_many() -> None:
    # Twelve ordinary posts keep the median at 100 in both; the good hour's posts are 2.0 each.
    ordinary = [Post(TUESDAY_9 + timedelta(days=3, weeks=i), 100) for i in range(12)]
    good = [Post(TUESDAY_9 + timedelta(weeks=i), 200) for i in range(6)]
    few = score_hours(ordinary + good[:1], flat)[0]
    many = score_hours(ordinary + good, flat)[0]
    assert ((few.weekday, few.hour), (many.weekday, many.hour)) == ((1, 9), (1, 9))
    assert (few.score, many.score) == (1.25, round(15 / 9, 3))


def test_too_little_history_gives_the_platform_defaults() -> None:
    slots = score_hours(
        _history(3, 3), lambda wd, h: defaults.default_weight("tiktok", wd, h), top=3
    )
    assert {s.source for s in slots} == {"platform_default"}
    # TikTok's weekday evening peak, Monday first.
    assert [(s.weekday, s.hour, s.score) for s in slots] == [
        (0, 20, 1.45),
        (1, 20, 1.45),
        (2, 20, 1.45),
    ]
    tuesday_9 = score_hours(_history(3, 3), flat, top=168)
    assert next(s.posts for s in tuesday_9 if (s.weekday, s.hour) == (1, 9)) == 3


def test_defaults_favour_days_over_nights() -> None:
    for platform in (plugin.name for plugin in registry.plugins()):
        assert defaults.default_weight(platform, 2, 3) < defaults.default_weight(platform, 2, 10)
    assert defaults.default_weight("unknown", 5, 12) == defaults.TYPICAL_WEIGHT


async def _published(team: Team, at: datetime, views: int) -> None:
    publication = await team.publication(state="published", published_at=at, remote_post_id="p")
    for age, seen in ((timedelta(hours=2), views * 10), (timedelta(hours=47), views)):
        team.session.add(
            PublicationMetric(
                publication_id=publication.id,
                workspace_id=team.workspace.id,
                captured_at=at + age,
                views=seen,
            )
        )
    await team.session.commit()


async def test_best_times_learn_from_the_accounts_own_posts(team: Team) -> None:
    base = (datetime.now(UTC) - timedelta(days=90)).replace(minute=0, second=0, microsecond=0)
    base -= timedelta(days=base.weekday())  # a Monday
    for week in range(6):
        await _published(team, base.replace(hour=8) + timedelta(weeks=week), 900)
        await _published(team, base.replace(hour=16) + timedelta(days=2, weeks=week), 100)

    response = await team.client.get(
        f"/v1/accounts/{team.account.id}/best-times",
        params={"tz": "Europe/Madrid"},
        headers=team.headers["viewer"],
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["based_on_posts"] == 12
    assert body["message"].startswith("From 12 published posts of this account")
    best = body["times"][0]
    # 08:00 UTC is 09:00 or 10:00 in Madrid (winter or summer time).
    assert best["weekday"] == 0
    assert best["time"] in ("09:00", "10:00")
    assert (best["posts"], best["source"]) == (6, "history")
    assert 5 <= len(body["times"]) <= 10


async def test_best_times_fall_back_to_platform_defaults(team: Team) -> None:
    base = datetime.now(UTC) - timedelta(days=20)
    for day in range(3):
        await _published(team, base + timedelta(days=day), 100)
    response = await team.client.get(
        f"/v1/accounts/{team.account.id}/best-times", headers=team.headers["editor"]
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["based_on_posts"] == 3
    assert "typical good times on TikTok" in body["message"]
    assert {t["source"] for t in body["times"]} == {"platform_default"}
    assert (body["times"][0]["weekday"], body["times"][0]["time"]) == (0, "20:00")


async def test_an_unknown_time_zone_is_refused(team: Team) -> None:
    response = await team.client.get(
        f"/v1/accounts/{team.account.id}/best-times",
        params={"tz": "Mars/Olympus"},
        headers=team.headers["admin"],
    )
    assert response.status_code == 422
    assert "Mars/Olympus" in response.json()["detail"]
