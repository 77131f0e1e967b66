"""Where a campaign may post: the wall-clock slots of each target over the campaign's dates, in
its time zone, turned into UTC instants (DST-correct: a time the clocks skip has no instant)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_WINDOW = (time(9, 0), time(21, 0))


@dataclass(frozen=True)
class LocalSlot:
    """A slot as the campaign sees it. ``exists`` is False when that wall-clock time does not
    exist on that day (the hour the clocks skip); ``at`` is then where UTC arithmetic lands."""

    day: date
    clock: time
    at: datetime
    exists: bool = True


def parse_clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def cadence_times(posts_per_day: int, window: tuple[time, time]) -> list[time]:
    """``posts_per_day`` times spread evenly over the platform's posting window: the window's
    start and end when several, its middle when one."""
    start = window[0].hour * 60 + window[0].minute
    end = max(start, window[1].hour * 60 + window[1].minute)
    if posts_per_day == 1:
        marks = [(start + end) // 2]
    else:
        step = (end - start) / (posts_per_day - 1)
        marks = [round(start + i * step) for i in range(posts_per_day)]
    return [time(min(m, 1439) // 60, min(m, 1439) % 60) for m in marks]


def local_slot(day: date, clock: time, zone: ZoneInfo) -> LocalSlot:
    local = datetime.combine(day, clock, tzinfo=zone)
    at = local.astimezone(UTC)
    # A time in the skipped hour comes back shifted by the zone's jump: it does not exist.
    exists = at.astimezone(zone).replace(tzinfo=None) == local.replace(tzinfo=None)
    return LocalSlot(day, clock, at, exists)


def days(starts_on: date, ends_on: date) -> Iterator[date]:
    day = starts_on
    while day <= ends_on:
        yield day
        day += timedelta(days=1)


def weekly(
    starts_on: date, ends_on: date, zone: ZoneInfo, slots: list[tuple[int, time]]
) -> list[LocalSlot]:
    """Each weekday/time of ``slots`` on every matching day of the range."""
    found = []
    for day in days(starts_on, ends_on):
        for clock in sorted({clock for weekday, clock in slots if weekday == day.weekday()}):
            found.append(local_slot(day, clock, zone))
    return found


def cadence(starts_on: date, ends_on: date, zone: ZoneInfo, times: list[time]) -> list[LocalSlot]:
    return [
        local_slot(day, clock, zone)
        for day in days(starts_on, ends_on)
        for clock in sorted(set(times))
    ]
