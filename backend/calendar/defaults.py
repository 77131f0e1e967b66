"""Platform-wide default posting times, used while an account has too little history of its
own, and as the prior its history is shrunk toward.

A rough prior, not a measurement: the peaks follow what the public "best time to post" studies
of the social media tools (Sprout Social, Hootsuite, Later; 2023-2024) broadly agree on for
each platform, in the audience's local time: lunch and evening on weekdays for TikTok and
Instagram, late afternoon for YouTube (a video published then is processed and found before the
evening's viewing), late morning at weekends. Nights are weak everywhere. A weight is the
expected views relative to a typical post (1.0).
"""

from __future__ import annotations

from typing import Final

NIGHT_WEIGHT: Final = 0.6
NIGHT_HOURS: Final = range(0, 7)
TYPICAL_WEIGHT: Final = 1.0

# platform -> (weekday peaks {hour: weight}, weekend peaks {hour: weight})
PEAKS: Final[dict[str, tuple[dict[int, float], dict[int, float]]]] = {
    "tiktok": (
        {12: 1.25, 15: 1.2, 19: 1.4, 20: 1.45, 21: 1.3},
        {10: 1.2, 11: 1.25, 19: 1.35, 20: 1.3},
    ),
    "instagram": (
        {11: 1.3, 12: 1.35, 13: 1.2, 19: 1.3, 20: 1.25},
        {10: 1.25, 11: 1.3, 12: 1.15},
    ),
    "youtube": (
        {15: 1.3, 16: 1.4, 17: 1.35, 18: 1.2},
        {10: 1.25, 11: 1.3, 12: 1.25, 15: 1.2},
    ),
}


def default_weight(platform: str, weekday: int, hour: int) -> float:
    """The default's expected views for a post at ``hour`` on ``weekday`` (0 = Monday)."""
    weekday_peaks, weekend_peaks = PEAKS.get(platform, ({}, {}))
    peaks = weekend_peaks if weekday >= 5 else weekday_peaks
    if hour in peaks:
        return peaks[hour]
    return NIGHT_WEIGHT if hour in NIGHT_HOURS else TYPICAL_WEIGHT
