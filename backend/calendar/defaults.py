"""Platform-wide default posting times, used while an account has too little history of its
own, and as the prior its history is shrunk toward.

A rough prior, not a measurement: the peaks (each platform plugin's ``audience_peaks``) follow
what the public "best time to post" studies of the social media tools (Sprout Social, Hootsuite,
Later; 2023-2024) broadly agree on for each platform, in the audience's local time: lunch and
evening on weekdays for TikTok and Instagram, late afternoon for YouTube (a video published then
is processed and found before the evening's viewing), late morning at weekends. Nights are weak
everywhere. A weight is the expected views relative to a typical post (1.0).
"""

from __future__ import annotations

from typing import Final

from backend.platforms import registry

NIGHT_WEIGHT: Final = 0.6
NIGHT_HOURS: Final = range(0, 7)
TYPICAL_WEIGHT: Final = 1.0


def default_weight(platform: str, weekday: int, hour: int) -> float:
    """The default's expected views for a post at ``hour`` on ``weekday`` (0 = Monday)."""
    try:
        weekday_peaks, weekend_peaks = registry.plugin(platform).audience_peaks
    except registry.UnknownPlatform:
        weekday_peaks, weekend_peaks = {}, {}
    peaks = weekend_peaks if weekday >= 5 else weekday_peaks
    if hour in peaks:
        return peaks[hour]
    return NIGHT_WEIGHT if hour in NIGHT_HOURS else TYPICAL_WEIGHT
